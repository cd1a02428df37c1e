import { describe, expect, it } from 'vitest';
import { smsCopy } from '../src/server/channels/copy.js';
import { ussdCopy, reportTypes } from '../src/server/channels/ussd/menu.js';
import { errorCatalogue } from '../src/server/errors.js';
import { reasonLabels } from '../src/server/modules/alerts/alerts.text.js';
import { networkSms } from '../src/server/modules/network/network.text.js';
import { reportCodes, reportCopy } from '../src/server/modules/documentation/report.copy.js';
import { copy as publicCopy } from '../src/server/modules/public/i18n.js';
import { dictionary, trackerCopy } from '../src/server/modules/tracker/tracker.copy.js';
import { en } from '../src/web/i18n/en.js';
import { sw } from '../src/web/i18n/sw.js';

/*
 * Every user-facing message exists in English and in Kiswahili (issue #14): the server's catalogues
 * (AppError messages, SMS, USSD, public pages, alert pages, the tracker) and the console's i18n
 * resources. A key in one language and not the other, or an empty text, fails here. Add a new catalogue
 * to `serverCatalogues` when you make one.
 */

const serverCatalogues: Record<string, Record<string, unknown>> = {
  errorCatalogue,
  smsCopy,
  ussdCopy,
  networkSms,
  publicCopy,
  trackerCopy,
  reasonLabels,
  reportCopy,
  reportCodes,
  ussdReportTypes: Object.fromEntries(reportTypes.map((r, i) => [i, r.label])),
  trackerDictionary: Object.fromEntries(dictionary.map((d) => [d.field, d])),
};

/** Every entry that has one language must have both, non-empty. */
function missingInServer(name: string, catalogue: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, entry] of Object.entries(catalogue)) {
    const e = entry as Record<string, unknown>;
    for (const lang of ['en', 'sw'])
      if (typeof e[lang] !== 'string' || (e[lang] as string).trim() === '')
        out.push(`${name}.${key}.${lang}`);
  }
  return out;
}

/** The leaf paths of a nested catalogue, with empty texts reported apart. */
function leaves(node: unknown, prefix = ''): { paths: string[]; empty: string[] } {
  const paths: string[] = [];
  const empty: string[] = [];
  if (typeof node === 'string') {
    paths.push(prefix);
    if (node.trim() === '') empty.push(prefix);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const sub = leaves(v, prefix ? `${prefix}.${k}` : k);
      paths.push(...sub.paths);
      empty.push(...sub.empty);
    }
  }
  return { paths, empty };
}

describe('every user-facing message in English and Kiswahili', () => {
  it("the server's catalogues have both languages for every key", () => {
    const missing = Object.entries(serverCatalogues).flatMap(([name, c]) => missingInServer(name, c));
    expect(missing).toEqual([]);
  });

  it("the console's catalogues have the same keys in both languages, none empty", () => {
    const a = leaves(en);
    const b = leaves(sw);
    const onlyEn = a.paths.filter((p) => !b.paths.includes(p));
    const onlySw = b.paths.filter((p) => !a.paths.includes(p));
    expect({ onlyEn, onlySw, empty: [...a.empty, ...b.empty] }).toEqual({
      onlyEn: [],
      onlySw: [],
      empty: [],
    });
    expect(a.paths.length).toBeGreaterThan(200);
  });
});
