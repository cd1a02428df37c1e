import type { ErrorBodyView, FieldIssue } from '../shared/contracts/errors.js';
import type { Locale } from '../shared/locale.js';

/**
 * The stable error codes of Dharura's API. Clients switch on `code`; the message is for people and
 * comes in the caller's language. Add new codes at the end; never rename one.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: {
    status: 400,
    en: 'Some of the information is missing or not valid.',
    sw: 'Baadhi ya taarifa hazipo au si sahihi.',
  },
  AUTH_REQUIRED: {
    status: 401,
    en: 'Please sign in to continue.',
    sw: 'Tafadhali ingia ili kuendelea.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    en: 'The email or password is not correct. After several attempts, wait a minute before trying again.',
    sw: 'Barua pepe au nenosiri si sahihi. Baada ya majaribio kadhaa, subiri dakika moja kabla ya kujaribu tena.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    en: 'This account is temporarily locked after too many attempts. Try again later.',
    sw: 'Akaunti hii imefungwa kwa muda baada ya majaribio mengi. Jaribu tena baadaye.',
  },
  FORBIDDEN: {
    status: 403,
    en: 'You do not have permission to do this.',
    sw: 'Huna ruhusa ya kufanya hivi.',
  },
  NOT_FOUND: {
    status: 404,
    en: 'Not found.',
    sw: 'Haikupatikana.',
  },
  CONFLICT: {
    status: 409,
    en: 'This conflicts with the current state. Reload and try again.',
    sw: 'Hili linakinzana na hali ilivyo sasa. Pakia upya kisha ujaribu tena.',
  },
  CSRF_FAILED: {
    status: 403,
    en: 'The request could not be verified. Reload the page and try again.',
    sw: 'Ombi halikuweza kuthibitishwa. Pakia upya ukurasa kisha ujaribu tena.',
  },
  RATE_LIMITED: {
    status: 429,
    en: 'Too many requests. Please wait a moment and try again.',
    sw: 'Maombi ni mengi mno. Tafadhali subiri kidogo kisha ujaribu tena.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    en: 'What you sent is too large.',
    sw: 'Ulichotuma ni kikubwa mno.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'This kind of content is not accepted here.',
    sw: 'Aina hii ya maudhui haikubaliwi hapa.',
  },
  EMAIL_TAKEN: {
    status: 409,
    en: 'A user with this email already exists.',
    sw: 'Mtumiaji mwenye barua pepe hii tayari yupo.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    en: 'The service is not ready. Try again shortly.',
    sw: 'Huduma haiko tayari. Jaribu tena baada ya muda mfupi.',
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    en: 'This step is not possible for the case in its current state.',
    sw: 'Hatua hii haiwezekani kwa kesi katika hali yake ya sasa.',
  },
  REASON_REQUIRED: {
    status: 400,
    en: 'Please give a reason for this step.',
    sw: 'Tafadhali toa sababu ya hatua hii.',
  },
  PRECONDITION_FAILED: {
    status: 409,
    en: 'An earlier step must be completed first.',
    sw: 'Hatua ya awali lazima ikamilishwe kwanza.',
  },
  SEGREGATION_OF_DUTIES: {
    status: 403,
    en: 'Another person must make this decision (segregation of duties).',
    sw: 'Mtu mwingine lazima afanye uamuzi huu (mgawanyo wa majukumu).',
  },
  CASE_NOT_ACTIVE: {
    status: 409,
    en: 'The case is not at a stage where this can be recorded.',
    sw: 'Kesi haiko katika hatua ambapo jambo hili linaweza kurekodiwa.',
  },
  ACTION_STATUS_NOT_ALLOWED: {
    status: 409,
    en: 'This action cannot move to that status from its current one.',
    sw: 'Hatua hii haiwezi kuhamishiwa hali hiyo kutoka hali yake ya sasa.',
  },
  OUTCOME_REQUIRED: {
    status: 400,
    en: 'Please record the outcome before marking this action as done.',
    sw: 'Tafadhali andika matokeo kabla ya kuweka hatua hii kuwa imekamilika.',
  },
  ALERT_CLOSED: {
    status: 409,
    en: 'This alert is already resolved.',
    sw: 'Tahadhari hii tayari imeshughulikiwa na kufungwa.',
  },
  NAME_TAKEN: {
    status: 409,
    en: 'This name is already in use. Choose another.',
    sw: 'Jina hili tayari linatumika. Chagua jingine.',
  },
  EVENT_STREAM_ONLY: {
    status: 406,
    en: 'This address sends a live event stream; request it with Accept: text/event-stream.',
    sw: 'Anwani hii hutuma mtiririko wa matukio wa moja kwa moja; iombe kwa Accept: text/event-stream.',
  },
  SIMULATOR_DISABLED: {
    status: 409,
    en: 'The phone simulator is switched off on this server because real messages are being sent.',
    sw: 'Kiigaji cha simu kimezimwa kwenye seva hii kwa sababu ujumbe halisi unatumwa.',
  },
  PHONE_TAKEN: {
    status: 409,
    en: 'A responder with this phone number is already registered.',
    sw: 'Mtetezi mwenye namba hii ya simu tayari amesajiliwa.',
  },
  PHONE_INVALID: {
    status: 400,
    en: 'This is not a phone number we can send SMS to. Use a Kenyan number like 0712 345 678.',
    sw: 'Hii si namba ya simu tunayoweza kutumia kutuma SMS. Tumia namba ya Kenya kama 0712 345 678.',
  },
  NO_RESPONDERS: {
    status: 409,
    en: 'No available responder matches this call. Widen the area or change the mission type.',
    sw: 'Hakuna mtetezi anayepatikana anayefaa wito huu. Panua eneo au badilisha aina ya kazi.',
  },
  MISSION_CLOSED: {
    status: 409,
    en: 'This mission has already ended.',
    sw: 'Kazi hii tayari imekwisha.',
  },
  INTERNAL: {
    status: 500,
    en: 'Something went wrong on our side. The team has been told.',
    sw: 'Hitilafu imetokea upande wetu. Timu imearifiwa.',
  },
  MFA_INVALID_CODE: {
    status: 401,
    en: 'The verification code is not correct.',
    sw: 'Msimbo wa uthibitisho si sahihi.',
  },
  MFA_CHALLENGE_EXPIRED: {
    status: 401,
    en: 'This sign-in attempt has expired. Enter your email and password again.',
    sw: 'Jaribio hili la kuingia limepitwa na muda. Weka barua pepe na nenosiri lako tena.',
  },
  REAUTH_REQUIRED: {
    status: 401,
    en: 'For your security, confirm your password and verification code to continue.',
    sw: 'Kwa usalama wako, thibitisha nenosiri na msimbo wako wa uthibitisho ili kuendelea.',
  },
  EXPORT_NOT_APPROVED: {
    status: 403,
    en: 'This export needs your own request, approved by a second person, and can run only once.',
    sw: 'Uhamishaji huu unahitaji ombi lako mwenyewe, lililoidhinishwa na mtu wa pili, na unaweza kufanyika mara moja tu.',
  },
  REQUEST_DECIDED: {
    status: 409,
    en: 'This request has already been decided.',
    sw: 'Ombi hili tayari limeamuliwa.',
  },
  EVIDENCE_TOO_LARGE: {
    status: 413,
    en: 'This file is larger than the limit for one piece of evidence.',
    sw: 'Faili hili ni kubwa kuliko kikomo cha ushahidi mmoja.',
  },
  EVIDENCE_QUOTA_EXCEEDED: {
    status: 413,
    en: 'This case has no room left for more evidence files. Ask an administrator to raise the limit.',
    sw: 'Kesi hii haina nafasi tena ya faili zaidi za ushahidi. Mwombe msimamizi aongeze kikomo.',
  },
  EVIDENCE_TYPE_UNSUPPORTED: {
    status: 415,
    en: 'This kind of file cannot be kept as evidence. Photos (JPEG, PNG, WebP, HEIC), PDF, audio and video are accepted.',
    sw: 'Aina hii ya faili haiwezi kuhifadhiwa kama ushahidi. Picha (JPEG, PNG, WebP, HEIC), PDF, sauti na video zinakubaliwa.',
  },
  EVIDENCE_INTEGRITY_FAILED: {
    status: 409,
    en: 'This evidence failed its integrity check and will not be served. The team has been alerted.',
    sw: 'Ushahidi huu umeshindwa ukaguzi wa uadilifu na hautatolewa. Timu imearifiwa.',
  },
  UPLOAD_OFFSET_MISMATCH: {
    status: 409,
    en: 'The upload is at a different point than this part. Resume from where the server is.',
    sw: 'Upakiaji uko mahali tofauti na sehemu hii. Endelea kutoka mahali seva ilipofikia.',
  },
  FUNDS_NOT_APPROVED: {
    status: 409,
    en: 'This fund request is not at a stage where it can be paid or decided.',
    sw: 'Ombi hili la fedha haliko katika hatua ambapo linaweza kulipwa au kuamuliwa.',
  },
  FUNDS_REQUEST_CLOSED: {
    status: 409,
    en: 'This fund request is already paid or cancelled.',
    sw: 'Ombi hili la fedha tayari limelipwa au limefutwa.',
  },
  FUNDS_OVER_LIMIT: {
    status: 403,
    en: 'This amount is above your approval limit. Another approver must decide.',
    sw: 'Kiasi hiki kinazidi kikomo chako cha kuidhinisha. Mwidhinishaji mwingine lazima aamue.',
  },
  FUNDS_ALREADY_APPROVED: {
    status: 409,
    en: 'You have already approved this request. A different person must give the second approval.',
    sw: 'Tayari umeidhinisha ombi hili. Mtu mwingine lazima atoe idhini ya pili.',
  },
  FUNDS_MPESA_UNAVAILABLE: {
    status: 409,
    en: 'M-Pesa payments are not set up on this server. Record the payment by hand instead.',
    sw: 'Malipo ya M-Pesa hayajawekwa kwenye seva hii. Badala yake, rekodi malipo kwa mkono.',
  },
  LEDGER_UNBALANCED: {
    status: 400,
    en: 'This ledger entry does not balance: debits must equal credits.',
    sw: 'Ingizo hili la leja halilingani: madeni lazima yalingane na mikopo.',
  },
  ENTRY_REVERSED: {
    status: 409,
    en: 'This ledger entry has already been reversed, or is itself a reversal.',
    sw: 'Ingizo hili la leja tayari limegeuzwa, au lenyewe ni ugeuzaji.',
  },
  INVITE_INVALID: {
    status: 404,
    en: 'This invitation link is not valid: it has expired, was already used or was withdrawn. Ask an administrator for a new one.',
    sw: 'Kiungo hiki cha mwaliko si halali: muda wake umeisha, kimeshatumika au kimeondolewa. Omba msimamizi akupe kingine.',
  },
  LAST_ADMIN: {
    status: 409,
    en: 'This would leave the organisation without an active administrator.',
    sw: 'Hili lingeacha shirika bila msimamizi aliye hai.',
  },
  NOT_ON_SELF: {
    status: 409,
    en: 'You cannot do this to your own account; ask another administrator.',
    sw: 'Huwezi kufanya hivi kwa akaunti yako mwenyewe; muombe msimamizi mwingine.',
  },
  SETUP_DONE: {
    status: 409,
    en: 'This installation is already set up. Sign in instead.',
    sw: 'Usakinishaji huu tayari umewekwa. Ingia badala yake.',
  },
  SETUP_CODE_INVALID: {
    status: 403,
    en: 'The set-up code is not correct. Copy it from the server’s log, where it was printed at start.',
    sw: 'Msimbo wa kusanidi si sahihi. Unakili kutoka kwenye kumbukumbu za seva, ulipochapishwa ilipoanza.',
  },
  PHONE_CODE_INVALID: {
    status: 400,
    en: 'The code is not correct or has expired. Ask for a new code.',
    sw: 'Msimbo si sahihi au muda wake umeisha. Omba msimbo mpya.',
  },
  NO_SAFE_CONTACT: {
    status: 409,
    en: 'This case has no phone on record for the reporter, so no SMS can be sent.',
    sw: 'Kesi hii haina namba ya simu ya mwandishi wa ripoti, kwa hivyo SMS haiwezi kutumwa.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    en: 'The Idempotency-Key header must be a UUID.',
    sw: 'Kichwa cha Idempotency-Key lazima kiwe UUID.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This request key was already used for a different request. Nothing was changed.',
    sw: 'Ufunguo huu wa ombi ulishatumika kwa ombi jingine. Hakuna kilichobadilishwa.',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    en: 'This request is still being processed. Try again in a moment to get its answer.',
    sw: 'Ombi hili bado linashughulikiwa. Jaribu tena baada ya muda mfupi kupata jibu lake.',
  },
  TERM_NOT_CURRENT: {
    status: 400,
    en: 'A chosen term is retired or unknown. Choose one of the current terms.',
    sw: 'Neno lililochaguliwa limestaafishwa au halijulikani. Chagua mojawapo ya maneno yanayotumika sasa.',
  },
  STATEMENT_NOT_EDITABLE: {
    status: 409,
    en: 'This statement has been published or withdrawn and can no longer be changed.',
    sw: 'Taarifa hii imeshachapishwa au kuondolewa na haiwezi kubadilishwa tena.',
  },
  STATEMENT_CHECK_REQUIRED: {
    status: 409,
    en: 'Run the identifying-details check on the current text before approval.',
    sw: 'Endesha ukaguzi wa taarifa zinazotambulisha watu kwenye maandishi ya sasa kabla ya kuidhinisha.',
  },
  STATEMENT_OPEN_HITS: {
    status: 409,
    en: 'The statement still contains identifying details: remove them or accept each one with a reason.',
    sw: 'Taarifa bado ina maelezo yanayotambulisha watu: yaondoe au kubali kila moja kwa sababu.',
  },
  STATEMENT_WRONG_STATE: {
    status: 409,
    en: 'This step is not possible in the statement’s current state.',
    sw: 'Hatua hii haiwezekani katika hali ya sasa ya taarifa.',
  },
  REFERRAL_NOT_OPEN: {
    status: 409,
    en: 'This referral is not at a stage where that is possible (already answered, completed or withdrawn).',
    sw: 'Rufaa hii haiko katika hatua inayoruhusu hilo (tayari imejibiwa, imekamilika au imeondolewa).',
  },
  SERVICE_NOT_OFFERED: {
    status: 422,
    en: 'This provider does not offer the service this referral needs.',
    sw: 'Mtoa huduma huyu hatoi huduma inayohitajika na rufaa hii.',
  },
  PUSH_ENDPOINT_INVALID: {
    status: 400,
    en: 'This browser gave a push address Dharura cannot use. Try another browser, or rely on SMS alerts.',
    sw: 'Kivinjari hiki kimetoa anwani ya arifa ambayo Dharura haiwezi kutumia. Jaribu kivinjari kingine, au tegemea arifa za SMS.',
  },
  PUSH_TOKEN_INVALID: {
    status: 404,
    en: 'This notification has expired or was already used. Open Dharura to acknowledge the alert.',
    sw: 'Arifa hii imepitwa na wakati au imeshatumika. Fungua Dharura ili kukiri tahadhari.',
  },
  REVIEW_REQUIRED_TO_CLOSE: {
    status: 409,
    en: 'This case was P1 or missed a deadline: record its after-action review before closing it, or schedule the review with a due date.',
    sw: 'Kesi hii ilikuwa P1 au ilipitwa na muda: rekodi tathmini yake baada ya hatua kabla ya kuifunga, au panga tathmini hiyo kwa tarehe ya mwisho.',
  },
  REVIEW_DUE_INVALID: {
    status: 400,
    en: 'The review must be due after now and within 30 days.',
    sw: 'Tathmini inapaswa kuwa na tarehe ya mwisho baada ya sasa na ndani ya siku 30.',
  },
  LESSON_CHANGE_NOT_FOUND: {
    status: 422,
    en: 'No audit entry with that number records a change of a rule, setting or policy.',
    sw: 'Hakuna kumbukumbu ya ukaguzi yenye nambari hiyo inayoonyesha mabadiliko ya kanuni, mpangilio au sera.',
  },
  APPEAL_NOT_SENT: {
    status: 409,
    en: 'This appeal has not been sent yet, or its response is already recorded.',
    sw: 'Ombi hili la dharura bado halijatumwa, au jibu lake tayari limerekodiwa.',
  },
  APPEAL_SWAHILI_REQUIRED: {
    status: 400,
    en: 'An appeal to a national body needs its Kiswahili title and text too.',
    sw: 'Ombi la dharura kwa taasisi ya kitaifa linahitaji kichwa na maandishi ya Kiswahili pia.',
  },
} as const satisfies Record<string, { status: number; en: string; sw: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type { FieldIssue } from '../shared/contracts/errors.js';

/** The one error type. Services throw it; the error handler turns it into a localised response. */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: { fields?: FieldIssue[]; [k: string]: unknown },
  ) {
    super(code);
    this.status = errorCatalogue[code].status;
  }
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errorCatalogue[code][locale];
}

/** The server's side of `errorBody` (shared/contracts/errors.ts): the code is one of the catalogue's. */
export type ErrorBody = {
  error: Omit<ErrorBodyView['error'], 'code' | 'requestId'> & { code: ErrorCode; requestId: string };
};
