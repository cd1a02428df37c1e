import { z } from 'zod';
import { escalationReasons } from './alerts.js';
import {
  actionTypes,
  agencies,
  institutionalRequests,
  institutionalResponseTypes,
  interventionResponses,
  violationTypes,
} from '../vocabularies.js';
import { defaultPriorityRules, defaultSla } from '../workflow.js';
import { defaultRetention, retentionStatuses } from './dataprotection.js';
import { defaultSensitivityRules, isValidPattern } from '../sensitivity.js';
import { defaultUssdMenu } from '../ussd-menu.js';

/**
 * Rules as data (DESIGN §8): what an organisation decides, stored as versioned rule sets — one Zod
 * contract per kind, today's constants as the seed defaults (version 0). The server reads the current
 * version through one service; every change is a new version with who, when and why.
 */
export const ruleKinds = [
  'priority',
  'sla',
  'segregation',
  'vocabularies',
  'escalation_routing',
  'retention',
  'sensitivity',
  'ussd_menu',
] as const;
export type RuleKind = (typeof ruleKinds)[number];

const level = z.number().int().min(0).max(3);
/** The threshold matrix: assessment scores (0–3 each) → P1–P4, and when to activate. */
export const priorityRulesBody = z
  .object({
    /** Activate when severity, immediacy and feasibility are all at least this. */
    activateMin: level,
    /** P1 when severity and immediacy both reach these. */
    p1: z.object({ severity: level, immediacy: level }),
    /** Otherwise P2 when severity + immediacy reaches this, P3 when it reaches `p3Sum`, else P4. */
    p2Sum: z.number().int().min(0).max(6),
    p3Sum: z.number().int().min(0).max(6),
  })
  .refine((r) => r.p2Sum >= r.p3Sum, { path: ['p2Sum'], message: 'rules.p2AboveP3' });
export type PriorityRulesBody = z.infer<typeof priorityRulesBody>;

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 60);
const slaRow = z.object({ acknowledge: minutes, decision: minutes, firstAction: minutes });
/** SLA clocks in minutes from intake, per priority (DESIGN §2.2). */
export const slaBody = z.object({ P1: slaRow, P2: slaRow, P3: slaRow, P4: slaRow });
export type SlaBody = z.infer<typeof slaBody>;

/** Segregation of duties: who may not decide what they prepared. */
export const segregationBody = z.object({
  /** An assessor may approve their own P2–P4 assessment (P1 always allows the duty fast path). */
  allowSelfApproval: z.boolean(),
});
export type SegregationBody = z.infer<typeof segregationBody>;

const label = z.string().trim().min(1).max(200);
/** One bilingual term; a retired term stays for the cases that used it and is refused for new input. */
export const ruleTerm = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'rules.codeFormat'),
  en: label,
  sw: label,
  huridocs: z.string().trim().max(200).optional(),
  /** Action types only: the action role the type belongs to. */
  role: z.string().max(40).optional(),
  retired: z.boolean().default(false),
});
export type RuleTerm = z.infer<typeof ruleTerm>;

export const vocabularyLists = [
  'violationTypes',
  'actionTypes',
  'agencies',
  'institutionalRequests',
  'institutionalResponseTypes',
  'interventionResponses',
] as const;
export type VocabularyList = (typeof vocabularyLists)[number];

const termList = z
  .array(ruleTerm)
  .min(1)
  .max(200)
  .superRefine((terms, ctx) => {
    const seen = new Set<string>();
    terms.forEach((t, i) => {
      if (seen.has(t.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'rules.codeTwice' });
      seen.add(t.code);
    });
  });
export const vocabulariesBody = z.object(
  Object.fromEntries(vocabularyLists.map((l) => [l, termList])) as Record<VocabularyList, typeof termList>,
);
export type VocabulariesBody = z.infer<typeof vocabulariesBody>;

/** Which escalation policy (by name) each alert reason uses. */
const policyName = z.string().trim().min(1).max(80);
/** Reasons added after routing rules were first stored: optional, so an older stored body still parses. */
const laterReasons = ['review_due', 'appeal_response_due'] as const;
type LaterReason = (typeof laterReasons)[number];
export const escalationRoutingBody = z.object({
  ...(Object.fromEntries(
    escalationReasons
      .filter((r) => !(laterReasons as readonly string[]).includes(r))
      .map((r) => [r, policyName]),
  ) as Record<Exclude<(typeof escalationReasons)[number], LaterReason>, typeof policyName>),
  review_due: policyName.optional(),
  appeal_response_due: policyName.optional(),
});
export type EscalationRoutingBody = z.infer<typeof escalationRoutingBody>;

/**
 * Retention periods: days after a case reached each end status before its personal data is
 * crypto-shredded (at least a day, at most 50 years).
 */
const days = z
  .number()
  .int()
  .min(1)
  .max(50 * 366);
