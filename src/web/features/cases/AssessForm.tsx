import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Field, FieldSet } from '../../components/Field.js';
import { derivePriority } from '../../../shared/workflow.js';
import { assessmentInput } from '../../../shared/contracts/cases.js';
import { caseFlags, priorities, type CaseFlag, type Priority } from '../../../shared/vocabularies.js';
import type { AssessmentInput, CaseDetail } from './api.js';
import { PriorityBadge } from './badges.js';
import type { Problem } from './problems.js';

export const scoreKeys = ['severity', 'immediacy', 'feasibility'] as const;
export type ScoreKey = (typeof scoreKeys)[number];
export const riskKeys = ['victim', 'informant', 'responders'] as const;
export const vulnerableKinds = assessmentInput.shape.vulnerable.unwrap().element.options;
type Vulnerable = (typeof vulnerableKinds)[number];
const levels = [0, 1, 2, 3] as const;

export interface AssessValues {
  scores: Record<ScoreKey, number | null>;
  justifications: Record<ScoreKey, string>;
  risks: Record<(typeof riskKeys)[number], string>;
  vulnerable: Vulnerable[];
  flags: CaseFlag[];
  resourcesNeeded: string;
  overridePriority: '' | Priority;
  overrideReason: string;
}

/** Start from the case's current assessment when re-assessing. */
export function initialAssessValues(c: CaseDetail): AssessValues {
  const a = c.details.assessment;
  const notes = c.assessmentNotes;
  const risk = (k: (typeof riskKeys)[number]) => {
    const v = a?.risks?.[k];
    return typeof v === 'number' ? String(v) : '';
  };
  return {
    scores: {
      severity: a?.severity ?? null,
      immediacy: a?.immediacy ?? null,
      feasibility: a?.feasibility ?? null,
    },
    justifications: {
      severity: notes?.justifications?.severity ?? '',
      immediacy: notes?.justifications?.immediacy ?? '',
      feasibility: notes?.justifications?.feasibility ?? '',
    },
    risks: { victim: risk('victim'), informant: risk('informant'), responders: risk('responders') },
    vulnerable: (a?.vulnerable ?? []).filter((v): v is Vulnerable =>
      (vulnerableKinds as readonly string[]).includes(v),
    ),
    flags: c.flags.filter((f): f is CaseFlag => (caseFlags as readonly string[]).includes(f)),
    resourcesNeeded: notes?.resourcesNeeded ?? '',
    overridePriority: a?.overridden ? ((a.priority as Priority) ?? '') : '',
    overrideReason: notes?.overrideReason ?? '',
  };
}

/** The priority the scores give (shared with the server), once all three are chosen. */
export function derived(values: AssessValues) {
  const { severity, immediacy, feasibility } = values.scores;
  if (severity === null || immediacy === null || feasibility === null) return null;
  return derivePriority({ severity, immediacy, feasibility });
}

export function checkAssessment(
  values: AssessValues,
  t: TFunction,
): { problems: Problem[]; input: AssessmentInput | null } {
  const problems: Problem[] = [];
  for (const k of scoreKeys) {
    if (values.scores[k] === null) problems.push({ path: `assessment.${k}`, message: t('form.chooseScore') });
    if (!values.justifications[k].trim())
      problems.push({ path: `assessment.justifications.${k}`, message: t('form.justify') });
  }
  const riskValues = riskKeys.map((k) => values.risks[k]);
  const someRisks = riskValues.some(Boolean);
  if (someRisks && !riskValues.every(Boolean))
    problems.push({ path: 'assessment.risks', message: t('assess.risksAllOrNone') });
  const d = derived(values);
  const overriding = values.overridePriority !== '' && values.overridePriority !== d?.priority;
  if (overriding && !values.overrideReason.trim())
    problems.push({ path: 'assessment.overrideReason', message: t('assess.overrideReasonRequired') });
  if (problems.length || !d) return { problems, input: null };
  const { severity, immediacy, feasibility } = values.scores as Record<ScoreKey, number>;
  const input: AssessmentInput = {
    severity,
    immediacy,
    feasibility,
    justifications: {
      severity: values.justifications.severity.trim(),
      immediacy: values.justifications.immediacy.trim(),
      feasibility: values.justifications.feasibility.trim(),
    },
    vulnerable: values.vulnerable,
    flags: values.flags,
  };
  if (someRisks) {
    input.risks = {
      victim: Number(values.risks.victim),
      informant: Number(values.risks.informant),
      responders: Number(values.risks.responders),
    };
  }
  if (values.resourcesNeeded.trim()) input.resourcesNeeded = values.resourcesNeeded.trim();
  if (overriding && values.overridePriority) {
    input.overridePriority = values.overridePriority;
    input.overrideReason = values.overrideReason.trim();
  }
  return { problems, input };
}

/** Ids of the assessment controls, by the server's field path (for error links). */
export const assessControls: Record<string, string> = {
  'assessment.severity': 'assess-severity',
  'assessment.immediacy': 'assess-immediacy',
  'assessment.feasibility': 'assess-feasibility',
  'assessment.justifications.severity': 'assess-severity-why',
  'assessment.justifications.immediacy': 'assess-immediacy-why',
  'assessment.justifications.feasibility': 'assess-feasibility-why',
  'assessment.risks': 'assess-risks',
  'assessment.overrideReason': 'assess-override-reason',
  'assessment.overridePriority': 'assess-override',
  assessment: 'assess-severity',
};

/**
 * The assessment fields (scores with justifications, risks, vulnerable people, flags, priority
 * override). The surrounding step form owns submitting and the error summary.
 */
