/**
 * Light and dark themes for night work. The choice (system / light / dark) is kept in localStorage;
 * "system" follows prefers-color-scheme. main.tsx applies it to <html data-theme> before the first
 * render (the CSP forbids an inline script in index.html), and follows system changes while "system".
 */

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'dharura.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The stored choice, or "system" for anything missing or unknown. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return (themeChoices as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

/** The theme to draw: the explicit choice, or the system's preference. */
export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}

/** Read the choice; storage may be absent or refuse access (private mode), which means "system". */
export function readThemeChoice(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice {
  try {
    return parseThemeChoice(storage?.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system';
  }
}

/** Remember the choice ("system" is the default, so it clears the stored value). */
export function saveThemeChoice(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  choice: ThemeChoice,
): void {
  try {
    if (choice === 'system') storage?.removeItem(THEME_STORAGE_KEY);
    else storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}

/** The browser chrome's colour per theme (the header's brand colour). */
export const themeColour: Record<Theme, string> = { light: '#7a1414', dark: '#5c0d0d' };

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Set <html data-theme> and the theme-color meta for a choice; returns the theme drawn. */
export function applyThemeChoice(choice: ThemeChoice): Theme {
  const theme = resolveTheme(choice, systemPrefersDark());
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.dataset.themeChoice = choice;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', themeColour[theme]);
  return theme;
}

/** The current choice (as applied on <html>). */
export function currentThemeChoice(): ThemeChoice {
  return parseThemeChoice(document.documentElement.dataset.themeChoice);
}

/** Change and remember the choice. */
export function chooseTheme(choice: ThemeChoice): void {
  saveThemeChoice(safeStorage(), choice);
  applyThemeChoice(choice);
}

/** Called once from main.tsx before rendering: apply the stored choice and follow system changes. */
export function initTheme(): void {
  applyThemeChoice(readThemeChoice(safeStorage()));
  if (typeof window.matchMedia !== 'function') return;
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    if (currentThemeChoice() === 'system') applyThemeChoice('system');
  });
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
