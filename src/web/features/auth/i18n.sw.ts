import type { authEn } from './i18n.en.js';

/** Kiswahili strings of sign-in and the second factor: the same keys as `authEn`. */
export const authSw: typeof authEn = {
  login: {
    title: 'Ingia',
    intro: 'Ingia kwa akaunti ya shirika lako.',
    email: 'Barua pepe',
    password: 'Nenosiri',
    submit: 'Ingia',
    submitting: 'Unaingia…',
    emailRequired: 'Weka anwani yako ya barua pepe.',
    passwordRequired: 'Weka nenosiri lako.',
    formTitle: 'Fomu ya kuingia',
    code: {
      title: 'Weka msimbo wako wa uthibitisho',
      intro:
        'Fungua programu ya uthibitisho kwenye simu yako na uweke msimbo wa tarakimu 6 inaouonyesha kwa Dharura.',
      signingInAs: 'Unaingia kama {{email}}.',
      startOver: 'Tumia akaunti nyingine',
      label: 'Msimbo wa uthibitisho',
      hint: 'Tarakimu 6, kwa mfano 123456. Msimbo mpya huonekana kila sekunde 30.',
      required: 'Weka msimbo wa tarakimu 6 kutoka kwenye programu yako ya uthibitisho.',
      submit: 'Thibitisha na uingie',
      submitting: 'Inakagua…',
      useRecovery: 'Umepoteza simu yako? Tumia msimbo wa dharura',
      useApp: 'Tumia msimbo kutoka kwenye programu ya uthibitisho badala yake',
      recoveryIntro:
        'Weka mmoja wa misimbo ya dharura uliyohifadhi ulipoweka uthibitisho wa hatua mbili. Kila msimbo hutumika mara moja tu.',
      recoveryLabel: 'Msimbo wa dharura',
      recoveryHint: 'Kwa mfano abcde-fghjk',
      recoveryRequired: 'Weka mmoja wa misimbo yako ya dharura.',
    },
    enrol: {
      title: 'Weka uthibitisho wa hatua mbili',
      intro:
        'Dharura huomba msimbo kutoka kwenye simu yako kila unapoingia, ili nenosiri lililoibiwa lisitoshe kuingia. Tumia programu ya uthibitisho kama Google Authenticator, Microsoft Authenticator, FreeOTP au Aegis.',
      loading: 'Tunaandaa mipangilio yako…',
      step1: 'Ongeza Dharura kwenye programu: changanua msimbo huu wa QR.',
      qrAlt: 'Msimbo wa QR unaoongeza Dharura kwenye programu ya uthibitisho',
      manual: 'Huwezi kuuchanganua? Andika ufunguo huu kwenye programu badala yake:',
      secretLabel: 'Ufunguo wa kuweka',
      openInApp: 'Uko kwenye simu hii? Ifungue kwenye programu yako ya uthibitisho',
      step2: 'Weka msimbo wa tarakimu 6 ambao programu inaonyesha sasa',
      submit: 'Thibitisha na uingie',
      submitting: 'Inathibitisha…',
    },
    recovery: {
      title: 'Hifadhi misimbo yako ya dharura',
      intro:
        'Ukipoteza simu yako, kila mmoja wa misimbo hii utakuwezesha kuingia mara moja. Iandike au uichapishe, na uiweke mahali salama mbali na simu yako.',
      once: 'Misimbo hii inaonyeshwa sasa tu. Ihifadhi kabla ya kuendelea.',
      listLabel: 'Misimbo yako ya dharura',
      copy: 'Nakili misimbo',
      copied: 'Imenakiliwa.',
      copyFailed: 'Imeshindikana kunakili. Iandike misimbo badala yake.',
      continue: 'Nimeihifadhi — endelea',
    },
  },
};
