import { z } from 'zod';
import { institutionalResponseCodes, type Agency } from '../vocabularies.js';
import { statementView } from './statements.js';

/**
 * Urgent appeals (DESIGN §2.6): drafted from a case or an event with a template per mechanism, checked
 * for identifying details and approved by someone else like a statement, then sent (how, when, to whom)
 * and tracked for a response like any institutional request (due date, recorded / refused / ignored).
 */
const trimmed = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const uuid = z.string().uuid();

export type MechanismScope = 'regional' | 'international' | 'national';
export interface Mechanism {
  code: string;
  scope: MechanismScope;
  en: string;
  sw: string;
  /** The agency in the institutional response log (national bodies are agencies already). */
  agency: Agency;
}

export const mechanisms = [
  {
    code: 'achpr_defenders',
    scope: 'regional',
    en: 'African Commission: Special Rapporteur on Human Rights Defenders',
    sw: 'Tume ya Afrika: Mwandishi Maalum kuhusu Watetezi wa Haki za Binadamu',
    agency: 'other',
  },
  {
    code: 'achpr_women',
    scope: 'regional',
    en: 'African Commission: Special Rapporteur on the Rights of Women in Africa',
    sw: 'Tume ya Afrika: Mwandishi Maalum kuhusu Haki za Wanawake Afrika',
    agency: 'other',
  },
  {
    code: 'achpr_prisons',
    scope: 'regional',
    en: 'African Commission: Special Rapporteur on Prisons, Conditions of Detention and Policing',
    sw: 'Tume ya Afrika: Mwandishi Maalum kuhusu Magereza, Hali za Kizuizini na Utendaji wa Polisi',
    agency: 'other',
  },
  {
    code: 'un_defenders',
    scope: 'international',
    en: 'UN Special Rapporteur on the situation of human rights defenders',
    sw: 'Mwandishi Maalum wa UN kuhusu hali ya watetezi wa haki za binadamu',
    agency: 'other',
  },
  {
    code: 'un_torture',
    scope: 'international',
    en: 'UN Special Rapporteur on torture',
    sw: 'Mwandishi Maalum wa UN kuhusu mateso',
    agency: 'other',
  },
  {
    code: 'un_executions',
    scope: 'international',
    en: 'UN Special Rapporteur on extrajudicial, summary or arbitrary executions',
    sw: 'Mwandishi Maalum wa UN kuhusu mauaji ya kiholela au nje ya mahakama',
    agency: 'other',
  },
  {
    code: 'un_detention',
    scope: 'international',
    en: 'UN Working Group on Arbitrary Detention',
    sw: 'Kikundi Kazi cha UN kuhusu Kuzuiliwa Kiholela',
    agency: 'other',
  },
  {
    code: 'un_vaw',
    scope: 'international',
    en: 'UN Special Rapporteur on violence against women and girls',
    sw: 'Mwandishi Maalum wa UN kuhusu ukatili dhidi ya wanawake na wasichana',
    agency: 'other',
  },
  {
    code: 'knchr',
    scope: 'national',
    en: 'Kenya National Commission on Human Rights (KNCHR)',
    sw: 'Tume ya Kitaifa ya Haki za Binadamu ya Kenya (KNCHR)',
    agency: 'knchr',
  },
  {
    code: 'ipoa',
    scope: 'national',
    en: 'Independent Policing Oversight Authority (IPOA)',
    sw: 'Mamlaka Huru ya Kusimamia Utendakazi wa Polisi (IPOA)',
    agency: 'ipoa',
  },
  {
    code: 'odpp',
    scope: 'national',
    en: 'Office of the Director of Public Prosecutions (ODPP)',
    sw: 'Ofisi ya Mkurugenzi wa Mashtaka ya Umma (ODPP)',
    agency: 'odpp',
  },
] as const satisfies readonly Mechanism[];
export type MechanismCode = (typeof mechanisms)[number]['code'];
export const mechanismCodes = mechanisms.map((m) => m.code) as [MechanismCode, ...MechanismCode[]];
export const mechanismOf = (code: string): Mechanism | undefined => mechanisms.find((m) => m.code === code);

export const sendVias = ['email', 'online_form', 'post', 'hand_delivery', 'fax'] as const;

/** A template's source: a case or an event (one of them), and the mechanism (none: a public statement). */
export const templateQuery = z
  .object({ caseId: uuid.optional(), eventId: uuid.optional(), mechanism: z.enum(mechanismCodes).optional() })
  .refine((v) => (v.caseId ? 1 : 0) + (v.eventId ? 1 : 0) === 1, {
    message: 'caseId or eventId (one of them)',
    path: ['caseId'],
  });
export type TemplateQuery = z.infer<typeof templateQuery>;
export const draftTextsView = z.object({
  titleEn: z.string(),
  titleSw: z.string(),
  bodyEn: z.string(),
  bodySw: z.string(),
});
export type DraftTexts = z.infer<typeof draftTextsView>;

const texts = {
  titleEn: trimmed(200).min(3),
  bodyEn: trimmed(20_000).min(10),
  /** Required when the recipient is national (checked by the service: APPEAL_SWAHILI_REQUIRED). */
  titleSw: trimmed(200).default(''),
  bodySw: trimmed(20_000).default(''),
};
export const appealCreateInput = z
  .object({ caseId: uuid.optional(), eventId: uuid.optional(), mechanism: z.enum(mechanismCodes), ...texts })
  .refine((v) => (v.caseId ? 1 : 0) + (v.eventId ? 1 : 0) === 1, {
    message: 'caseId or eventId (one of them)',
    path: ['caseId'],
  });
export type AppealCreateInput = z.infer<typeof appealCreateInput>;
export const appealUpdateInput = z.object({ ...texts, version: z.number().int().min(1) });
export type AppealUpdateInput = z.infer<typeof appealUpdateInput>;

export const appealSendInput = z.object({
  via: z.enum(sendVias),
  /** The mechanism's address as used (an email address, a form's name, a postal address): no person's. */
  to: trimmed(300).min(3),
  /** When it went out; defaults to now. */
  at: isoDate.optional(),
  responseDueAt: isoDate,
});
export type AppealSendInput = z.infer<typeof appealSendInput>;

export const appealResponseInput = z.object({
  response: z.enum(institutionalResponseCodes),
  at: isoDate.optional(),
});
export type AppealResponseInput = z.infer<typeof appealResponseInput>;

export const dispatchView = z.object({
  sentVia: z.enum(sendVias),
  sentTo: z.string(),
  sentAt: z.string(),
  responseDueAt: z.string(),
  overdue: z.boolean(),
  remindedAt: z.string().nullable(),
  response: z.enum(institutionalResponseCodes).nullable(),
  respondedAt: z.string().nullable(),
  institutionalResponseId: uuid.nullable(),
});
export const appealView = statementView.extend({
  mechanism: z.enum(mechanismCodes),
  scope: z.enum(['regional', 'international', 'national']),
  dispatch: dispatchView.nullable(),
});
export type AppealView = z.infer<typeof appealView>;
export const appealListView = z.object({
  appeals: z.array(appealView.omit({ bodyEn: true, bodySw: true, hits: true })),
});
