import type { simulatorEn } from './i18n.en.js';

/** Kiswahili strings of the phone simulator: the same keys as `simulatorEn`. */
export const simulatorSw: typeof simulatorEn = {
  simulator: {
    title: 'Kiigaji cha simu',
    intro:
      'Igiza mtoa ripoti, mtoa msaada au afisa wa zamu ukiwa hapa: tuma SMS au pitia menyu ya USSD kama simu yoyote, na usome Dharura inachojibu. Kwa maonyesho na mafunzo tu: hakuna ujumbe halisi unaotoka.',
    noAccess: 'Ni wasimamizi wa mfumo pekee wanaoweza kutumia kiigaji cha simu.',
    playAs: 'Igiza kama',
    presets: { reporter: 'Mtoa ripoti', responder: 'Mtoa msaada', officer: 'Afisa wa zamu' },
    phone: 'Namba ya simu',
    phoneHint: 'Namba yoyote ya simu ya Kenya, kwa mfano 0712 000 101.',
    phoneInvalid: 'Weka namba kamili ya simu.',
    usePhone: 'Tumia simu hii',
    current: 'Unatumia {{phone}}',
    smsTitle: 'Tuma SMS',
    smsIntro:
      'Inafika sawasawa kama kutoka kwa mtoa huduma wa SMS: ripoti, HALI <namba ya kesi>, MSAADA, au jibu la mtoa msaada.',
    smsText: 'Ujumbe',
    smsRequired: 'Andika ujumbe kwanza.',
    smsSend: 'Tuma SMS',
    sending: 'Inatuma…',
    tryExample: 'Jaribu:',
    examples: {
      report: 'Jirani yangu Kayole anampiga mke wake, anapiga kelele kuomba msaada',
      status: 'HALI UA-2026-00001',
      sos: 'MSAADA polisi wananifuata',
    },
    outcomes: {
      report: 'ripoti mpya',
      status: 'ombi la hali ya kesi',
      sos: 'SOS',
      responder: 'jibu la mtoa msaada',
      too_short: 'fupi mno kuwa ripoti',
      alert_ack: 'mfanyakazi akithibitisha tahadhari',
      duplicate: 'marudio ya ujumbe wa awali',
      ignored: 'umepuuzwa',
    },
    smsResult: 'Umetumwa. Dharura imeusoma kama {{what}}.',
    smsResultRef: 'Umetumwa. Dharura imeusoma kama {{what}}: namba ya kesi {{reference}}.',
    ussdTitle: 'Piga menyu ya USSD',
    ussdIntro: 'Menyu ya simu ya kawaida: soma kila skrini na ujibu kwa namba au maneno machache.',
    ussdDial: 'Piga *384*0#',
    ussdDialAgain: 'Piga tena',
    ussdHangUp: 'Kata simu',
    ussdEnded: 'Kipindi kimekwisha.',
    ussdReply: 'Jibu lako',
    ussdSend: 'Tuma',
    ussdPath: 'text = {{text}} · kipindi {{session}}',
    inboxTitle: 'Ujumbe ulioingia kwa {{phone}}',
    inboxIntro:
      'Dharura ilichotuma kwa simu hii, cha karibuni kwanza. Husasishwa kila baada ya sekunde chache.',
    inboxEmpty: 'Bado hakuna kilichotumwa kwa simu hii.',
    noBody: 'Maudhui hayapatikani tena',
    refresh: 'Sasisha',
    refreshing: 'Inasasisha…',
  },
};
