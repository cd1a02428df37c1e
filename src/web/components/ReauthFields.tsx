import { useTranslation } from 'react-i18next';
import { Field } from './Field.js';

/**
 * The password and authenticator code a re-authentication asks for (REAUTH_REQUIRED), as one pair of
 * fields: every screen that asks again shows the same labels, autocomplete hints and 6-digit code.
 */
export function ReauthFields(props: {
  /** Prefix of the two inputs' ids (`<prefix>-password`, `<prefix>-code`). */
  idPrefix: string;
  password: string;
  code: string;
  onPassword(value: string): void;
  onCode(value: string): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field id={`${props.idPrefix}-password`} label={t('login.password')}>
        {(c) => (
          <input
            {...c}
            type="password"
            autoComplete="current-password"
            value={props.password}
            onChange={(e) => props.onPassword(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${props.idPrefix}-code`} label={t('login.code.label')}>
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={props.code}
            onChange={(e) => props.onCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          />
        )}
      </Field>
    </>
  );
}
