import type { Locale } from '../../shared/locale.js';
import { currentLanguage, i18n, loadBeforeLanguageChange } from './index.js';

/**
 * Every feature's strings, one language at a time (en.ts, sw.ts: a chunk each). The console's chunk
 * asks for the language in use; switching language fetches the other one first (index.ts waits for
 * it), so a phone downloads and parses half the text. Each catalogue holds the shell's strings too, so
 * it replaces the sign-in one key by key at the top level, as it is: no deep merge and no deep copy
 * (i18next's default JSON round trip of the whole catalogue was a long task on a slow phone). The
 * catalogues are constants nobody writes.
 */
const catalogues: Record<Locale, () => Promise<object>> = {
  en: () => import('./en.js').then((m) => m.en),
  sw: () => import('./sw.js').then((m) => m.sw),
};

const loaded = new Map<Locale, Promise<void>>();

export function loadFeatureCatalogue(lng: Locale): Promise<void> {
  let done = loaded.get(lng);
  if (!done) {
    done = catalogues[lng]().then((strings) => {
      i18n.addResourceBundle(lng, 'translation', strings, false, true, { silent: false, skipCopy: true });
    });
    // A failed download (the network dropped) is tried again on the next call.
    done.catch(() => loaded.delete(lng));
    loaded.set(lng, done);
  }
  return done;
}

/** The console's strings in the language in use, and in any language chosen later. */
export function loadFeatureCatalogues(): Promise<void> {
  loadBeforeLanguageChange(loadFeatureCatalogue);
  return loadFeatureCatalogue(currentLanguage());
}
