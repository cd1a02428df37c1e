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
        photo: 'Picha ya ushahidi',
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
    passcode: {
      title: 'Fungua bila mtandao',
      intro:
        'Chagua nenosiri la herufi {{min}} au zaidi: kwa nalo, Dharura inafunguka kwenye simu hii bila mtandao, pamoja na kazi zako za uwandani, kesi zako na kikasha chako cha kutuma. Linadumu kwa kuingia huku tu.',
      new: 'Nenosiri la nje ya mtandao',
      repeat: 'Nenosiri lilelile tena',
      save: 'Hifadhi nenosiri',
      isSet: 'Nenosiri limewekwa kwenye simu hii kwa kuingia huku.',
      change: 'Badilisha',
      tooShort: 'Angalau herufi {{min}}.',
      mismatch: 'Manenosiri mawili hayalingani.',
    },
    unlock: {
      intro: 'Weka nenosiri lako la nje ya mtandao ili kufungua Dharura na kilichohifadhiwa kwenye simu hii.',
      label: 'Nenosiri la nje ya mtandao',
      submit: 'Fungua',
      opening: 'Inafungua…',
      wrong_one:
        'Nenosiri si sahihi. Jaribio moja zaidi, kisha kila kilichohifadhiwa kwenye simu hii kinafutwa.',
      wrong_other: 'Nenosiri si sahihi. Yamebaki majaribio {{count}}.',
      noSession: 'Kilichohifadhiwa kwenye simu hii hakiwezi kufunguliwa. Ingia mtandao ukirudi.',
    },
    note: {
      label: 'Ongeza dokezo kwenye kesi',
      submit: 'Ongeza dokezo',
      saved: 'Dokezo limeongezwa.',
    },
  },
};
