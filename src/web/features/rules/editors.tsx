import { useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import {
  priorityRulesBody,
  ruleBodies,
  vocabulariesBody,
  vocabularyLists,
  type RuleBodies,
  type VocabularyList,
} from '../../../shared/contracts/rules.js';
import { useChangeRule, type RuleKind, type RuleVersionView } from './api.js';

const reason = z.string().trim().min(3).max(500);

/** The reason field and the submit button every editor ends with, and the saved note. */
function SaveRow({ pending, saved }: { pending: boolean; saved: number | null }) {
  const { t } = useTranslation();
  return (
    <>
      <Field id="rule-reason" name="reason" label={t('rules.reason')} hint={t('rules.reasonHint')}>
        {(p) => <input {...p} data-testid="rule-reason" />}
      </Field>
      <button
        type="submit"
        className="button button--primary"
        aria-disabled={pending}
        data-testid="rule-save"
      >
        {t('rules.save')}
      </button>
      <p role="status" data-testid="rule-saved">
        {saved !== null ? t('rules.saved', { version: saved }) : ''}
      </p>
    </>
  );
}

function useSave(kind: RuleKind, current: RuleVersionView) {
  const change = useChangeRule(kind);
  const [saved, setSaved] = useState<number | null>(null);
  async function save(body: unknown, why: string) {
    if (change.isPending) return;
    setSaved(null);
    const v = await change.mutateAsync({ body, reason: why, baseVersion: current.version });
    setSaved(v.version);
  }
  return { save, saved, pending: change.isPending };
}

export const priorityForm = z.object({ body: priorityRulesBody, reason });

/** The threshold matrix without JSON: five numbers. */
export function PriorityEditor({ current }: { current: RuleVersionView }) {
  const { t } = useTranslation();
  const { save, saved, pending } = useSave('priority', current);
  const form = useZodForm(priorityForm, {
    defaultValues: { body: current.body as RuleBodies['priority'], reason: '' },
  });
  const num = (id: string, name: string, label: string, max: number) => (
    // Numbers, not the input's text: the contract checks integers.
    <Field id={id} name={name} label={label} registerOptions={{ valueAsNumber: true }}>
      {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={max} data-testid={id} />}
    </Field>
  );
  return (
    <Form
      form={form}
      onSubmit={(v) => save(v.body, v.reason)}
      summaryTestId="rule-errors"
      labels={{
        'body.activateMin': t('rules.activateMin'),
        'body.p1.severity': t('rules.p1Severity'),
        'body.p1.immediacy': t('rules.p1Immediacy'),
        'body.p2Sum': t('rules.p2Sum'),
        'body.p3Sum': t('rules.p3Sum'),
        reason: t('rules.reason'),
      }}
      data-testid="priority-form"
    >
      <p className="muted small">{t('rules.matrixHint')}</p>
      {num('rule-activate', 'body.activateMin', t('rules.activateMin'), 3)}
      <div className="field-row">
        {num('rule-p1-severity', 'body.p1.severity', t('rules.p1Severity'), 3)}
        {num('rule-p1-immediacy', 'body.p1.immediacy', t('rules.p1Immediacy'), 3)}
      </div>
      <div className="field-row">
        {num('rule-p2', 'body.p2Sum', t('rules.p2Sum'), 6)}
        {num('rule-p3', 'body.p3Sum', t('rules.p3Sum'), 6)}
      </div>
      <SaveRow pending={pending} saved={saved} />
    </Form>
  );
}

export const vocabularyForm = z.object({ body: vocabulariesBody, reason });

/** Bilingual terms without JSON: labels, HURIDOCS term, retire; new terms at the end. Never delete. */
export function VocabularyEditor({ current }: { current: RuleVersionView }) {
  const { t } = useTranslation();
  const { save, saved, pending } = useSave('vocabularies', current);
  const [list, setList] = useState<VocabularyList>('violationTypes');
  const body = current.body as RuleBodies['vocabularies'];
  const form = useZodForm(vocabularyForm, { defaultValues: { body, reason: '' } });
  return (
    <Form
      form={form}
      onSubmit={(v) => save(v.body, v.reason)}
      summaryTestId="rule-errors"
      data-testid="vocab-form"
    >
      <div className="field">
        <label htmlFor="vocab-list">{t('rules.list')}</label>
        <select
          id="vocab-list"
          value={list}
          onChange={(e) => setList(e.target.value as VocabularyList)}
          data-testid="vocab-list"
        >
          {vocabularyLists.map((l) => (
            <option key={l} value={l}>
              {t(`rules.lists.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="muted small">{t('rules.retiredHint')}</p>
      <TermRows key={list} list={list} known={new Set(body[list].map((x) => x.code))} />
      <SaveRow pending={pending} saved={saved} />
    </Form>
  );
}

function TermRows({ list, known }: { list: VocabularyList; known: Set<string> }) {
  const { t } = useTranslation();
  const form = useZodFormContext();
  const { fields, append } = useFieldArray({ control: form.control, name: `body.${list}` });
  return (
    <>
      <ul className="records vocab-terms" data-testid="vocab-terms">
        {fields.map((f, i) => {
          const base = `body.${list}.${i}`;
          const code = (f as unknown as { code: string }).code;
          return (
            <li key={f.id} className="record">
              {known.has(code) ? (
                <p>
                  <code>{code}</code>
                </p>
              ) : (
                <Field id={`term-${list}-${i}-code`} name={`${base}.code`} label={t('rules.code')}>
                  {(p) => <input {...p} data-testid="term-code" />}
                </Field>
              )}
              <div className="field-row">
                <Field id={`term-${list}-${i}-en`} name={`${base}.en`} label={t('rules.en')}>
                  {(p) => <input {...p} lang="en" data-testid="term-en" />}
                </Field>
                <Field id={`term-${list}-${i}-sw`} name={`${base}.sw`} label={t('rules.sw')}>
                  {(p) => <input {...p} lang="sw" data-testid="term-sw" />}
                </Field>
              </div>
              <div className="field-row">
                <Field
                  id={`term-${list}-${i}-huridocs`}
                  name={`${base}.huridocs`}
                  label={t('rules.huridocs')}
                >
                  {(p) => <input {...p} data-testid="term-huridocs" />}
                </Field>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    {...form.register(`${base}.retired` as never)}
                    data-testid="term-retired"
                  />{' '}
                  {t('rules.retired')}
                </label>
              </div>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button"
        onClick={() => append({ code: '', en: '', sw: '', retired: false } as never)}
        data-testid="term-add"
      >
        {t('rules.addTerm')}
      </button>
    </>
  );
}

/** The form of the nearest <Form> (the vocabulary editor's term rows). */
function useZodFormContext() {
  return useFormContext() as ReturnType<typeof useFormContext<z.input<typeof vocabularyForm>>>;
}

const jsonForm = (kind: RuleKind) =>
  z.object({
    json: z.string().superRefine((text, ctx) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'rules.jsonInvalid' });
        return;
      }
      const r = ruleBodies[kind].safeParse(value);
      if (!r.success)
        for (const i of r.error.issues)
          ctx.addIssue({ code: 'custom', message: `${i.path.join('.')}: ${i.message}` });
    }),
    reason,
  });

/** The other kinds: the contract-checked JSON of the rule. */
export function JsonEditor({ kind, current }: { kind: RuleKind; current: RuleVersionView }) {
  const { t } = useTranslation();
  const { save, saved, pending } = useSave(kind, current);
  const form = useZodForm(jsonForm(kind), {
    defaultValues: { json: JSON.stringify(current.body, null, 2), reason: '' },
  });
  return (
    <Form
      form={form}
      onSubmit={(v) => save(JSON.parse(v.json), v.reason)}
      summaryTestId="rule-errors"
      labels={{ json: t('rules.json'), reason: t('rules.reason') }}
      serverPaths={{ body: 'json' }}
      data-testid="json-form"
    >
      <Field id="rule-json" name="json" label={t('rules.json')} hint={t('rules.jsonHint')}>
        {(p) => <textarea {...p} rows={16} spellCheck={false} className="code" data-testid="rule-json" />}
      </Field>
      <SaveRow pending={pending} saved={saved} />
    </Form>
  );
}
