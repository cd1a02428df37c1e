import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Form, useZodForm } from '../../components/Form.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { useCancelSos, useRaiseSos } from './api.js';
import { sosCancelForm, sosForm } from './missionForms.js';
import './network.css';

type Step = 'confirm' | 'raised' | 'cancel';
type CancelOutcome = 'cancelled' | 'wrong_pin' | 'none';

/**
 * The console's SOS (DESIGN §3) for anyone with sos:raise: a button in the header that opens a dialog
 * (never sends by itself), where a second, explicit press sends it — a P1 alert to leadership with
 * where the person is, if they say. The same dialog calls an SOS off with the person's PIN; the duress
 * PIN looks exactly like the real one here (the server keeps the alarm running, silently).
 */
export function SosButton() {
  const user = useCurrentUser();
  if (!rolesAllow(user.roles, 'sos:raise')) return null;
  return <Sos />;
}

function Sos() {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const [step, setStep] = useState<Step>('confirm');
  const [location, setLocation] = useState('');
  const [detail, setDetail] = useState('');
  const [raised, setRaised] = useState<{ reference: string; joined: boolean } | null>(null);
  const [outcome, setOutcome] = useState<CancelOutcome | null>(null);
  const raise = useRaiseSos();
  const cancel = useCancelSos();
  const cancelForm = useZodForm(sosCancelForm, { defaultValues: { pin: '' } });

  const open = () => {
    raise.reset();
    cancel.reset();
    setOutcome(null);
    setStep(raised ? 'raised' : 'confirm');
    dialogRef.current?.showModal();
  };
  const close = () => dialogRef.current?.close();

  const send = () => {
    if (raise.isPending) return;
    raise.mutate(sosForm.parse({ location, detail }), {
      onSuccess: (r) => {
        setRaised({ reference: r.reference, joined: r.joined });
        setStep('raised');
      },
    });
  };

  const callOff = async ({ pin }: { pin: string }) => {
    try {
      const r = await cancel.mutateAsync(pin);
      cancelForm.reset({ pin: '' });
      setOutcome(r.cancelled ? 'cancelled' : 'wrong_pin');
      if (r.cancelled) setRaised(null);
    } catch (err) {
      if (!(isApiError(err) && err.status === 404)) throw err;
      cancelForm.reset({ pin: '' });
      setOutcome('none');
      setRaised(null);
    }
  };

  return (
    <>
      <button
        ref={openerRef}
        type="button"
        className={raised ? 'button sos-button sos-button--active' : 'button sos-button'}
        aria-haspopup="dialog"
        onClick={open}
        data-testid="sos-open"
        data-sos-open=""
      >
        <span aria-hidden="true">⚠ </span>
        {raised ? t('network.sos.buttonActive') : t('network.sos.button')}
      </button>
      <dialog
        ref={dialogRef}
        className="sos-dialog"
        aria-labelledby="sos-title"
        data-testid="sos-dialog"
        onClose={() => openerRef.current?.focus()}
      >
        {step === 'confirm' ? (
          <div data-testid="sos-confirm-step">
            <h2 id="sos-title">{t('network.sos.confirmTitle')}</h2>
            <p>{t('network.sos.confirmBody')}</p>
            <div className="field">
              <label htmlFor="sos-location">
                {t('network.sos.location')}
                <span className="field__optional"> {t('network.form.optional')}</span>
              </label>
              <input
                id="sos-location"
                value={location}
                maxLength={300}
                onChange={(e) => setLocation(e.target.value)}
                data-testid="sos-location"
              />
            </div>
            <div className="field">
              <label htmlFor="sos-detail">
                {t('network.sos.detail')}
                <span className="field__optional"> {t('network.form.optional')}</span>
              </label>
              <textarea
                id="sos-detail"
                rows={2}
                value={detail}
                maxLength={500}
                onChange={(e) => setDetail(e.target.value)}
                data-testid="sos-detail"
              />
            </div>
            {raise.isError ? (
              <p className="alert alert--error" role="alert">
                {errorText(raise.error)}
              </p>
            ) : null}
            <div className="button-row">
              <button
                type="button"
                className="button sos-confirm"
                aria-disabled={raise.isPending}
                onClick={send}
                data-testid="sos-confirm"
              >
                {raise.isPending ? t('network.sos.sending') : t('network.sos.confirm')}
              </button>
              <button type="button" className="button" onClick={close} data-testid="sos-dismiss">
                {t('network.sos.dismiss')}
              </button>
            </div>
            <p className="small">
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setOutcome(null);
                  setStep('cancel');
                }}
                data-testid="sos-go-cancel"
              >
                {t('network.sos.goCancel')}
              </button>
            </p>
          </div>
        ) : (
          <div data-testid={step === 'raised' ? 'sos-raised-step' : 'sos-cancel-step'}>
            <h2 id="sos-title">
              {step === 'raised' ? t('network.sos.raisedTitle') : t('network.sos.cancelTitle')}
            </h2>
            {step === 'raised' && raised ? (
              <p className="alert alert--warning" role="status" data-testid="sos-raised">
                {raised.joined
                  ? t('network.sos.joined', { reference: raised.reference })
                  : t('network.sos.raised', { reference: raised.reference })}
              </p>
            ) : null}
            {outcome ? (
              <p
                className={outcome === 'wrong_pin' ? 'alert alert--error' : 'alert alert--ok'}
                role={outcome === 'wrong_pin' ? 'alert' : 'status'}
                data-testid="sos-cancel-outcome"
                data-outcome={outcome === 'wrong_pin' ? 'wrong_pin' : 'ok'}
              >
                {t(`network.sos.outcome.${outcome}`)}
              </p>
            ) : null}
            {outcome === 'cancelled' || outcome === 'none' ? null : (
              <Form
                form={cancelForm}
                onSubmit={callOff}
                summaryTestId="sos-cancel-errors"
                className="form"
                data-testid="sos-cancel-form"
                before={<p className="muted small">{t('network.sos.cancelHelp')}</p>}
              >
                <Field
                  id="sos-pin"
                  name="pin"
                  registerOptions={{ onChange: () => setOutcome(null) }}
                  label={t('network.sos.pin')}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="password"
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={8}
                      data-testid="sos-pin"
                    />
                  )}
                </Field>
                <div className="button-row">
                  <button
                    type="submit"
                    className="button button--primary"
                    aria-disabled={cancel.isPending}
                    data-testid="sos-cancel-submit"
                  >
                    {cancel.isPending ? t('network.form.saving') : t('network.sos.cancelSubmit')}
                  </button>
                </div>
              </Form>
            )}
            <div className="button-row sos-dialog__close">
              <button type="button" className="button" onClick={close} data-testid="sos-close">
                {t('network.sos.close')}
              </button>
            </div>
          </div>
        )}
      </dialog>
    </>
  );
}
