import type { FastifyRequest } from 'fastify';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../../shared/locale.js';

export const LANG_COOKIE = 'dharura_lang';

/** The caller's language: their saved preference, then the language cookie, then Accept-Language. */
export function requestLocale(request: FastifyRequest, fallback: Locale = 'en'): Locale {
  const userLocale = request.auth?.user.locale;
  if (isLocale(userLocale)) return userLocale;
  const cookie = request.cookies?.[LANG_COOKIE];
  if (isLocale(cookie)) return cookie;
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(q)) return q;
  return localeFromAcceptLanguage(request.headers['accept-language'], fallback);
}
