import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import { useAddDetainees } from './api.js';

/** Local "YYYY-MM-DDTHH:mm" of now, for a datetime-local input. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/**
 * Add detainees to the event's register fast: the station and time stay filled after each one, so a
 * list read out on the phone is typed name after name. Each becomes an arrest with its 24-hour clock.
 */
export function RegisterForm({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const add = useAddDetainees(eventId);
  const [who, setWho] = useState('');
  const [isName, setIsName] = useState(true);
  const [station, setStation] = useState('');
  const [at, setAt] = useState(localNow());
  const [ob, setOb] = useState('');
  const [added, setAdded] = useState(0);
  const [refused, setRefused] = useState<string | null>(null);
  if (!rolesAllow(user.roles, 'cases:act')) return null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (add.isPending || !who.trim() || !station.trim()) return;
    const r = await add.mutateAsync([
      {
        ...(isName ? { name: who.trim() } : { description: who.trim() }),
        policeStation: station.trim(),
        arrestedAt: new Date(at).toISOString(),
        ...(ob.trim() ? { obNumber: ob.trim() } : {}),
      },
    ]);
    const first = r.results[0];
    if (first?.ok) {
      setAdded(added + 1);
      setWho('');
      setOb('');
      setRefused(null);
    } else setRefused(first?.error ?? 'VALIDATION_FAILED');
  }

  return (
    <form
      className="card no-print register-form"
      onSubmit={(e) => void onSubmit(e)}
      data-testid="register-form"
    >
      <h2>{t('events.register')}</h2>
      <p className="field__hint">{t('events.registerHint')}</p>
      <p>
        <label>
          <input type="radio" checked={isName} onChange={() => setIsName(true)} /> {t('events.byName')}
        </label>{' '}
        <label>
          <input type="radio" checked={!isName} onChange={() => setIsName(false)} />{' '}
          {t('events.byDescription')}
        </label>
      </p>
      <p>
        <label htmlFor="reg-who">{isName ? t('events.name') : t('events.describe')}</label>
        <input
          id="reg-who"
          value={who}
          maxLength={isName ? 120 : 1000}
          required
          onChange={(e) => setWho(e.target.value)}
        />
      </p>
      <p>
        <label htmlFor="reg-station">{t('events.station')}</label>
        <input
          id="reg-station"
          value={station}
          maxLength={200}
          required
          onChange={(e) => setStation(e.target.value)}
        />
      </p>
      <p>
        <label htmlFor="reg-at">{t('events.arrestTime')}</label>
        <input
          id="reg-at"
          type="datetime-local"
          value={at}
          required
          onChange={(e) => setAt(e.target.value)}
        />
      </p>
      <p>
        <label htmlFor="reg-ob">{t('events.ob')}</label>
        <input id="reg-ob" value={ob} maxLength={60} onChange={(e) => setOb(e.target.value)} />
      </p>
      <button type="submit" className="button button--primary" aria-disabled={add.isPending}>
        {t('events.addDetainee')}
      </button>
      <p role="status">{added ? t('events.added', { count: added }) : null}</p>
      {refused || add.isError ? (
        <p className="field__error" role="alert">
          {add.isError ? errorText(add.error) : t('events.detaineeRefused')}
        </p>
      ) : null}
    </form>
  );
}
