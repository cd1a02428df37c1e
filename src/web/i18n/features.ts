import { en } from './en.js';
import { i18n } from './index.js';
import { sw } from './sw.js';

/** Add every feature's strings (imported by the console's lazily loaded routes, never by sign-in). */
export function loadFeatureCatalogues(): void {
  i18n.addResourceBundle('en', 'translation', en, true, true);
  i18n.addResourceBundle('sw', 'translation', sw, true, true);
}
