import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldSet } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { missionTypeCodes } from '../../../shared/network.js';
import { openStatuses } from '../../../shared/workflow.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from '../cases/api.js';
import { formatDateTime, formatTimeLeft, useNow } from '../cases/format.js';
import {
  useCaseNetwork,
  useDispatch,
  useProposals,
  type Dispatch,
  type OfferStatus,
  type Proposals,
} from './api.js';
import { minutesText, useNetworkTerms } from './labels.js';
import { MissionList } from './Missions.js';
import { checkInChoices, dispatchDefaults, dispatchForm, replyChoices } from './dispatchForm.js';
import { PanelForm } from './PanelForm.js';
import './network.css';

const offerTag: Record<OfferStatus, string> = {
  offered: 'tag tag--progress',
  accepted: 'tag tag--ok',
  declined: 'tag tag--muted',
  not_needed: 'tag tag--muted',
};

/**
 * Dispatch from the case page (DESIGN §3), for users with network:dispatch: the nearest available
 * responders with the skill the mission needs, who was left out and why, and the SMS offer; then each
 * offer's answer and the case's missions, fetched every 2 s so an SMS "YES" shows up by itself.
 */
export function DispatchPanel({ c }: { c: CaseDetail }) {
  const user = useCurrentUser();
  if (!rolesAllow(user.roles, 'network:dispatch')) return null;
  return <Panel c={c} />;
}

