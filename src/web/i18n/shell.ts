import { authEn } from '../features/auth/i18n.en.js';
import { authSw } from '../features/auth/i18n.sw.js';
import { coreEn } from './core.en.js';
import { coreSw } from './core.sw.js';

/**
 * The strings the first screen needs (the shell and sign-in), loaded with the first script. Every
 * feature's strings (en.ts, sw.ts) arrive with the console's own chunk after sign-in (features.ts), so a
 * 2G line does not carry every page's text before anyone can sign in.
 */
export const shellEn = { ...coreEn, ...authEn };
export const shellSw: typeof shellEn = { ...coreSw, ...authSw };
