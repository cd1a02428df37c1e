import type { AppContext } from '../app.js';
import type { ResponderInput } from '../../shared/contracts/network.js';

type Services = AppContext['services'];

const kware = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' };
const mukuru = { county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Mukuru Kwa Njenga' };
const kayole = { county: 'Nairobi', subCounty: 'Embakasi Central', ward: 'Kayole Central' };
const likoni = { county: 'Mombasa', subCounty: 'Likoni', ward: 'Likoni' };

/** Fictional responders around three community justice centres (and one at the coast). */
export const demoResponders: (ResponderInput & { phone: string })[] = [
  {
    name: 'Wanjiku (demo)',
    phone: '+254711100001',
    locale: 'sw',
    areas: [kware],
    skills: ['escort', 'first_aid'],
    homeCentre: 'Kware Community Justice Centre',
    cancelPin: '2468',
    duressPin: '1357',
    emergencyContacts: 'Brother Kamau (demo) 0711 100 091',
  },
  {
    name: 'Otieno (demo)',
    phone: '+254711100002',
    locale: 'en',
    areas: [kware, mukuru],
    skills: ['escort', 'documentation'],
    homeCentre: 'Kware Community Justice Centre',
  },
  {
    name: 'Achieng (demo)',
    phone: '+254711100003',
    locale: 'sw',
    areas: [mukuru],
    skills: ['escort', 'counsellor'],
    homeCentre: 'Mukuru Community Justice Centre',
  },
  {
    name: 'Mutua (demo)',
    phone: '+254711100004',
    locale: 'sw',
    areas: [mukuru],
    skills: ['paralegal', 'documentation'],
    homeCentre: 'Mukuru Community Justice Centre',
  },
  {
    name: 'Nyambura (demo)',
    phone: '+254711100005',
    locale: 'en',
    areas: [kayole],
    skills: ['escort', 'paralegal'],
    homeCentre: 'Kayole Community Justice Centre',
    caseloadLimit: 1,
  },
  {
    name: 'Kiprono (demo)',
    phone: '+254711100006',
    locale: 'sw',
    areas: [kayole],
    skills: ['body_retrieval', 'first_aid', 'escort'],
    homeCentre: 'Kayole Community Justice Centre',
    availableFrom: '18:00',
    availableTo: '06:00',
  },
  {
    name: 'Halima (demo)',
    phone: '+254711100007',
    locale: 'sw',
    areas: [likoni],
    skills: ['escort', 'counsellor', 'documentation'],
    homeCentre: 'Likoni Community Justice Centre',
    available: false,
  },
];

/**
 * The demo network: responders around Kware, Mukuru, Kayole and Likoni (the demo responder account is
 * one of them, so SOS and check-ins work from the console), and an escort mission under way on the
 * Kware femicide case with a check-in already made — play any responder in the phone simulator.
 */
export async function seedDemoNetwork(services: Services): Promise<typeof demoResponders> {
  const users = await services.users.list();
  const duty = users.find((u) => u.roles.includes('duty_officer'))!;
  const responderUser = users.find((u) => u.roles.includes('responder'));
  const actor = { id: duty.id, roles: duty.roles };
  const ids: string[] = [];
  for (const [i, r] of demoResponders.entries()) {
    const made = await services.network.responders.create(
      // The first demo responder is the demo `responder` account, so the console's SOS is theirs.
      i === 0 && responderUser ? { ...r, userId: responderUser.id } : r,
      actor,
    );
    ids.push(made.id);
  }
  const kwareCase = (
    await services.cases
      .queue(actor, { county: 'Nairobi', limit: 100 })
      .then((q) => q.cases.filter((c) => c.ward === 'Kware' && c.status === 'active'))
  )[0];
  if (kwareCase) {
    const d = await services.network.dispatch(
      kwareCase.id,
      { missionType: 'escort', responderIds: [ids[0]!, ids[1]!], checkInMinutes: 30 },
      actor,
    );
    await services.network.reply({
      phone: demoResponders[0]!.phone,
      keyword: 'NDIO',
      number: String(d.number),
      detail: '',
      locale: 'sw',
    });
    await services.network.reply({
      phone: demoResponders[0]!.phone,
      keyword: 'OK',
      number: String(d.number),
      detail: 'Tumefika sokoni, tuko salama (demo)',
      locale: 'sw',
    });
  }
  return demoResponders;
}
