import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { ruleKinds } from '../../../shared/contracts/rules.js';
import {
  diffBodies,
  useRuleHistory,
  type RuleHistoryView,
  type RuleKind,
  type RuleVersionView,
} from './api.js';
import { JsonEditor, PriorityEditor, VocabularyEditor } from './editors.js';
import { dateTimeFormat } from '../../i18n/formats.js';

/**
 * The organisation's rules (DESIGN §8): pick a kind, edit it (a form for the priority matrix and the
 * vocabularies, the contract-checked JSON for the rest), and read every earlier version with its changes.
 */
export function RulesPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RuleKind>('priority');
  return (
    <section className="page page--form" data-testid="org-rules-page">
      <PageHeading title={t('rules.title')}>{t('rules.title')}</PageHeading>
      <p>{t('rules.intro')}</p>
      <div className="field">
        <label htmlFor="rule-kind">{t('rules.kind')}</label>
        <select
          id="rule-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as RuleKind)}
          data-testid="rule-kind"
        >
          {ruleKinds.map((k) => (
            <option key={k} value={k}>
              {t(`rules.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <KindPanel key={kind} kind={kind} />
    </section>
  );
}

function KindPanel({ kind }: { kind: RuleKind }) {
  const history = useRuleHistory(kind);
  return (
    <QueryState query={history}>
      {(h) => (
        <>
          <VersionLine v={h.current} />
          <Editor kind={kind} h={h} />
          <History h={h} />
        </>
      )}
    </QueryState>
  );
}

function Editor({ kind, h }: { kind: RuleKind; h: RuleHistoryView }) {
  const key = `${kind}-${h.current.version}`;
  if (kind === 'priority') return <PriorityEditor key={key} current={h.current} />;
  if (kind === 'vocabularies') return <VocabularyEditor key={key} current={h.current} />;
  return <JsonEditor key={key} kind={kind} current={h.current} />;
}

function VersionLine({ v }: { v: RuleVersionView }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) =>
    dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  if (v.version === 0) return <p className="muted">{t('rules.defaultVersion')}</p>;
  return (
    <p>
      <strong>{t('rules.version', { version: v.version })}</strong>
      {v.changedBy && v.changedAt ? (
        <span className="muted">
          {' '}
          — {t('rules.changedBy', { who: v.changedBy.displayName, when: when(v.changedAt) })}
        </span>
      ) : null}
      <br />
      <span className="small">{v.reason}</span>
    </p>
  );
}

function History({ h }: { h: RuleHistoryView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="rule-history" data-testid="rule-history">
      <h2 id="rule-history">{t('rules.history')}</h2>
      <ol className="records" reversed>
        {h.history.map((v, i) => {
          const older = h.history[i + 1];
          const changes = older ? diffBodies(older.body, v.body) : [];
          return (
            <li key={v.version} className="record">
              <VersionLine v={v} />
              {older ? (
                <details>
                  <summary>{t('rules.showChanges')}</summary>
                  {changes.length === 0 ? (
                    <p className="muted">{t('rules.noChanges')}</p>
                  ) : (
                    <ul className="rule-diff">
                      {changes.map((c) => (
                        <li key={c.path}>
                          <code>{c.path}</code>: <del>{c.from}</del> → <ins>{c.to}</ins>
                        </li>
                      ))}
                    </ul>
                  )}
                </details>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
