import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { phoneBody, type phoneView } from '../../../shared/contracts/users.js';

type PhoneStatus = z.infer<typeof phoneView>;
const key = ['me', 'phone'] as const;
export const codeForm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'myPhone.codeFormat'),
});

/**
 * "Verify my phone": a staff member enters a phone number, receives a 6-digit code by SMS and confirms
 * it (GET/PUT /api/me/phone, POST /api/me/phone/verify). On-call SMS goes to verified numbers.
 */
export function PhonePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<PhoneStatus>('/api/me/phone', { signal }),
  });
  const setPhone = useMutation({
    mutationFn: (phone: string) => api<PhoneStatus>('/api/me/phone', { method: 'PUT', body: { phone } }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  const verify = useMutation({
    mutationFn: (code: string) =>
      api<PhoneStatus>('/api/me/phone/verify', { method: 'POST', body: { code } }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  const [note, setNote] = useState('');
  const [changing, setChanging] = useState(false);
  const phoneForm = useZodForm(phoneBody, { defaultValues: { phone: '' } });
  const confirmForm = useZodForm(codeForm, { defaultValues: { code: '' } });

  return (
    <section className="page page--form" data-testid="phone-page">
      <PageHeading title={t('myPhone.title')}>{t('myPhone.title')}</PageHeading>
      <p>{t('myPhone.intro')}</p>
      <p role="status" className="alert alert--ok" hidden={!note} data-testid="phone-note">
        {note}
      </p>
      <QueryState query={status}>
        {(s) => (
          <>
            <p data-testid="phone-status" data-verified={String(s.verified)}>
              {s.masked ? t('myPhone.current', { masked: s.masked }) : t('myPhone.none')}{' '}
              {s.masked ? (
                <span className={s.verified ? 'tag tag--ok' : 'tag'}>
                  {s.verified ? t('myPhone.verified') : t('myPhone.notVerified')}
                </span>
              ) : null}
            </p>
            {s.codeSent && !s.verified && !changing ? (
              <Form
                form={confirmForm}
                summaryTestId="phone-code-errors"
                labels={{ code: t('myPhone.code') }}
                onSubmit={async (v) => {
                  setNote('');
                  await verify.mutateAsync(v.code);
                  confirmForm.reset({ code: '' });
                  setNote(t('myPhone.confirmed'));
                }}
                data-testid="phone-code-form"
              >
                <Field id="phone-code" name="code" label={t('myPhone.code')} hint={t('myPhone.codeHint')}>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      data-testid="phone-code"
                    />
                  )}
                </Field>
                <div className="button-row">
                  <button type="submit" className="button button--primary" data-testid="phone-confirm">
                    {t('myPhone.confirm')}
                  </button>
                  <button type="button" className="button" onClick={() => setChanging(true)}>
                    {t('myPhone.change')}
                  </button>
                </div>
              </Form>
            ) : (
              <Form
                form={phoneForm}
                summaryTestId="phone-errors"
                labels={{ phone: t('myPhone.phone') }}
                onSubmit={async (v) => {
                  setNote('');
                  await setPhone.mutateAsync(v.phone);
                  setChanging(false);
                  setNote(t('myPhone.sent'));
                }}
                data-testid="phone-form"
              >
                <Field
                  id="phone-number"
                  name="phone"
                  label={t('myPhone.phone')}
                  hint={t('myPhone.phoneHint')}
                >
                  {(p) => <input {...p} type="tel" autoComplete="tel" data-testid="phone-number" />}
                </Field>
                <button type="submit" className="button button--primary" data-testid="phone-send">
                  {t('myPhone.send')}
                </button>
              </Form>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