export function AssessFields({
  values,
  onChange,
  errorFor,
}: {
  values: AssessValues;
  onChange: (v: AssessValues) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const d = derived(values);
  const set = <K extends keyof AssessValues>(key: K, v: AssessValues[K]) => onChange({ ...values, [key]: v });
  const overriding = values.overridePriority !== '' && values.overridePriority !== d?.priority;

  return (
    <>
      {scoreKeys.map((k) => (
        <div className="score" key={k}>
          <FieldSet
            id={`assess-${k}`}
            legend={t(`assess.${k}`)}
            hint={t(`assess.${k}Hint`)}
            error={errorFor(`assessment.${k}`)}
            className="score__scale"
          >
            <div className="scale">
              {levels.map((n) => (
                <label key={n} className="scale__option">
                  <input
                    type="radio"
                    name={`assess-${k}`}
                    value={n}
                    checked={values.scores[k] === n}
                    onChange={() => set('scores', { ...values.scores, [k]: n })}
                    data-testid={`assess-${k}-${n}`}
                  />
                  <span className="scale__number">{n}</span>
                  <span className="scale__label">{t(`assess.levels.${k}.${n}`)}</span>
                </label>
              ))}
            </div>
          </FieldSet>
          <Field
            id={`assess-${k}-why`}
            label={t('assess.justification', { score: t(`assess.${k}`).toLowerCase() })}
            error={errorFor(`assessment.justifications.${k}`)}
          >
            {(a) => (
              <textarea
                {...a}
                rows={2}
                maxLength={1000}
                value={values.justifications[k]}
                onChange={(e) => set('justifications', { ...values.justifications, [k]: e.target.value })}
                data-testid={`assess-${k}-why`}
              />
            )}
          </Field>
        </div>
      ))}

      <div className="derived" aria-live="polite" data-testid="assess-derived">
        {d ? (
          <>
            <span>{t('assess.derived')}</span> <PriorityBadge priority={d.priority} />{' '}
            <span className={d.activate ? 'derived__activate' : 'muted'}>
              {d.activate ? t('assess.activate') : t('assess.noActivate')}
            </span>
          </>
        ) : (
          <span className="muted">{t('assess.derivedPending')}</span>
        )}
      </div>

      <FieldSet
        id="assess-risks"
        legend={t('assess.risks')}
        hint={t('assess.risksHint')}
        error={errorFor('assessment.risks')}
      >
        <div className="field-row">
          {riskKeys.map((k) => (
            <Field key={k} id={`assess-risk-${k}`} label={t(`assess.risk.${k}`)} className="field--compact">
              {(a) => (
                <select
                  {...a}
                  value={values.risks[k]}
                  onChange={(e) => set('risks', { ...values.risks, [k]: e.target.value })}
                >
                  <option value="">{t('assess.notRated')}</option>
                  {levels.map((n) => (
                    <option key={n} value={String(n)}>
                      {n} — {t(`assess.riskLevels.${n}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </div>
      </FieldSet>

      <FieldSet id="assess-vulnerable" legend={t('assess.vulnerable')}>
        <div className="choices choices--inline">
          {vulnerableKinds.map((v) => (
            <label key={v} className="choice">
              <input
                type="checkbox"
                checked={values.vulnerable.includes(v)}
                onChange={(e) =>
                  set(
                    'vulnerable',
                    e.target.checked ? [...values.vulnerable, v] : values.vulnerable.filter((x) => x !== v),
                  )
                }
              />
              {t(`vulnerable.${v}`)}
            </label>
          ))}
        </div>
      </FieldSet>

      <FieldSet id="assess-flags" legend={t('assess.flags')} hint={t('assess.flagsHint')}>
        <div className="choices">
          {caseFlags.map((f) => (
            <label key={f} className="choice">
              <input
                type="checkbox"
                checked={values.flags.includes(f)}
                onChange={(e) =>
                  set('flags', e.target.checked ? [...values.flags, f] : values.flags.filter((x) => x !== f))
                }
                data-testid={`assess-flag-${f}`}
              />
              {t(`flags.${f}`)}
            </label>
          ))}
        </div>
      </FieldSet>

      <Field id="assess-resources" label={t('assess.resourcesNeeded')} optional={t('form.optional')}>
        {(a) => (
          <textarea
            {...a}
            rows={2}
            maxLength={1000}
            value={values.resourcesNeeded}
            onChange={(e) => set('resourcesNeeded', e.target.value)}
          />
        )}
      </Field>

      <div className="field-row">
        <Field
          id="assess-override"
          label={t('assess.override')}
          hint={t('assess.overrideHint')}
          error={errorFor('assessment.overridePriority')}
        >
          {(a) => (
            <select
              {...a}
              value={values.overridePriority}
              onChange={(e) => set('overridePriority', e.target.value as AssessValues['overridePriority'])}
              data-testid="assess-override"
            >
              <option value="">
                {d ? t('assess.keepDerived', { priority: d.priority }) : t('assess.useDerived')}
              </option>
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {overriding ? (
        <Field
          id="assess-override-reason"
          label={t('assess.overrideReason')}
          error={errorFor('assessment.overrideReason')}
        >
          {(a) => (
            <textarea
              {...a}
              rows={2}
              maxLength={1000}
              value={values.overrideReason}
              onChange={(e) => set('overrideReason', e.target.value)}
              data-testid="assess-override-reason"
            />
          )}
        </Field>
      ) : null}
    </>
  );
}
