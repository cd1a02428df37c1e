import { useTranslation } from 'react-i18next';

/** A translation for a key that may not exist (values the server may add later), else the raw value. */
export function useLabel() {
  const { t, i18n } = useTranslation();
  return (key: string, fallback: string): string => (i18n.exists(key) ? String(t(key as never)) : fallback);
}
