import type { referralsEn } from './i18n.en.js';

/** Kiswahili strings of referrals and the partner portal (same keys as the English file). */
export const referralsSw: typeof referralsEn = {
  referrals: {
    partnerTitle: 'Rufaa',
    capacity: 'Nafasi zilizo wazi sasa: {{count}}',
    updateCapacity: 'Sasisha',
    none: 'Hakuna rufaa kwa shirika lako.',
    nothingShared: 'Hakuna maelezo ya kibinafsi yanayoshirikiwa (imekataliwa au ridhaa imeondolewa).',
    reason: 'Sababu: {{reason}}',
    outcomeWas: 'Matokeo: {{outcome}}',
    declineReason: 'Sababu ya kukataa',
    outcome: 'Matokeo',
    accept: 'Kubali',
    decline: 'Kataa',
    recordOutcome: 'Rekodi matokeo',
    needs: {
      safe_house_placement: 'Kuwekwa katika nyumba salama',
      counselling: 'Ushauri nasaha',
      medical: 'Matibabu',
      legal_aid: 'Msaada wa kisheria',
    },
    statuses: {
      sent: 'Mpya',
      accepted: 'Imekubaliwa',
      declined: 'Imekataliwa',
      completed: 'Imekamilika',
      withdrawn: 'Imeondolewa (ridhaa imeondolewa)',
    },
    fields: {
      name: 'Jina',
      firstName: 'Jina la kwanza',
      phone: 'Simu',
      pickUpPoint: 'Mahali pa kuchukuliwa',
      language: 'Lugha',
    },
  },
};
