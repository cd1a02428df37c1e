import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { errorText } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { fundPurposes, paymentMethods } from '../../../shared/contracts/funds.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { responseWritesAccepted } from '../../../shared/workflow.js';
import { useCurrentUser } from '../auth/session.js';
import type { CaseDetail } from '../cases/api.js';
import { choice, ResponseFormOf, ResponseSection, text, useWhen } from '../response/kit.js';
import {
  formatKes,
  useCancelFundRequest,
  useCaseFundRequests,
  useCreateFundRequest,
  useDecide,
  useDisburse,
  useFundsSettings,
  type FundRequest,
  type FundRequestBody,
} from './api.js';

/** The request form's values as typed: shillings (converted to cents for the API). */
export const fundRequestForm = z.object({
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,8}(\.\d{1,2})?$/, 'funds.invalidAmount'),
  purpose: choice(fundPurposes),
  method: choice(paymentMethods),
  beneficiaryName: text(200).min(2),
  beneficiaryPhone: text(30),
  notifyBeneficiary: z.boolean(),
});
type FundRequestValues = z.output<typeof fundRequestForm>;

export function toFundRequestBody(v: FundRequestValues): FundRequestBody {
  return {
    amountCents: Math.round(Number(v.amount) * 100),
    purpose: v.purpose,
    method: v.method,
    beneficiaryName: v.beneficiaryName,
    ...(v.beneficiaryPhone ? { beneficiaryPhone: v.beneficiaryPhone } : {}),
    notifyBeneficiary: v.notifyBeneficiary,
  };
}

