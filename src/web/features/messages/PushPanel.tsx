import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { currentSubscription, PushSetupError, pushSupported, usePushStatus, useTogglePush } from './push.js';

/**
 * "Alerts on this device": Web Push for the signed-in user's own browser, alongside the notification
 * rules. Says plainly when the browser cannot do it, or blocks it, so nobody relies on a silent device.
 */
export function PushPanel() {
  const { t } = useTranslation();
  const supported = pushSupported();
  const status = usePushStatus();
  const toggle = useTogglePush();
  const [subscribed, setSubscribed] = useState<boolean | null>(null);

  useEffect(() => {
    if (!supported) return;
    let live = true;
    void currentSubscription()
      .then((s) => live && setSubscribed(Boolean(s)))
      .catch(() => live && setSubscribed(false));
    return () => {
      live = false;
    };
  }, [supported, toggle.isSuccess]);

  const problem = toggle.error
    ? toggle.error instanceof PushSetupError
      ? t(`browserAlerts.${toggle.error.reason}`)
      : t('browserAlerts.failed', { message: errorText(toggle.error) })
    : null;

  return (
    <section className="card" aria-labelledby="push-title" data-testid="push-panel">
      <h2 id="push-title">{t('browserAlerts.title')}</h2>
      <p>{t('browserAlerts.intro')}</p>
      {!supported ? (
        <p className="notice">{t('browserAlerts.unsupported')}</p>
      ) : (
        <>
          <p role="status" data-testid="push-state">
            {subscribed ? t('browserAlerts.on') : t('browserAlerts.off')}{' '}
            {status.data ? t('browserAlerts.devices', { count: status.data.devices.length }) : null}
          </p>
          {problem ? (
            <p className="error-summary" role="alert">
              {problem}
            </p>
          ) : null}
          <button
            type="button"
            className={subscribed ? 'button button--warning' : 'button button--primary'}
            disabled={!status.data || toggle.isPending || subscribed === null}
            onClick={() => toggle.mutate({ on: !subscribed, publicKey: status.data!.publicKey })}
          >
            {toggle.isPending
              ? t('browserAlerts.working')
              : subscribed
                ? t('browserAlerts.disable')
                : t('browserAlerts.enable')}
          </button>
        </>
      )}
    </section>
  );
}
