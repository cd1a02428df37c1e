import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field, FieldSet } from '../../components/Field.js';
import { derivePriority, type PriorityRules } from '../../../shared/workflow.js';
import { usePriorityRules } from './vocabApi.js';
import { assessmentInput } from '../../../shared/contracts/cases.js';
import { caseFlags, priorities, type CaseFlag, type Priority } from '../../../shared/vocabularies.js';
import type { AssessmentInput, CaseDetail } from './api.js';
import { PriorityBadge } from './badges.js';

export const scoreKeys = ['severity', 'immediacy', 'feasibility'] as const;
export type ScoreKey = (typeof scoreKeys)[number];
export const riskKeys = ['victim', 'informant', 'responders'] as const;
export const vulnerableKinds = assessmentInput.shape.vulnerable.unwrap().element.options;
type Vulnerable = (typeof vulnerableKinds)[number];
const levels = [0, 1, 2, 3] as const;

type Scores = Record<ScoreKey, number | null>;

/** A score that starts unchosen (null): "Choose a score from 0 to 3." until it is chosen. */
function chosen(v: number | null, ctx: z.RefinementCtx): number {
  if (v === null) {
    ctx.addIssue({ code: 'custom', message: 'form.chooseScore' });
    return z.NEVER;
  }
  return v;
}
const score = z.number().int().min(0).max(3).nullable().transform(chosen);
const justification = z.string().trim().min(1, 'form.justify').max(1000);
const risk = z.union([z.literal(''), z.enum(['0', '1', '2', '3'])]);

/**
 * The assessment as typed (assessmentInput's fields; scores unchosen and risks "not rated" until
 * given). Paths are the server's under `assessment.` so a refusal lands on the same control.
 */
export const assessForm = z
  .object({
    severity: score,
    immediacy: score,
    feasibility: score,
    justifications: z.object({
      severity: justification,
      immediacy: justification,
      feasibility: justification,
    }),
    risks: z.object({ victim: risk, informant: risk, responders: risk }).refine((r) => {
      const given = riskKeys.map((k) => r[k] !== '');
      return given.every(Boolean) || !given.some(Boolean);
    }, 'assess.risksAllOrNone'),
    vulnerable: z.array(z.enum(vulnerableKinds)),
    flags: z.array(z.enum(caseFlags)),
    resourcesNeeded: z.string().trim().max(1000),
    overridePriority: z.union([z.literal(''), z.enum(priorities)]),
    overrideReason: z.string().trim().max(1000),
  })
  // Checked with the other fields (not only once they are all valid): the derived priority may be unknown.
  .refine((v) => !overriding(v) || Boolean(v.overrideReason), {
    path: ['overrideReason'],
    message: 'assess.overrideReasonRequired',
    when: () => true,
  });
export type AssessValues = z.input<typeof assessForm>;
type AssessOutput = z.output<typeof assessForm>;

