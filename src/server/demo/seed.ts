import type { Role } from '../../shared/permissions.js';
import type { MfaService } from '../modules/auth/mfa.service.js';
import { demoTotpSecret } from '../modules/auth/totp.js';
import type { UsersService } from '../modules/users/users.service.js';
import type { OncallService } from '../modules/alerts/oncall.service.js';
import { DUTY_ROTATION } from '../modules/alerts/defaults.js';

/**
 * The fictional demo organisation. Every name is invented and marked "(demo)"; the demo runs on its own
 * embedded database so none of this can mix with a real deployment.
 */
export interface DemoAccount {
  role: Role;
  email: string;
  displayName: string;
  password: string;
  /**
   * The account's authenticator-app secret (base32), pre-enrolled so the demo needs no phone. Fixed and
   * public: base32 of the first 20 bytes of SHA-256("dharura-demo-totp:<role>"), so browser tests can
   * compute codes with otplib. Demo only.
   */
  totpSecret: string;
  locale: 'en' | 'sw';
}

export const demoAccounts: DemoAccount[] = [
  { role: 'admin', displayName: 'Baraka Otieno (demo)', locale: 'en' },
  { role: 'duty_officer', displayName: 'Amina Wanjiru (demo)', locale: 'sw' },
  { role: 'approver', displayName: 'Grace Achieng (demo)', locale: 'en' },
  { role: 'legal', displayName: 'Peter Kamau (demo)', locale: 'en' },
  { role: 'research', displayName: 'Halima Abdi (demo)', locale: 'sw' },
  { role: 'communications', displayName: 'Mercy Njeri (demo)', locale: 'en' },
  { role: 'finance', displayName: 'David Mutua (demo)', locale: 'en' },
  { role: 'responder', displayName: 'Zawadi Chebet (demo)', locale: 'sw' },
  { role: 'partner', displayName: 'Tumaini Safe House (demo)', locale: 'en' },
  { role: 'analyst', displayName: 'Joseph Kiprono (demo)', locale: 'en' },
  { role: 'leadership', displayName: 'Esther Wambui (demo)', locale: 'en' },
  { role: 'dpo', displayName: 'Wairimu Kariuki (demo)', locale: 'en' },
].map((a) => ({
  ...a,
  role: a.role as Role,
  locale: a.locale as 'en' | 'sw',
  email: `${a.role.replace('_', '.')}@demo.dharura.test`,
  password: `demo-${a.role.replace('_', '-')}-2026`,
  totpSecret: demoTotpSecret(a.role),
}));

/** Fictional places the demo uses, in several counties (names are real places, events are not). */
export const demoPlaces = [
  { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' },
  { county: 'Nairobi', subCounty: 'Embakasi Central', ward: 'Kayole Central' },
  { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Mukuru Kwa Njenga' },
  { county: 'Mombasa', subCounty: 'Likoni', ward: 'Likoni' },
  { county: 'Kisumu', subCounty: 'Kisumu Central', ward: 'Kondele' },
  { county: 'Nakuru', subCounty: 'Nakuru Town East', ward: 'Kivumbini' },
];

export async function seedDemo(services: {
  users: UsersService;
  mfa: MfaService;
  oncall?: OncallService;
}): Promise<DemoAccount[]> {
  for (const a of demoAccounts) {
    const user = await services.users.create({
      email: a.email,
      displayName: a.displayName,
      password: a.password,
      roles: [a.role],
      locale: a.locale,
    });
    await services.mfa.enrolKnownTotpSecret(user.id, a.totpSecret);
    // The demo duty officer is on call in the default rotation, so the first alert pages her.
    if (a.role === 'duty_officer') await services.oncall?.addMember(DUTY_ROTATION, user.id);
  }
  return demoAccounts;
}
