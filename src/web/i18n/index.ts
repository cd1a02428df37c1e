import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLocale, locales, type Locale } from '../../shared/locale.js';
import type { Messages } from './en.js';
import { shellEn, shellSw } from './shell.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'dharura.lang';
/** Same cookie the server sets on PATCH /api/me/preferences; it localises responses before sign-in. */
const LANG_COOKIE = 'dharura_lang';

function storedLanguage(): Locale | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

/** The language before anyone signs in: the last one chosen in this browser, then the browser's own. */
export function initialLanguage(): Locale {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function currentLanguage(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

/** What must arrive before the UI changes language: the console's strings in it (features.ts). */
let beforeChange: ((lng: Locale) => Promise<void>) | null = null;

export function loadBeforeLanguageChange(load: (lng: Locale) => Promise<void>): void {
  beforeChange = load;
}

/** The language asked for last: a slower download for an earlier choice must not win. */
let wanted: Locale | null = null;

/**
 * Switch the UI language and remember it in this browser (the per-user choice is saved by the API).
 * With the console loaded, its strings in the new language come first; the page's `lang` changes with
 * the strings (the languageChanged listener). If they cannot be fetched (offline), the change still
 * happens and the sign-in strings and English fill in.
 */
export function applyLanguage(lng: Locale): void {
  wanted = lng;
  if (i18n.language === lng || !beforeChange) {
    void i18n.changeLanguage(lng);
    document.documentElement.lang = lng;
  } else {
    void beforeChange(lng)
      .catch(() => undefined)
      .then(() => {
        if (wanted === lng) void i18n.changeLanguage(lng);
      });
  }
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Storage can be disabled; the language then lasts for this page only.
  }
  document.cookie = `${LANG_COOKIE}=${lng}; Path=/; Max-Age=31536000; SameSite=Strict`;
}

export function initI18n(lng: Locale): typeof i18n {
  void i18n.use(initReactI18next).init({
    // Sign-in's strings only; the rest arrive with the console (features.ts).
    resources: { en: { translation: shellEn }, sw: { translation: shellSw } },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...locales],
    interpolation: { escapeValue: false }, // React escapes
  });
  document.documentElement.lang = lng;
  i18n.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
  return i18n;
}

export { i18n };
