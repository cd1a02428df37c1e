import type { profileEn } from './i18n.en.js';

/** Kiswahili strings of the staff profile's phone verification: the same keys as `profileEn`. */
export const profileSw: typeof profileEn = {
  myPhone: {
    title: 'Simu yangu',
    intro:
      'Arifa za zamu hukufikia kwa SMS kwenye nambari hii. Iweke, kisha andika msimbo wa tarakimu 6 tunaotuma kuthibitisha kuwa ni yako.',
    current: 'Nambari yako: {{masked}}',
    none: 'Bado hakuna nambari ya simu.',
    verified: 'Imethibitishwa',
    notVerified: 'Bado haijathibitishwa',
    phone: 'Nambari ya simu',
    phoneHint: 'Kwa mfano 0712 345 678 au +254 712 345 678.',
    send: 'Nitumie msimbo',
    sent: 'Msimbo umetumwa kwa SMS. Unatumika kwa dakika chache.',
    code: 'Msimbo kutoka SMS',
    codeHint: 'Tarakimu 6.',
    codeFormat: 'Andika tarakimu 6 kutoka SMS.',
    confirm: 'Thibitisha',
    confirmed: 'Nambari yako ya simu imethibitishwa.',
    change: 'Tumia nambari nyingine',
  },
};
