import type { Locale } from '../../../shared/locale.js';

/** Every word of the public pages, in English and Kiswahili. */
export const copy = {
  quickExit: { en: 'Quick exit', sw: 'Ondoka haraka' },
  safety: {
    en: 'For your safety: this page may stay in your browser history. Use private browsing, or clear your history when you are done.',
    sw: 'Kwa usalama wako: ukurasa huu unaweza kubaki kwenye historia ya kivinjari chako. Tumia kuvinjari kwa faragha, au futa historia yako ukimaliza.',
  },
  emergency: {
    en: 'If a life is in danger, also call 999 or 112.',
    sw: 'Iwapo maisha ya mtu yako hatarini, piga simu pia 999 au 112.',
  },
  otherLanguage: { en: 'Kiswahili', sw: 'English' },
  reportTitle: {
    en: 'Report an urgent human rights situation',
    sw: 'Ripoti hali ya dharura ya haki za binadamu',
  },
  reportIntro: {
    en: 'Tell us what is happening. You can stay anonymous. Only our response team can read what you write.',
    sw: 'Tueleze kinachoendelea. Unaweza kubaki bila kujulikana. Ni timu yetu ya kushughulikia dharura pekee inayoweza kusoma unachoandika.',
  },
  errorSummary: {
    en: 'Please check the fields marked below. Nothing has been sent yet.',
    sw: 'Tafadhali angalia sehemu zilizowekwa alama hapa chini. Bado hakuna kilichotumwa.',
  },
  placeStep: {
    en: 'Nothing has been sent yet. Choose the sub-county and ward if you know them, then press “Send report”.',
    sw: 'Bado hakuna kilichotumwa. Chagua kaunti ndogo na wadi kama unazijua, kisha ubonyeze “Tuma ripoti”.',
  },
  dangerQuestion: { en: 'Is someone in danger right now?', sw: 'Je, kuna mtu yuko hatarini sasa hivi?' },
  yes: { en: 'Yes', sw: 'Ndiyo' },
  no: { en: 'No', sw: 'Hapana' },
  whatHappened: { en: 'What happened?', sw: 'Nini kilitokea?' },
  whatHappenedHint: {
    en: 'Who is affected, what happened, and anything that helps us act.',
    sw: 'Nani ameathirika, nini kilitokea, na chochote kitakachotusaidia kuchukua hatua.',
  },
  violation: { en: 'What kind of violation is it? (optional)', sw: 'Ni ukiukaji wa aina gani? (si lazima)' },
  notSure: { en: 'Not sure', sw: 'Sina uhakika' },
  where: { en: 'Where?', sw: 'Wapi?' },
  county: { en: 'County', sw: 'Kaunti' },
  chooseCounty: { en: 'Choose a county', sw: 'Chagua kaunti' },
  choosePlace: { en: 'Choose sub-county and ward', sw: 'Chagua kaunti ndogo na wadi' },
  choosePlaceHint: {
    en: 'Choose the county, then press “Choose sub-county and ward” to pick them from a list.',
    sw: 'Chagua kaunti, kisha ubonyeze “Chagua kaunti ndogo na wadi” ili kuzichagua kwenye orodha.',
  },
  ward: { en: 'Sub-county and ward', sw: 'Kaunti ndogo na wadi' },
  wardUnknown: { en: 'ward not sure', sw: 'sina uhakika wa wadi' },
  place: {
    en: 'Place or landmark (optional)',
    sw: 'Mahali au alama inayojulikana karibu (si lazima)',
  },
  when: { en: 'When did it happen?', sw: 'Ilitokea lini?' },
  date: { en: 'Date (day/month/year)', sw: 'Tarehe (siku/mwezi/mwaka)' },
  precision: { en: 'How sure are you of the date?', sw: 'Una uhakika kiasi gani na tarehe?' },
  precisionExact: { en: 'Exactly this date', sw: 'Tarehe hii kamili' },
  precisionDay: { en: 'On this day', sw: 'Siku hii' },
  precisionMonth: { en: 'Some time this month', sw: 'Wakati fulani mwezi huu' },
  precisionYear: { en: 'Some time this year', sw: 'Wakati fulani mwaka huu' },
  precisionEstimate: { en: 'A rough guess', sw: 'Makadirio tu' },
  aboutYou: { en: 'About you', sw: 'Kuhusu wewe' },
  anonymous: {
    en: 'Keep me anonymous (we will not record your name or number)',
    sw: 'Nisijulikane (hatutarekodi jina wala nambari yako)',
  },
  anonymousHint: {
    en: 'To let us contact you, untick “Keep me anonymous”.',
    sw: 'Ili tuweze kuwasiliana nawe, ondoa alama kwenye “Nisijulikane”.',
  },
  name: { en: 'Your name (optional)', sw: 'Jina lako (si lazima)' },
  phone: { en: 'Your phone number (optional)', sw: 'Nambari yako ya simu (si lazima)' },
  contact: {
    en: 'A safe way to contact you (optional), e.g. “call after 6pm” or “through my sister”',
    sw: 'Njia salama ya kuwasiliana nawe (si lazima), k.m. “piga baada ya saa 12 jioni” au “kupitia dada yangu”',
  },
  victim: { en: 'The person affected', sw: 'Mtu aliyeathirika' },
  victimName: { en: 'Their name, if you know it (optional)', sw: 'Jina lake, kama unalijua (si lazima)' },
  honeypot: { en: 'Leave this empty', sw: 'Acha hapa wazi' },
  send: { en: 'Send report', sw: 'Tuma ripoti' },

  thanksTitle: { en: 'Thank you. Your report has been received.', sw: 'Asante. Ripoti yako imepokelewa.' },
  thanksQuiet: { en: 'Thank you. Your message has been received.', sw: 'Asante. Ujumbe wako umepokelewa.' },
  yourReference: { en: 'Your reference:', sw: 'Nambari yako ya kumbukumbu:' },
  keepReference: {
    en: 'Keep it to check the status of your report. If it is not safe to keep it, you do not have to.',
    sw: 'Ihifadhi ili kufuatilia hali ya ripoti yako. Kama si salama kuihifadhi, si lazima.',
  },
  referenceSecret: {
    en: 'The last four characters are your private code: the status can only be checked with them, and we cannot show them to you again.',
    sw: 'Herufi nne za mwisho ni msimbo wako wa siri: hali inaweza kuangaliwa kwa msimbo huo tu, na hatuwezi kukuonyesha tena.',
  },
  anonymousThanks: {
    en: 'You chose to stay anonymous, so we cannot contact you. Use your reference to check the status.',
    sw: 'Umechagua kutojulikana, kwa hivyo hatuwezi kuwasiliana nawe. Tumia nambari yako ya kumbukumbu kuangalia hali.',
  },
  contactThanks: {
    en: 'We may contact you in the way you told us.',
    sw: 'Tunaweza kuwasiliana nawe kwa njia uliyotueleza.',
  },
  clearHistory: {
    en: 'Quick exit leaves this page, but your browser may still show it with the Back button or in its history. To remove it: open the browser menu (⋮ or ☰), choose History, then Clear browsing data. Next time, use a private or incognito window.',
    sw: 'Kitufe cha kuondoka haraka kinaondoka kwenye ukurasa huu, lakini kivinjari chako bado kinaweza kuuonyesha kwa kitufe cha Rudi au kwenye historia. Kuuondoa: fungua menyu ya kivinjari (⋮ au ☰), chagua Historia, kisha Futa data ya kuvinjari. Wakati ujao, tumia dirisha la faragha (incognito).',
  },
  checkStatus: { en: 'Check the status of a report', sw: 'Angalia hali ya ripoti' },
  anotherReport: { en: 'Send another report', sw: 'Tuma ripoti nyingine' },

  statusTitle: { en: 'Check the status of a report', sw: 'Angalia hali ya ripoti' },
  statusReference: {
    en: 'Reference with its private code at the end (for example UA-2026-00123-K7PX)',
    sw: 'Nambari ya kumbukumbu pamoja na msimbo wa siri mwishoni (kwa mfano UA-2026-00123-K7PX)',
  },
  statusCheck: { en: 'Check', sw: 'Angalia' },
  statusReceived: { en: 'Received — we are looking at it.', sw: 'Imepokelewa — tunaipitia.' },
  statusActive: { en: 'Action under way.', sw: 'Hatua zinachukuliwa.' },
  statusClosed: { en: 'Closed.', sw: 'Imefungwa.' },
  statusUnknown: {
    en: 'We could not find this reference. Please check it, with the code at its end, and try again.',
    sw: 'Hatukuweza kupata nambari hii ya kumbukumbu. Tafadhali iangalie, pamoja na msimbo ulio mwishoni, kisha ujaribu tena.',
  },
  makeReport: { en: 'Report an urgent situation', sw: 'Ripoti hali ya dharura' },

  // Field messages.
  dangerRequired: { en: 'Please answer yes or no.', sw: 'Tafadhali jibu ndiyo au hapana.' },
  narrativeRequired: { en: 'Please tell us what happened.', sw: 'Tafadhali tueleze kilichotokea.' },
  narrativeTooLong: {
    en: 'Please keep this under 5,000 characters.',
    sw: 'Tafadhali usizidi herufi 5,000.',
  },
  tooLong: { en: 'This is too long.', sw: 'Hii ni ndefu mno.' },
  invalidChoice: { en: 'Please choose from the list.', sw: 'Tafadhali chagua kutoka kwenye orodha.' },
  countyFirst: { en: 'Please choose a county first.', sw: 'Tafadhali chagua kaunti kwanza.' },
  wardNotInCounty: {
    en: 'This is not in the chosen county. Please choose again.',
    sw: 'Hii haiko katika kaunti uliyochagua. Tafadhali chagua tena.',
  },
  dateInvalid: {
    en: 'Please write the date like 25/03/2026.',
    sw: 'Tafadhali andika tarehe kama 25/03/2026.',
  },
  dateFuture: { en: 'This date is in the future.', sw: 'Tarehe hii bado haijafika.' },
  phoneInvalid: {
    en: 'This is not a valid Kenyan phone number. Example: 0712 345 678.',
    sw: 'Hii si nambari sahihi ya simu ya Kenya. Mfano: 0712 345 678.',
  },
  anonymousConflict: {
    en: 'You chose to stay anonymous but gave your details. Untick “Keep me anonymous” if we may contact you, or clear your name, number and contact.',
    sw: 'Umechagua kutojulikana lakini umetoa maelezo yako. Ondoa alama kwenye “Nisijulikane” kama tunaweza kuwasiliana nawe, au futa jina, nambari na njia ya mawasiliano.',
  },
  tokenExpired: {
    en: 'This form was open for a long time. Please check your report and send it again.',
    sw: 'Fomu hii imekaa wazi kwa muda mrefu. Tafadhali kagua ripoti yako kisha uitume tena.',
  },
  tokenTooFresh: {
    en: 'That was very quick. Please check your report and press “Send report” again.',
    sw: 'Hiyo ilikuwa haraka sana. Tafadhali kagua ripoti yako kisha ubonyeze “Tuma ripoti” tena.',
  },
  notSaved: {
    en: 'Your report has not been sent yet. Please wait a minute, then press “Send report” again.',
    sw: 'Ripoti yako bado haijatumwa. Tafadhali subiri dakika moja, kisha ubonyeze “Tuma ripoti” tena.',
  },
  back: { en: 'Back to the report form', sw: 'Rudi kwenye fomu ya ripoti' },
} as const satisfies Record<string, Record<Locale, string>>;

export type CopyKey = keyof typeof copy;

export function t(key: CopyKey, locale: Locale): string {
  return copy[key][locale];
}