/** Start from the case's current assessment when re-assessing. */
export function initialAssessValues(c: CaseDetail): AssessValues {
  const a = c.details.assessment;
  const notes = c.assessmentNotes;
  const riskOf = (k: (typeof riskKeys)[number]) => {
    const v = a?.risks?.[k];
    return typeof v === 'number' && v >= 0 && v <= 3 ? (String(v) as '0' | '1' | '2' | '3') : '';
  };
  return {
    severity: a?.severity ?? null,
    immediacy: a?.immediacy ?? null,
    feasibility: a?.feasibility ?? null,
    justifications: {
      severity: notes?.justifications?.severity ?? '',
      immediacy: notes?.justifications?.immediacy ?? '',
      feasibility: notes?.justifications?.feasibility ?? '',
    },
    risks: { victim: riskOf('victim'), informant: riskOf('informant'), responders: riskOf('responders') },
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
export function derived(values: Scores, rules?: PriorityRules) {
  const { severity, immediacy, feasibility } = values;
  if (severity === null || immediacy === null || feasibility === null) return null;
  return derivePriority({ severity, immediacy, feasibility }, rules);
}

/** A priority other than the derived one was chosen (it then needs a reason). */
function overriding(v: Scores & { overridePriority: '' | Priority }): boolean {
  return v.overridePriority !== '' && v.overridePriority !== derived(v)?.priority;
}

/** The request's assessment from the checked values: empty optional parts are left out. */
export function toAssessmentInput(v: AssessOutput): AssessmentInput {
  const input: AssessmentInput = {
    severity: v.severity,
    immediacy: v.immediacy,
    feasibility: v.feasibility,
    justifications: v.justifications,
    vulnerable: v.vulnerable,
    flags: v.flags,
  };
  if (v.risks.victim !== '' && v.risks.informant !== '' && v.risks.responders !== '') {
    input.risks = {
      victim: Number(v.risks.victim),
      informant: Number(v.risks.informant),
      responders: Number(v.risks.responders),
    };
  }
  if (v.resourcesNeeded) input.resourcesNeeded = v.resourcesNeeded;
  if (overriding(v) && v.overridePriority) {
    input.overridePriority = v.overridePriority;
    input.overrideReason = v.overrideReason;
  }
  return input;
}

/**
 * The assessment fields (scores with justifications, risks, vulnerable people, flags, priority
 * override), under `assessment.` of the surrounding step form, which owns submitting and the summary.
 */
export function AssessFields() {
  const { t } = useTranslation();
  const form = useFormContext<{ assessment: AssessValues }>();
  const values = form.watch('assessment');
  // The organisation's matrix (an administrator may have changed it), the shipped one until it loads.
  const rules = usePriorityRules().data;
  const d = derived(values, rules);

  return (
    <>
      {scoreKeys.map((k) => (
        <div className="score" key={k}>
          <FieldSet
            id={`assess-${k}`}
            name={`assessment.${k}`}
            legend={t(`assess.${k}`)}
            hint={t(`assess.${k}Hint`)}
            className="score__scale"
          >
            <div className="scale">
              {levels.map((n) => (
                <label key={n} className="scale__option">
                  <input
                    type="radio"
                    name={`assess-${k}`}
                    value={n}
                    checked={values[k] === n}
                    onChange={() => form.setValue(`assessment.${k}`, n)}
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
            name={`assessment.justifications.${k}`}
            label={t('assess.justification', { score: t(`assess.${k}`).toLowerCase() })}
          >
            {(a) => <textarea {...a} rows={2} maxLength={1000} data-testid={`assess-${k}-why`} />}
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
        name="assessment.risks"
        legend={t('assess.risks')}
        hint={t('assess.risksHint')}
      >
        <div className="field-row">
          {riskKeys.map((k) => (
            <Field
              key={k}
              id={`assess-risk-${k}`}
              name={`assessment.risks.${k}`}
              label={t(`assess.risk.${k}`)}
              className="field--compact"
            >
              {(a) => (
                <select {...a}>
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
                  form.setValue(
                    'assessment.vulnerable',
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
                  form.setValue(
                    'assessment.flags',
                    e.target.checked ? [...values.flags, f] : values.flags.filter((x) => x !== f),
                  )
                }
                data-testid={`assess-flag-${f}`}
              />
              {t(`flags.${f}`)}
            </label>
          ))}
        </div>
      </FieldSet>

      <Field
        id="assess-resources"
        name="assessment.resourcesNeeded"
        label={t('assess.resourcesNeeded')}
        optional={t('form.optional')}
      >
        {(a) => <textarea {...a} rows={2} maxLength={1000} />}
      </Field>

      <div className="field-row">
        <Field
          id="assess-override"
          name="assessment.overridePriority"
          label={t('assess.override')}
          hint={t('assess.overrideHint')}
        >
          {(a) => (
            <select {...a} data-testid="assess-override">
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
      {overriding(values) ? (
        <Field
          id="assess-override-reason"
          name="assessment.overrideReason"
          label={t('assess.overrideReason')}
        >
          {(a) => <textarea {...a} rows={2} maxLength={1000} data-testid="assess-override-reason" />}
        </Field>
      ) : null}
    </>
  );
}