function Panel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const network = useCaseNetwork(c.id, true);
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);
  // An ended case shows its dispatches and missions, and takes no new dispatch.
  const canSend = openStatuses.includes(c.status);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const dispatches = [...(network.data?.dispatches ?? [])].sort((a, b) => b.number - a.number);
  const missions = network.data?.missions ?? [];

  return (
    <section
      className="card case-section response-section network-dispatch"
      aria-labelledby="dispatch-title"
      data-testid="dispatch-panel"
    >
      <div className="response-section__head">
        <h2 id="dispatch-title">{t('network.dispatch.title')}</h2>
        {canSend ? (
          <button
            ref={buttonRef}
            type="button"
            className="button button--small"
            aria-expanded={open}
            aria-controls={open ? 'dispatch-form' : undefined}
            onClick={() => {
              setSent(null);
              setOpen((x) => !x);
            }}
            data-testid="dispatch-open"
          >
            {t('network.dispatch.open')}
          </button>
        ) : null}
      </div>
      <p className="muted small response-section__intro">{t('network.dispatch.intro')}</p>
      {sent ? (
        <p ref={sentRef} tabIndex={-1} className="alert alert--ok" role="status" data-testid="dispatch-sent">
          {sent}
        </p>
      ) : null}
      {open ? (
        <DispatchForm
          c={c}
          onDone={(message) => {
            setOpen(false);
            if (message) setSent(message);
            else window.requestAnimationFrame(() => buttonRef.current?.focus());
          }}
        />
      ) : null}

      <QueryState query={network}>
        {() => (
          <>
            {dispatches.length === 0 ? (
              <p className="muted" data-testid="dispatch-none">
                {t('network.dispatch.none')}
              </p>
            ) : (
              <>
                <h3>{t('network.dispatch.statusTitle')}</h3>
                {/* Announced when an answer arrives by SMS; not the ticking times. */}
                <p className="visually-hidden" aria-live="polite">
                  {dispatches[0]
                    ? `${t('network.dispatch.callNumber', { n: dispatches[0].number })}: ${t(
                        `network.dispatchStatus.${dispatches[0].status}`,
                      )}, ${t('network.dispatch.acceptedOf', {
                        accepted: dispatches[0].accepted,
                        needed: dispatches[0].needed,
                      })}`
                    : null}
                </p>
                <ul className="records" data-testid="dispatch-list">
                  {dispatches.map((d) => (
                    <DispatchItem key={d.id} d={d} />
                  ))}
                </ul>
              </>
            )}
            {missions.length > 0 ? (
              <>
                <h3>{t('network.missions.caseTitle')}</h3>
                <MissionList
                  missions={missions}
                  showCase={false}
                  canCheckIn={rolesAllow(user.roles, 'missions:check_in')}
                  testId="case-missions"
                />
              </>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

function DispatchItem({ d }: { d: Dispatch }) {
  const { t, i18n } = useTranslation();
  const terms = useNetworkTerms();
  const now = useNow(10_000);
  const lng = i18n.language;
  const when = (iso: string) => `${formatDateTime(iso, lng, 'short')} ${t('cases.eat')}`;
  const offers = [...d.offers].sort((a, b) => a.rank - b.rank);
  return (
    <li className="record" data-testid="dispatch" data-number={d.number} data-status={d.status}>
      <div className="record__head">
        <strong>{t('network.dispatch.callNumber', { n: d.number })}</strong>
        <span className="chip">{terms.missionType(d.missionType)}</span>
        <span
          className={
            d.status === 'filled'
              ? 'tag tag--ok'
              : d.status === 'open'
                ? 'tag tag--progress'
                : 'tag tag--late'
          }
          data-testid="dispatch-status"
        >
          {t(`network.dispatchStatus.${d.status}`)}
        </span>
        <span data-testid="dispatch-accepted">
          {t('network.dispatch.acceptedOf', { accepted: d.accepted, needed: d.needed })}
        </span>
      </div>
      <p className="record__meta muted">
        {t('network.dispatch.sentAt', { at: when(d.createdAt) })}
        {d.status === 'open'
          ? ` · ${t('network.dispatch.replyDue', { left: formatTimeLeft(d.replyDueAt, now, lng) })}`
          : null}
        {d.level < 3 ? ` · ${t(`network.dispatch.level.${d.level as 0 | 1 | 2}`)}` : null}
      </p>
      <ul className="network-offers">
        {offers.map((o) => (
          <li key={o.responderId} data-testid="dispatch-offer" data-name={o.name} data-status={o.status}>
            <span>{o.name}</span>{' '}
            <span className={offerTag[o.status]} data-testid="dispatch-offer-status">
              {t(`network.offerStatus.${o.status}`)}
            </span>
            {o.answeredAt ? <span className="muted small"> · {when(o.answeredAt)}</span> : null}
          </li>
        ))}
      </ul>
    </li>
  );
}

const areaMatchKey = (n: number) =>
  `network.areaMatch.${Math.max(0, Math.min(3, n)) as 0 | 1 | 2 | 3}` as const;

function DispatchForm({ c, onDone }: { c: CaseDetail; onDone: (sent?: string) => void }) {
  const { t, i18n } = useTranslation();
  const terms = useNetworkTerms();
  const lng = i18n.language;
  const form = useZodForm(dispatchForm, { defaultValues: dispatchDefaults });
  const missionType = form.watch('missionType');
  const selected = form.watch('responderIds');
  const proposals = useProposals(c.id, missionType, true);
  const [topN, setTopN] = useState('3');
  /** False until the dispatcher changes the choice: the top three are asked by default. */
  const [picked, setPicked] = useState(false);
  const send = useDispatch(c.id);

  const candidates = proposals.data?.candidates;
  useEffect(() => {
    // Until the dispatcher chooses, the top three of the current mission type's ranking.
    if (!picked)
      form.setValue(
        'responderIds',
        (candidates ?? []).slice(0, 3).map((x) => x.responderId),
      );
  }, [picked, candidates, form]);
  const choose = (ids: string[]) => {
    setPicked(true);
    form.setValue('responderIds', ids);
  };
  const toggle = (id: string, on: boolean) =>
    choose(on ? [...selected, id] : selected.filter((x) => x !== id));

  return (
    <PanelForm
      id="dispatch-form"
      form={form}
      onSubmit={async (body) => {
        const res = await send.mutateAsync(body);
        onDone(t('network.dispatch.sent', { count: res.offered, n: res.number }));
      }}
      title={t('network.dispatch.formTitle')}
      help={t('network.dispatch.formHelp')}
      summaryTestId="dispatch-errors"
      labels={{
        missionType: t('network.dispatch.missionType'),
        needed: t('network.dispatch.needed'),
        checkInMinutes: t('network.dispatch.checkIn'),
        replyMinutes: t('network.dispatch.reply'),
      }}
      submitLabel={t('network.dispatch.submit', { count: selected.length })}
      onCancel={() => onDone()}
    >
      <div className="field-row">
        <Field
          id="dispatch-type"
          name="missionType"
          registerOptions={{ onChange: () => setPicked(false) }}
          label={t('network.dispatch.missionType')}
        >
          {(p) => (
            <select {...p} data-testid="dispatch-type">
              {missionTypeCodes.map((m) => (
                <option key={m} value={m}>
                  {terms.missionType(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="dispatch-needed"
          name="needed"
          label={t('network.dispatch.needed')}
          hint={t('network.dispatch.neededHint')}
        >
          {(p) => (
            <input {...p} type="number" min={1} max={10} inputMode="numeric" data-testid="dispatch-needed" />
          )}
        </Field>
        <Field
          id="dispatch-check-in"
          name="checkInMinutes"
          label={t('network.dispatch.checkIn')}
          hint={t('network.dispatch.checkInHint')}
        >
          {(p) => (
            <select {...p} data-testid="dispatch-check-in">
              {checkInChoices.map((m) => (
                <option key={m} value={String(m)}>
                  {t('network.dispatch.every', { every: minutesText(m, lng) })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="dispatch-reply"
          name="replyMinutes"
          label={t('network.dispatch.reply')}
          hint={t('network.dispatch.replyHint')}
        >
          {(p) => (
            <select {...p} data-testid="dispatch-reply">
              {replyChoices.map((m) => (
                <option key={m} value={String(m)}>
                  {minutesText(m, lng)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <FieldSet
        id="dispatch-candidates"
        name="responderIds"
        legend={t('network.dispatch.candidates')}
        hint={t('network.dispatch.candidatesHint')}
      >
        <QueryState query={proposals}>
          {(data) => (
            <Candidates
              proposals={data}
              selected={selected}
              toggle={toggle}
              topN={topN}
              setTopN={setTopN}
              takeTop={(n) => choose(data.candidates.slice(0, n).map((x) => x.responderId))}
            />
          )}
        </QueryState>
      </FieldSet>
    </PanelForm>
  );
}

function Candidates({
  proposals,
  selected,
  toggle,
  topN,
  setTopN,
  takeTop,
}: {
  proposals: Proposals;
  selected: string[];
  toggle: (id: string, on: boolean) => void;
  topN: string;
  setTopN: (v: string) => void;
  takeTop: (n: number) => void;
}) {
  const { t } = useTranslation();
  const terms = useNetworkTerms();
  const { candidates, skipped } = proposals;
  const n = Number(topN);
  return (
    <>
      {candidates.length === 0 ? (
        <p className="alert alert--warning" data-testid="dispatch-no-candidates">
          {t('network.dispatch.noCandidates')}
        </p>
      ) : (
        <>
          <div className="network-top-n">
            <label htmlFor="dispatch-top-n">{t('network.dispatch.topN')}</label>
            <input
              id="dispatch-top-n"
              type="number"
              min={1}
              max={Math.min(20, candidates.length)}
              inputMode="numeric"
              value={topN}
              onChange={(e) => setTopN(e.target.value)}
              data-testid="dispatch-top-n"
            />
            <button
              type="button"
              className="button button--small"
              onClick={() => takeTop(Number.isInteger(n) && n > 0 ? Math.min(20, n) : 1)}
              data-testid="dispatch-take-top"
            >
              {t('network.dispatch.takeTop')}
            </button>
            <span className="muted small" role="status">
              {t('network.dispatch.selectedCount', { count: selected.length })}
            </span>
          </div>
          <ol className="network-candidates" data-testid="dispatch-candidates">
            {candidates.map((x) => (
              <li key={x.responderId} data-testid="dispatch-candidate" data-name={x.name}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={selected.includes(x.responderId)}
                    onChange={(e) => toggle(x.responderId, e.target.checked)}
                    data-testid="dispatch-candidate-check"
                  />
                  <span>
                    <strong>{x.name}</strong>
                    {x.homeCentre ? <span className="muted"> · {x.homeCentre}</span> : null}
                    <span className="network-block small">
                      <span
                        className={x.areaMatch >= 3 ? 'tag tag--ok' : 'tag tag--open'}
                        data-testid="candidate-area"
                      >
                        {t(areaMatchKey(x.areaMatch))}
                      </span>{' '}
                      <span data-testid="candidate-load">
                        {t('network.roster.load', { load: x.load, limit: x.caseloadLimit })}
                      </span>{' '}
                      <span className="muted">· {x.skills.map((s) => terms.skill(s)).join(', ')}</span>
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ol>
        </>
      )}
      {skipped.length > 0 ? (
        <div className="network-skipped" data-testid="dispatch-skipped">
          <p className="network-skipped__title">{t('network.dispatch.skipped', { count: skipped.length })}</p>
          <ul>
            {skipped.map((s) => (
              <li
                key={s.responderId}
                data-testid="dispatch-skipped-item"
                data-name={s.name}
                data-reason={s.reason}
              >
                {s.name} — <span className="muted">{t(`network.skipReason.${s.reason}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
