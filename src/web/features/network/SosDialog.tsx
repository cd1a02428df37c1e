import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useCancelSos, useRaiseSos } from './api.js';
import { sosBody } from './sosBody.js';

/**
 * The PIN's check: the shared contract's schema through the console's one Zod check, both loaded on the
 * first call-off only (as sign-in does). The PIN as checked, or the message in the user's language.
 */
async function checkPin(pin: string): Promise<{ pin: string } | { error: string }> {
  const [{ checkValues }, { sosCancelForm }] = await Promise.all([
    import('../../components/zodCheck.js'),
    import('./missionForms.js'),
  ]);
  const result = await checkValues(sosCancelForm, { pin });
  const error = (result.errors as { pin?: { message?: string } }).pin?.message;
  return error ? { error } : (result.values as { pin: string });
}

/** Not found: there was no SOS to call off (any more). */
const nothingToCancel = (e: unknown) => isApiError(e) && e.status === 404;

type Step = 'confirm' | 'raised' | 'cancel';
type CancelOutcome = 'cancelled' | 'wrong_pin' | 'none';
export type RaisedSos = { reference: string; joined: boolean };

interface SosDialogProps {
  /** How many times the SOS button has been pressed; each press opens the dialog. */
  opened: number;
  raised: RaisedSos | null;
  onRaised: (raised: RaisedSos | null) => void;
  /** The button that opened it: focus goes back there when the dialog closes. */
  opener: RefObject<HTMLButtonElement | null>;
}

/**
 * The SOS dialog (SosButton.tsx opens it): a second, explicit press sends the alarm; the PIN calls it
 * off. Loaded in a chunk of its own at the page's first idle moment (or on the first press), so the
 * header does not carry the form layer. Each press (`opened` grows) shows it afresh.
 */
export function SosDialog({ opened, raised, onRaised, opener }: SosDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<Step>('confirm');
  const [location, setLocation] = useState('');
  const [detail, setDetail] = useState('');
  const [outcome, setOutcome] = useState<CancelOutcome | null>(null);
  const raise = useRaiseSos();
  const cancel = useCancelSos();
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | null>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  // Each press: a fresh dialog at the step that fits (an SOS already raised shows its state). Only a
  // new press (`opened`) runs this; `raised` changing while it is open must not reset it.
  const { reset: resetRaise } = raise;
  const { reset: resetCancel } = cancel;
  const raisedRef = useRef(raised);
  useEffect(() => {
    raisedRef.current = raised;
  }, [raised]);
  useEffect(() => {
    resetRaise();
    resetCancel();
    setOutcome(null);
    setPinError(null);
    setStep(raisedRef.current ? 'raised' : 'confirm');
    if (!dialogRef.current?.open) dialogRef.current?.showModal();
  }, [opened, resetRaise, resetCancel]);
  const close = () => dialogRef.current?.close();

  const send = () => {
    if (raise.isPending) return;
    raise.mutate(sosBody(location, detail), {
      onSuccess: (r) => {
        onRaised({ reference: r.reference, joined: r.joined });
        setStep('raised');
      },
    });
  };

  const callOff = async (e: FormEvent) => {
    e.preventDefault();
    if (cancel.isPending) return;
    const checked = await checkPin(pin);
    if ('error' in checked) {
      setPinError(checked.error);
      pinRef.current?.focus();
      return;
    }
    setPinError(null);
    try {
      const r = await cancel.mutateAsync(checked.pin);
      setPin('');
      setOutcome(r.cancelled ? 'cancelled' : 'wrong_pin');
      if (r.cancelled) onRaised(null);
    } catch (err) {
      // Anything but "nothing to call off" is shown above the PIN.
      if (!nothingToCancel(err)) return;
      setPin('');
      setOutcome('none');
      onRaised(null);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="sos-dialog"
      aria-labelledby="sos-title"
      data-testid="sos-dialog"
      onClose={() => opener.current?.focus()}
    >
      {step === 'confirm' ? (
        <div data-testid="sos-confirm-step">
          <h2 id="sos-title">{t('network.sos.confirmTitle')}</h2>
          <p>{t('network.sos.confirmBody')}</p>
          <Field id="sos-location" label={t('network.sos.location')} optional={t('network.form.optional')}>
            {(p) => (
              <input
                {...p}
                value={location}
                maxLength={300}
                onChange={(e) => setLocation(e.target.value)}
                data-testid="sos-location"
              />
            )}
          </Field>
          <Field id="sos-detail" label={t('network.sos.detail')} optional={t('network.form.optional')}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={detail}
                maxLength={500}
                onChange={(e) => setDetail(e.target.value)}
                data-testid="sos-detail"
              />
            )}
          </Field>
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
            <form className="form" onSubmit={(e) => void callOff(e)} noValidate data-testid="sos-cancel-form">
              <p className="muted small">{t('network.sos.cancelHelp')}</p>
              {cancel.isError && !nothingToCancel(cancel.error) ? (
                <p className="alert alert--error" role="alert" data-testid="sos-cancel-errors">
                  {errorText(cancel.error)}
                </p>
              ) : null}
              <Field id="sos-pin" label={t('network.sos.pin')} error={pinError ?? undefined}>
                {(p) => (
                  <input
                    {...p}
                    ref={pinRef}
                    type="password"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={8}
                    value={pin}
                    onChange={(e) => {
                      setPin(e.target.value);
                      setOutcome(null);
                    }}
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
            </form>
          )}
          <div className="button-row sos-dialog__close">
            <button type="button" className="button" onClick={close} data-testid="sos-close">
              {t('network.sos.close')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
