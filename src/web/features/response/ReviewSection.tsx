import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../components/Field.js';
import { useZodForm } from '../../components/Form.js';
import { reviewInput } from '../../../shared/contracts/response.js';
import type { CaseDetail } from '../cases/api.js';
import { useRecordReview, type Review, type ReviewBody } from './api.js';
import { ResponseFormOf, ResponseSection, useBy, useWhen } from './kit.js';

const keys = ['whatWorked', 'challenges', 'lessons'] as const;

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

/** The review's three answers (the contract's reviewInput), each required in the console's wording. */
const answer = z.string().trim().min(1, 'response.required').max(10_000);
const reviewForm = z.object({ whatWorked: answer, challenges: answer, lessons: answer }) satisfies z.ZodType<
  z.infer<typeof reviewInput>
>;

function ReviewForm({ c, close }: { c: CaseDetail; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const record = useRecordReview(c.id);
  const form = useZodForm(reviewForm, { defaultValues: { whatWorked: '', challenges: '', lessons: '' } });

  async function onSubmit(values: ReviewBody) {
    if (record.isPending) return;
    await record.mutateAsync(values);
    close(t('response.reviewRecorded'));
  }

  return (
    <ResponseFormOf
      id="response-review-form"
      title={t('response.addReview')}
      form={form}
      summaryTestId="review-errors"
      labels={{
        whatWorked: t('response.whatWorked'),
        challenges: t('response.challenges'),
        lessons: t('response.lessons'),
      }}
      pending={record.isPending}
      submitLabel={t('response.reviewSubmit')}
      onSubmit={onSubmit}
      onCancel={() => close()}
    >
      {keys.map((k) => (
        <Field key={k} id={`review-${k}`} name={k} label={t(`response.${k}`)}>
          {(p) => <textarea {...p} rows={3} maxLength={10_000} data-testid={`review-${k}`} />}
        </Field>
      ))}
    </ResponseFormOf>
  );
}