export const retentionBody = z.object(
  Object.fromEntries(retentionStatuses.map((s) => [s, days])) as Record<
    (typeof retentionStatuses)[number],
    typeof days
  >,
);
export type RetentionBody = z.infer<typeof retentionBody>;

/** Sensitive by default (DESIGN §5): what makes a report sensitive from intake (shared/sensitivity.ts). */
export const sensitivityBody = z.object({
  violationTypes: z.array(z.string().trim().min(1).max(60)).max(100),
  minor: z.boolean(),
  sos: z.boolean(),
  textPatterns: z
    .array(
      z
        .string()
        .min(1)
        .max(200)
        .refine((p) => isValidPattern(p), { message: 'rules.badPattern' }),
    )
    .max(200),
});
export type SensitivityBody = z.infer<typeof sensitivityBody>;

/**
 * The USSD menu's lists (shared/ussd-menu.ts). The server also checks that each county is one of the 47
 * and that every screen still fits a feature phone's 182 characters in both languages.
 */
const ussdLabel = z.string().trim().min(1).max(32);
export const ussdMenuBody = z.object({
  reportTypes: z
    .array(
      z.object({
        codes: z.array(z.enum(violationTypes.map((t) => t.code) as [string, ...string[]])).max(5),
        label: z.object({ en: ussdLabel, sw: ussdLabel }),
      }),
    )
    .min(2)
    .max(8),
  counties: z.array(z.string().trim().min(3).max(30)).min(1).max(8),
});
export type UssdMenuBody = z.infer<typeof ussdMenuBody>;

export const ruleBodies = {
  priority: priorityRulesBody,
  sla: slaBody,
  segregation: segregationBody,
  vocabularies: vocabulariesBody,
  escalation_routing: escalationRoutingBody,
  retention: retentionBody,
  sensitivity: sensitivityBody,
  ussd_menu: ussdMenuBody,
} as const satisfies Record<RuleKind, z.ZodType>;
export interface RuleBodies {
  priority: PriorityRulesBody;
  sla: SlaBody;
  segregation: SegregationBody;
  vocabularies: VocabulariesBody;
  escalation_routing: EscalationRoutingBody;
  retention: RetentionBody;
  sensitivity: SensitivityBody;
  ussd_menu: UssdMenuBody;
}

const terms = (list: readonly object[]): RuleTerm[] =>
  list.map((t) => ({ ...(t as Omit<RuleTerm, 'retired'>), retired: false }));

/** Today's constants: version 0 of every kind, until an administrator changes one. */
export const ruleDefaults: RuleBodies = {
  priority: { ...defaultPriorityRules, p2Sum: 5, p3Sum: 3 },
  sla: defaultSla,
  segregation: { allowSelfApproval: false },
  vocabularies: {
    violationTypes: terms(violationTypes),
    actionTypes: terms(actionTypes),
    agencies: terms(agencies),
    institutionalRequests: terms(institutionalRequests),
    institutionalResponseTypes: terms(institutionalResponseTypes),
    interventionResponses: terms(interventionResponses),
  },
  escalation_routing: {
    new_urgent_report: 'duty',
    clock_breached: 'duty',
    flag_raised: 'leadership',
    arrest_clock: 'leadership',
    decision_escalated: 'duty',
    sos: 'leadership',
    missed_check_in: 'leadership',
    dispatch_unanswered: 'duty',
    evidence_integrity: 'leadership',
    referral_unanswered: 'duty',
    review_due: 'duty',
    appeal_response_due: 'duty',
  },
  retention: Object.fromEntries(defaultRetention.map((r) => [r.status, r.days])) as RetentionBody,
  sensitivity: defaultSensitivityRules,
  ussd_menu: defaultUssdMenu,
};

export const ruleKindParams = z.object({ kind: z.enum(ruleKinds) });
export const ruleChangeInput = z.object({
  body: z.unknown(),
  reason: z.string().trim().min(3).max(500),
  /** The version the editor started from: a newer one in between is a conflict, not an overwrite. */
  baseVersion: z.number().int().min(0),
});
export type RuleChangeInput = z.infer<typeof ruleChangeInput>;

export const ruleVersionView = z.object({
  kind: z.enum(ruleKinds),
  version: z.number().int(),
  body: z.unknown(),
  changedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  changedAt: z.string().nullable(),
  reason: z.string(),
});
export type RuleVersionView = z.infer<typeof ruleVersionView>;
export const ruleHistoryView = z.object({
  current: ruleVersionView,
  history: z.array(ruleVersionView),
});
export type RuleHistoryView = z.infer<typeof ruleHistoryView>;
export const ruleKindsView = z.object({
  kinds: z.array(
    z.object({ kind: z.enum(ruleKinds), version: z.number().int(), changedAt: z.string().nullable() }),
  ),
});
