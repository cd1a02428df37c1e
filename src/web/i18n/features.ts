import { en } from './en.js';
import { i18n } from './index.js';
import { sw } from './sw.js';

/**
 * Add every feature's strings (imported by the console's lazily loaded routes, never by sign-in). Each
 * catalogue holds the shell's strings too (en.ts, sw.ts), so it replaces the sign-in one key by key at
 * the top level, as it is: no deep merge and no deep copy (i18next's default JSON round trip of the
 * whole catalogue, twice, was a long task on a slow phone). The catalogues are constants nobody writes.
 */
export function loadFeatureCatalogues(): void {
  i18n.addResourceBundle('en', 'translation', en, false, true, { silent: false, skipCopy: true });
  i18n.addResourceBundle('sw', 'translation', sw, false, true, { silent: false, skipCopy: true });
}
