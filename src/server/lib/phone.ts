import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** E.164 for a Kenyan-default phone number, or null when it is not a valid number. */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const p = parsePhoneNumberFromString(raw.trim(), 'KE');
  return p && p.isValid() ? p.number : null;
}
