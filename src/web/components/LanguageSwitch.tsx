import { useTranslation } from 'react-i18next';
import { locales } from '../../shared/locale.js';
import { currentLanguage } from '../i18n/index.js';
import { errorText } from '../api/client.js';
import { useLanguageSwitch } from '../features/auth/session.js';

const short = { en: 'EN', sw: 'SW' } as const;

/**
 * EN / SW buttons. Screen readers hear each language's name in that language ("SW Kiswahili"), as
 * language pickers should; the pressed one is the current language.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { change, error } = useLanguageSwitch();
  const active = currentLanguage();
  return (
    <div className="lang-switch">
      <div role="group" aria-label={t('language.label')} className="lang-switch__buttons">
        {locales.map((lng) => (
          <button
            key={lng}
            type="button"
            className="lang-switch__button"
            aria-pressed={active === lng}
            data-testid={`lang-${lng}`}
            onClick={() => change(lng)}
          >
            {short[lng]}
            <span className="visually-hidden" lang={lng}>
              {' '}
              {i18n.getFixedT(lng)(`language.${lng}`)}
            </span>
          </button>
        ))}
      </div>
      <p className="lang-switch__error" role="status" aria-live="polite">
        {error ? t('language.saveFailed', { message: errorText(error) }) : null}
      </p>
    </div>
  );
}
