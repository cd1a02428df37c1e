import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { passcodeProblem, PASSCODE_MIN_LENGTH } from './passcode.js';
import { hasPasscode, isUnlocked, setPasscode } from './store.js';

/**
 * Set the offline passcode (docs/adr/0011): with it, a reload without a network opens the console with
 * what this phone kept. One per session and phone; it goes with everything else at sign-out and after
 * the idle timeout. Setting it needs the network (the session's key comes from the server).
 */
export function PasscodeSetup() {
  const { t } = useTranslation();
  const [isSet, setIsSet] = useState<boolean | null>(null);
  const [editing, setEditing] = useState(false);
  const [passcode, setPasscodeText] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void hasPasscode().then(setIsSet);
  }, []);
  if (!isUnlocked() || isSet === null) return null;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const problem = passcodeProblem(passcode, repeat);
    if (problem) {
      setError(t(`offline.passcode.${problem}`, { min: PASSCODE_MIN_LENGTH }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setPasscode(passcode);
      setIsSet(true);
      setEditing(false);
      setPasscodeText('');
      setRepeat('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="outbox__passcode" aria-labelledby="passcode-title" data-testid="passcode">
      <h3 id="passcode-title">{t('offline.passcode.title')}</h3>
      {isSet && !editing ? (
        <p data-testid="passcode-set">
          {t('offline.passcode.isSet')}{' '}
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {t('offline.passcode.change')}
          </button>
        </p>
      ) : (
        <form className="stack" onSubmit={(ev) => void submit(ev)} noValidate>
          <p className="muted">{t('offline.passcode.intro', { min: PASSCODE_MIN_LENGTH })}</p>
          {error ? (
            <p className="alert alert--error" role="alert" data-testid="passcode-error">
              {error}
            </p>
          ) : null}
          <label htmlFor="passcode-new">{t('offline.passcode.new')}</label>
          <input
            id="passcode-new"
            type="password"
            autoComplete="off"
            value={passcode}
            onChange={(e) => setPasscodeText(e.target.value)}
            data-testid="passcode-new"
          />
          <label htmlFor="passcode-repeat">{t('offline.passcode.repeat')}</label>
          <input
            id="passcode-repeat"
            type="password"
            autoComplete="off"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            data-testid="passcode-repeat"
          />
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={busy}
            data-testid="passcode-save"
          >
            {t('offline.passcode.save')}
          </button>
        </form>
      )}
    </section>
  );
}
