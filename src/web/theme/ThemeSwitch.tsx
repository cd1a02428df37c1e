import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseTheme, currentThemeChoice, themeChoices, type ThemeChoice } from './theme.js';

/** System / light / dark, in the header; the choice is remembered on this device. */
export function ThemeSwitch() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ThemeChoice>(currentThemeChoice);
  return (
    <label className="theme-switch">
      <span className="visually-hidden">{t('theme.label')}</span>
      <select
        className="theme-switch__select"
        data-testid="theme-switch"
        value={choice}
        onChange={(event) => {
          const next = event.target.value as ThemeChoice;
          chooseTheme(next);
          setChoice(next);
        }}
      >
        {themeChoices.map((option) => (
          <option key={option} value={option}>
            {t(`theme.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
