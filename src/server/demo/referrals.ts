import type { AppContext } from '../app.js';
import { queueQuery } from '../../shared/contracts/cases.js';
import { referralInput } from '../../shared/contracts/referrals.js';

type Services = AppContext['services'];

/**
 * Fictional referral providers and referrals: the demo partner account acts for "Tumaini Safe House
 * (demo)" and has safe-house referrals from the Kware case waiting for an answer; a counselling centre
 * at the coast has one of its own, which the Tumaini partner never sees.
 */
export async function seedDemoReferrals(services: Services): Promise<number> {
  const users = await services.users.list();
  const duty = users.find((u) => u.roles.includes('duty_officer'));
  const partner = users.find((u) => u.roles.includes('partner'));
  if (!duty || !partner) throw new Error('demo users missing');
  const actor = { id: duty.id, roles: duty.roles };
  const { providers, referrals } = services.referrals;

  const tumaini = await providers.create(
    {
      name: 'Tumaini Safe House (demo)',
      type: 'safe_house',
      services: ['safe_house_placement'],
      counties: ['Nairobi', 'Kiambu'],
      languages: ['sw', 'en'],
      capacity: 3,
      hours: '24 hours (demo)',
      contacts: { phone: '+254711200001', email: 'intake@tumaini.demo.dharura.test' },
    },
    actor,
  );
  await providers.verify(tumaini.id, actor);
  await providers.addMember(tumaini.id, partner.id, actor);
  const pwani = await providers.create(
    {
      name: 'Pwani Counselling Centre (demo)',
      type: 'counsellor',
      services: ['counselling'],
      counties: ['Mombasa', 'Nairobi'],
      languages: ['sw'],
      capacity: null,
      contacts: { phone: '+254711200002' },
    },
    actor,
  );

  const [kware] = await services.cases.queueIds(actor, queueQuery.parse({ ward: 'Kware' }), 1);
  if (!kware) return 0;
  const consent = { purpose: 'Safe-house placement (demo)', method: 'in_person', toldRightToWithdraw: true };
  const safe = [
    { name: 'Akinyi (demo)', phone: '+254700000201', pickUpPoint: 'Kware chief’s office (demo)' },
    { name: 'Nafula (demo)', phone: '+254700000202', pickUpPoint: 'Mukuru health centre (demo)' },
    { name: 'Zawadi (demo)', phone: '+254700000203', pickUpPoint: 'Kayole police post (demo)' },
    { name: 'Makena (demo)', phone: '+254700000204', pickUpPoint: 'Embakasi bus stage (demo)' },
  ];
  for (const fields of safe) {
    await referrals.create(
      kware,
      actor,
      referralInput.parse({ providerId: tumaini.id, need: 'safe_house_placement', fields, consent }),
    );
  }
  await referrals.create(
    kware,
    actor,
    referralInput.parse({
      providerId: pwani.id,
      need: 'counselling',
      fields: { firstName: 'Mwanaisha (demo)', language: 'sw' },
      consent: { ...consent, purpose: 'Trauma counselling (demo)' },
    }),
  );
  return safe.length + 1;
}
