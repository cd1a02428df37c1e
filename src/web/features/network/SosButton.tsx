import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { whenIdle } from '../../components/whenIdle.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { useCurrentUser } from '../auth/session.js';
import type { RaisedSos } from './SosDialog.js';
import './network.css';

const loadDialog = () => import('./SosDialog.js');
const SosDialog = lazy(() => loadDialog().then((m) => ({ default: m.SosDialog })));

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
  const openerRef = useRef<HTMLButtonElement>(null);
  const [opened, setOpened] = useState(0);
  const [raised, setRaised] = useState<RaisedSos | null>(null);
  // The dialog's code (its forms and their checks) comes at the page's first idle moment, so the
  // header draws without it and a press, even the first, opens the dialog at once.
  useEffect(() => {
    whenIdle(() => void loadDialog());
  }, []);
  return (
    <>
      <button
        ref={openerRef}
        type="button"
        className={raised ? 'button sos-button sos-button--active' : 'button sos-button'}
        aria-haspopup="dialog"
        onClick={() => setOpened((n) => n + 1)}
        data-testid="sos-open"
        data-sos-open=""
      >
        <span aria-hidden="true">⚠ </span>
        {raised ? t('network.sos.buttonActive') : t('network.sos.button')}
      </button>
      {opened > 0 ? (
        <Suspense fallback={null}>
          <SosDialog opened={opened} raised={raised} onRaised={setRaised} opener={openerRef} />
        </Suspense>
      ) : null}
    </>
  );
}
