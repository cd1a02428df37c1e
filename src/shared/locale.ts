export const locales = ['en', 'sw'] as const;
export type Locale = (typeof locales)[number];

export function isLocale(v: unknown): v is Locale {
  return v === 'en' || v === 'sw';
}

/** Pick `sw` or `en` from an Accept-Language header by quality; English when nothing matches. */
export function localeFromAcceptLanguage(header: string | undefined, fallback: Locale = 'en'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return fallback;
}
