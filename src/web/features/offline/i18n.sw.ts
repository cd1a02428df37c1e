import type { offlineEn } from './i18n.en.js';

/** Kiswahili strings of the connection state, the offline outbox and the offline start page. */
export const offlineSw: typeof offlineEn = {
  offline: {
    connection: {
      label: 'Muunganisho',
      offline: 'Nje ya mtandao',
      reconnecting: 'Inaunganisha upya…',
      live: 'Mtandaoni',
    },
    outbox: {
      title: 'Kikasha cha kutuma',
      open: 'Kikasha cha kutuma ({{count}})',
      intro:
        'Unachorekodi bila mtandao kinasubiri hapa, kimefungwa kwenye simu hii, na kinatumwa chenyewe mtandao ukirudi — kila kimoja mara moja tu.',
      empty: 'Hakuna kinachosubiri kutumwa.',
      sendNow: 'Tuma sasa',
      discard: 'Futa',
      close: 'Funga',
      locked: 'Kimefungwa hadi urudi mtandaoni na kuingia.',
      queuedNotice: 'Kimehifadhiwa kwenye kikasha cha kutuma: kitatumwa mtandao ukirudi.',
      conflictNotice:
        'Mtu mwingine alibadilisha hili ukiwa nje ya mtandao. Fungua kikasha cha kutuma uchague.',
      kinds: {
        report: 'Ripoti mpya',
        'check-in': 'Taarifa ya hali ya kazi ya uwandani',
        note: 'Dokezo la kesi',
        arrest: 'Kukamatwa',
        act: 'Tukio',
        action: 'Mabadiliko ya hatua',
      },
      states: {
        queued: 'Inasubiri',
        sending: 'Inatuma…',
        sent: 'Imetumwa',
        failed: 'Imekataliwa',
        conflict: 'Mgongano',
      },
      conflict: {
        title: 'Matoleo mawili ya rekodi moja',
        theirs: 'Iliyohifadhiwa kwenye seva (toleo {{version}})',
        mine: 'Yako, uliyofanya nje ya mtandao',
        keepBoth: 'Weka zote mbili',
        keepMine: 'Weka yangu',
        keepTheirs: 'Weka yao',
        noNotes: '(hakuna maelezo)',
      },
    },
    shell: {
      title: 'Uko nje ya mtandao',
      intro:
        'Dharura imefunguka kutoka nakala iliyo kwenye simu hii. Kikasha cha kutuma chako kimehifadhiwa, kimefungwa; kituo kinarudi, na kikasha kinatumwa, mara mtandao unaporudi.',
      retry: 'Jaribu tena sasa',
    },
    note: {
      label: 'Ongeza dokezo kwenye kesi',
      submit: 'Ongeza dokezo',
      saved: 'Dokezo limeongezwa.',
    },
  },
};