/** The case page's emergency funds: the requests, the request form, and each role's next step. */
export function FundsSection({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const query = useCaseFundRequests(c.id);
  const canRequest =
    rolesAllow(user.roles, 'funds:request') &&
    (responseWritesAccepted.actions as readonly string[]).includes(c.status);
  return (
    <ResponseSection
      id="case-funds"
      title={t('funds.section')}
      intro={t('funds.intro')}
      addLabel={t('funds.add')}
      canAdd={canRequest}
      form={(close) => <RequestForm caseId={c.id} close={close} />}
    >
      {query.isPending ? (
        <p role="status">{t('funds.loading')}</p>
      ) : query.isError ? (
        <p className="alert alert--error" role="alert">
          {errorText(query.error)}
        </p>
      ) : query.data.requests.length === 0 ? (
        <p className="muted">{t('funds.none')}</p>
      ) : (
        <ul className="records" data-testid="fund-requests">
          {query.data.requests.map((r) => (
            <RequestItem key={r.id} r={r} />
          ))}
        </ul>
      )}
    </ResponseSection>
  );
}

function RequestItem({ r }: { r: FundRequest }) {
  const { t, i18n } = useTranslation();
  const when = useWhen();
  const user = useCurrentUser();
  const settings = useFundsSettings();
  const decide = useDecide();
  const cancel = useCancelFundRequest();
  const disburse = useDisburse();
  const [recording, setRecording] = useState(false);
  const error = [decide, cancel, disburse].find((m) => m.isError)?.error;
  const payable = r.status === 'approved' || r.status === 'failed';
  const canPay = rolesAllow(user.roles, 'funds:disburse') && payable;
  const canDecide =
    rolesAllow(user.roles, 'funds:approve') &&
    r.status === 'requested' &&
    r.requestedBy !== user.id &&
    !r.approvals.some((a) => a.userId === user.id);
  const canCancel =
    ['requested', 'approved', 'failed'].includes(r.status) &&
    (r.requestedBy === user.id || rolesAllow(user.roles, 'funds:approve'));
  return (
    <li className="record" data-testid="fund-request" data-status={r.status}>
      <p className="record__head">
        <strong>{formatKes(r.amountCents, i18n.language)}</strong>
        <span>{t(`funds.purposes.${r.purpose}`)}</span>
        <span>{t(`funds.methods.${r.method}`)}</span>
        <span className={r.status === 'failed' ? 'tag tag--late' : 'tag'}>
          {t(`funds.statuses.${r.status}`)}
        </span>
      </p>
      <p className="record__meta muted">
        {[
          r.beneficiaryName,
          r.beneficiaryPhoneMasked,
          t('funds.approvalsOf', { count: r.approvals.length, of: r.requiredApprovals }),
          when(r.requestedAt),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {r.status === 'paid' && r.paymentReference ? (
        <p>{t('funds.paidRef', { ref: r.paymentReference })}</p>
      ) : null}
      {r.status === 'paying' ? <p role="status">{t('funds.paying')}</p> : null}
      {r.status === 'failed' && r.failureReason ? (
        <p className="alert alert--error">{t('funds.failure', { reason: r.failureReason })}</p>
      ) : null}
      {error ? (
        <p className="alert alert--error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      <div className="button-row">
        {canDecide ? (
          <>
            <button
              type="button"
              className="button button--primary"
              onClick={() => decide.mutate({ id: r.id, approve: true })}
            >
              {t('funds.approve')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => decide.mutate({ id: r.id, approve: false })}
            >
              {t('funds.refuse')}
            </button>
          </>
        ) : null}
        {canPay && r.method === 'mpesa' && settings.data?.mpesaConfigured ? (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={disburse.isPending}
            data-testid="pay-mpesa"
            onClick={() => !disburse.isPending && disburse.mutate({ id: r.id, body: { mode: 'mpesa_b2c' } })}
          >
            {t('funds.payMpesa')}
          </button>
        ) : null}
        {canPay ? (
          <button type="button" className="button" onClick={() => setRecording((v) => !v)}>
            {t('funds.recordPayment')}
          </button>
        ) : null}
        {canCancel ? (
          <button type="button" className="link-button" onClick={() => cancel.mutate(r.id)}>
            {t('funds.cancelRequest')}
          </button>
        ) : null}
      </div>
      {recording && canPay ? <ManualPayment r={r} done={() => setRecording(false)} /> : null}
    </li>
  );
}

const manualForm = z.object({
  method: choice(paymentMethods),
  reference: text(60).min(3),
});

function ManualPayment({ r, done }: { r: FundRequest; done: () => void }) {
  const { t } = useTranslation();
  const disburse = useDisburse();
  const form = useZodForm(manualForm, { defaultValues: { method: r.method, reference: '' } });
  return (
    <Form
      form={form}
      summaryTestId="manual-payment-errors"
      labels={{ method: t('funds.method'), reference: t('funds.reference') }}
      onSubmit={async (v) => {
        await disburse.mutateAsync({
          id: r.id,
          body: { mode: 'manual', method: v.method, reference: v.reference },
        });
        done();
      }}
    >
      <div className="field-row">
        <Field id={`pay-method-${r.id}`} name="method" label={t('funds.method')}>
          {(p) => (
            <select {...p}>
              {paymentMethods.map((m) => (
                <option key={m} value={m}>
                  {t(`funds.methods.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`pay-ref-${r.id}`} name="reference" label={t('funds.reference')}>
          {(p) => <input {...p} type="text" maxLength={60} autoComplete="off" />}
        </Field>
      </div>
      <button type="submit" className="button button--primary">
        {t('funds.save')}
      </button>
    </Form>
  );
}

function RequestForm({ caseId, close }: { caseId: string; close: (saved?: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateFundRequest(caseId);
  const form = useZodForm(fundRequestForm, {
    defaultValues: {
      amount: '',
      purpose: '',
      method: 'mpesa',
      beneficiaryName: '',
      beneficiaryPhone: '',
      notifyBeneficiary: false,
    },
  });
  const select = (
    id: string,
    key: 'purpose' | 'method',
    label: string,
    codes: readonly string[],
    prefix: string,
  ) => (
    <Field id={id} name={key} label={label}>
      {(p) => (
        <select {...p} data-testid={id}>
          <option value="">{t('funds.choose')}</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {t(`${prefix}.${code}` as never)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <ResponseFormOf
      id="fund-request-form"
      title={t('funds.add')}
      form={form}
      summaryTestId="fund-request-errors"
      serverPaths={{ amountCents: 'amount' }}
      labels={{
        amount: t('funds.amount'),
        purpose: t('funds.purpose'),
        method: t('funds.method'),
        beneficiaryName: t('funds.beneficiaryName'),
        beneficiaryPhone: t('funds.beneficiaryPhone'),
      }}
      pending={create.isPending}
      submitLabel={t('funds.submit')}
      onSubmit={async (v: FundRequestValues) => {
        if (create.isPending) return;
        await create.mutateAsync(toFundRequestBody(v));
        close(t('funds.requested'));
      }}
      onCancel={() => close()}
    >
      <div className="field-row">
        <Field id="fund-amount" name="amount" label={t('funds.amount')} hint={t('funds.amountHint')}>
          {(p) => <input {...p} type="text" inputMode="decimal" data-testid="fund-amount" />}
        </Field>
        {select('fund-purpose', 'purpose', t('funds.purpose'), fundPurposes, 'funds.purposes')}
        {select('fund-method', 'method', t('funds.method'), paymentMethods, 'funds.methods')}
      </div>
      <div className="field-row">
        <Field id="fund-beneficiary-name" name="beneficiaryName" label={t('funds.beneficiaryName')}>
          {(p) => <input {...p} type="text" maxLength={200} autoComplete="off" />}
        </Field>
        <Field
          id="fund-beneficiary-phone"
          name="beneficiaryPhone"
          label={t('funds.beneficiaryPhone')}
          hint={t('funds.beneficiaryPhoneHint')}
        >
          {(p) => <input {...p} type="tel" maxLength={30} autoComplete="off" />}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" {...form.register('notifyBeneficiary')} /> {t('funds.notify')}
      </label>
    </ResponseFormOf>
  );
}
