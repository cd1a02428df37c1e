import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  THEME_STORAGE_KEY,
  contrastRatio,
  parseThemeChoice,
  readThemeChoice,
  resolveTheme,
  saveThemeChoice,
} from './theme.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('theme choice', () => {
  it('follows the system unless light or dark was chosen', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('reads unknown, missing or unreadable storage as "system"', () => {
    expect(parseThemeChoice(null)).toBe('system');
    expect(parseThemeChoice('sepia')).toBe('system');
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(readThemeChoice(undefined)).toBe('system');
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readThemeChoice(refusing)).toBe('system');
  });

  it('remembers light and dark, and "system" clears the stored value', () => {
    const storage = memoryStorage();
    saveThemeChoice(storage, 'dark');
    expect(storage.data.get(THEME_STORAGE_KEY)).toBe('dark');
    expect(readThemeChoice(storage)).toBe('dark');
    saveThemeChoice(storage, 'system');
    expect(storage.data.has(THEME_STORAGE_KEY)).toBe(false);
    expect(readThemeChoice(storage)).toBe('system');
  });

  it('does not throw when storage refuses a write', () => {
    const refusing = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => saveThemeChoice(refusing, 'light')).not.toThrow();
  });
});

/** The custom properties declared in the first block whose selector matches. */
function palette(selector: string): Record<string, string> {
  const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1]!, m[2]!]),
  );
}

describe('palettes meet WCAG AA (4.5:1) for text', () => {
  const computes = contrastRatio('#000000', '#ffffff');
  it('computes the contrast ratio', () => {
    expect(computes).toBeCloseTo(21, 5);
  });

  for (const [name, selector] of [
    ['light', ':root'],
    ['dark', ":root[data-theme='dark']"],
  ] as const) {
    it(`${name}: text, muted, links and errors on the page backgrounds`, () => {
      const p = { ...palette(':root'), ...palette(selector) };
      for (const bg of ['bg', 'surface', 'surface-sunken', 'surface-muted', 'surface-current']) {
        for (const fg of ['text', 'muted', 'focus', 'brand-text']) {
          expect(contrastRatio(p[fg]!, p[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      expect(contrastRatio(p['error-text']!, p['error-bg']!)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(p['ok-text']!, p['ok-bg']!)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio('#ffffff', p['brand']!)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio('#ffffff', p['accent']!)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
