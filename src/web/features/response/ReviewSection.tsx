import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field.js';
import type { CaseDetail } from '../cases/api.js';
import type { Problem } from '../cases/problems.js';
import { useRecordReview, type Review, type ReviewBody } from './api.js';
import { ResponseForm, ResponseSection, useFormErrors, useBy, useWhen } from './kit.js';

const keys = ['whatWorked', 'challenges', 'lessons'] as const;
const controls: Record<string, string> = {
  whatWorked: 'review-whatWorked',
  challenges: 'review-challenges',
  lessons: 'review-lessons',
};

/** The after-action review: one per case, by someone who may close cases. */
export function ReviewSection({
  c,
  review,
  required,
  canAdd,
  closedNote,
}: {
  c: CaseDetail;
  review: Review | null;
  required: boolean;
  canAdd: boolean;
  closedNote: string | null;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const by = useBy(c);
  return (
    <ResponseSection
      id="response-review"
      title={t('response.review')}
      intro={t('response.reviewIntro')}
      addLabel={t('response.addReview')}
      canAdd={canAdd && !review}
      closedNote={review ? null : closedNote}
      banner={
        required && !review ? (
          <p className="alert alert--warning" data-testid="review-required">
            {t('response.reviewRequired')}
          </p>
        ) : null
      }
      form={(close) => <ReviewForm c={c} close={close} />}
    >
      {review ? (
        <div data-testid="review">
          <dl className="facts facts--stacked">
            {keys.map((k) => (
              <div key={k} className="facts__wide">
                <dt>{t(`response.${k}`)}</dt>
                <dd className="prewrap">{review[k]}</dd>
              </div>
            ))}
          </dl>
          <p className="record__meta muted">
            {t('response.reviewedAt', { at: when(review.at) })} · {by(review.reviewedBy)}
          </p>
        </div>
      ) : (
        <p className="muted">{t('response.notYet')}</p>
      )}
    </ResponseSection>
  );
}

function ReviewForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const record = useRecordReview(c.id);
  const errors = useFormErrors(controls, 'review-errors', {
    whatWorked: t('response.whatWorked'),
    challenges: t('response.challenges'),
    lessons: t('response.lessons'),
  });
  const [v, setV] = useState<ReviewBody>({ whatWorked: '', challenges: '', lessons: '' });

  async function onSubmit() {
    const found: Problem[] = keys
      .filter((k) => !v[k].trim())
      .map((k) => errors.problem(k, t('response.required')));
    if (errors.check(found)) return;
    try {
      await record.mutateAsync({
        whatWorked: v.whatWorked.trim(),
        challenges: v.challenges.trim(),
        lessons: v.lessons.trim(),
      });
      close(t('response.reviewRecorded'));
    } catch (e) {
      errors.fail(e);
    }
  }

  return (
    <ResponseForm
      id="response-review-form"
      title={t('response.addReview')}
      summary={errors.summary}
      pending={record.isPending}
      submitLabel={t('response.reviewSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      {keys.map((k) => (
        <Field key={k} id={controls[k]!} label={t(`response.${k}`)} error={errors.errorFor(k)}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={10_000}
              value={v[k]}
              onChange={(e) => setV((x) => ({ ...x, [k]: e.target.value }))}
              data-testid={`review-${k}`}
            />
          )}
        </Field>
      ))}
    </ResponseForm>
  );
}
