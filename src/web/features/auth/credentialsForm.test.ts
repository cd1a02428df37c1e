import { beforeAll, describe, expect, it } from 'vitest';
import { zodCheck } from '../../components/zodCheck.js';
import { en } from '../../i18n/en.js';
import { i18n } from '../../i18n/index.js';
import { sw } from '../../i18n/sw.js';
import { credentialsForm } from './credentialsForm.js';

// What sign-in runs on submit once its check has loaded (zodCheck with this schema): the contract's rules, the
// console's words.
const check = (values: Record<string, unknown>) =>
  zodCheck(credentialsForm, values, undefined, { fields: {}, shouldUseNativeValidation: false });

describe("sign-in's password step check", () => {
  beforeAll(async () => {
    if (!i18n.isInitialized)
      await i18n.init({
        resources: { en: { translation: en }, sw: { translation: sw } },
        lng: 'en',
        fallbackLng: 'en',
        interpolation: { escapeValue: false },
      });
  });

  it('asks for each empty field in the user language', async () => {
    await i18n.changeLanguage('en');
    const r = await check({ email: '  ', password: '' });
    expect(r.errors.email?.message).toBe(en.login.emailRequired);
    expect(r.errors.password?.message).toBe(en.login.passwordRequired);
    await i18n.changeLanguage('sw');
    const s = await check({ email: '', password: '' });
    expect(s.errors.email?.message).toBe(sw.login.emailRequired);
  });

  it('passes filled values on as the contract parses them (the email trimmed)', async () => {
    const r = await check({ email: ' ada@example.org ', password: 'secret words' });
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({ email: 'ada@example.org', password: 'secret words' });
  });
});
