import type { statementsEn } from './i18n.en.js';

/** Kiswahili strings of public statements: the same keys as `statementsEn`. */
export const statementsSw: typeof statementsEn = {
  statements: {
    title: 'Taarifa kwa umma',
    intro:
      'Taarifa zilizoandaliwa kutokana na kesi au tukio. Endesha ukaguzi wa maelezo yanayotambulisha watu; ondoa kila kilichopatikana au kikubali kwa sababu; mtu mwingine asiye mwandishi ndiye anaidhinisha.',
    publicPage: 'Ukurasa wa umma',
    titleCol: 'Kichwa',
    status: 'Hali',
    checked: 'Imekaguliwa',
    yes: 'Ndiyo',
    no: 'Hapana',
    open: 'Fungua',
    statuses: {
      draft: 'Rasimu',
      approved: 'Imeidhinishwa',
      published: 'Imechapishwa',
      withdrawn: 'Imeondolewa',
    },
    findings: 'Maelezo yanayotambulisha yaliyopatikana',
    noFindings: 'Hakuna maelezo yanayotambulisha yaliyopatikana kwenye maandishi yaliyokaguliwa.',
    finding: '{{kind}} katika {{field}} kwenye herufi ya {{offset}}',
    kinds: {
      person_name: 'Jina la mtu aliye kwenye kesi',
      person_phone: 'Simu ya mtu aliye kwenye kesi',
      reporter_contact: 'Mawasiliano ya mtoa taarifa',
      place: 'Mahali hasa',
      phone: 'Nambari ya simu',
      id_number: 'Nambari ya kitambulisho',
    },
    fields: {
      titleEn: 'kichwa cha Kiingereza',
      titleSw: 'kichwa cha Kiswahili',
      bodyEn: 'maandishi ya Kiingereza',
      bodySw: 'maandishi ya Kiswahili',
    },
    accepted: 'Kimebakizwa kwa makusudi',
    reason: 'Sababu ya kukibakiza (angalau herufi 10)',
    accept: 'Bakiza kwa sababu hii',
    check: 'Endesha ukaguzi',
    approve: 'Idhinisha',
    none: 'Bado hakuna taarifa.',
    publish: 'Chapisha',
    withdraw: 'Ondoa',
  },
};
