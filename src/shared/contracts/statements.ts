import { z } from 'zod';

/**
 * Public statements (DESIGN §2.6): drafted from a case or an event in English and Kiswahili, checked for
 * identifying details, approved by someone other than the author, published on the public page and the
 * Atom feed, withdrawn to a tombstone.
 */
const trimmed = (max: number) => z.string().trim().max(max);
const uuid = z.string().uuid();

/** `sent` is an urgent appeal's end state (appeals are sent, never published). */
export const statementStatuses = ['draft', 'approved', 'published', 'withdrawn', 'sent'] as const;
export type StatementStatus = (typeof statementStatuses)[number];
export const statementFields = ['titleEn', 'titleSw', 'bodyEn', 'bodySw'] as const;
export type StatementField = (typeof statementFields)[number];
/** What the identifying-details check looks for. */
export const hitKinds = [
  'person_name',
  'person_phone',
  'reporter_contact',
  'place',
  'phone',
  'id_number',
] as const;
export type HitKind = (typeof hitKinds)[number];

const texts = {
  titleEn: trimmed(200).min(3),
  titleSw: trimmed(200).min(3),
  bodyEn: trimmed(20_000).min(10),
  bodySw: trimmed(20_000).min(10),
};

export const statementCreateInput = z
  .object({ caseId: uuid.optional(), eventId: uuid.optional(), ...texts })
  .refine((v) => (v.caseId ? 1 : 0) + (v.eventId ? 1 : 0) === 1, {
    message: 'caseId or eventId (one of them)',
    path: ['caseId'],
  });
export type StatementCreateInput = z.infer<typeof statementCreateInput>;

export const statementUpdateInput = z.object({ ...texts, version: z.number().int().min(1) });
export type StatementUpdateInput = z.infer<typeof statementUpdateInput>;

export const hitAcceptInput = z.object({ reason: trimmed(500).min(10) });
export const statementIdParams = z.object({ id: uuid });
export const hitParams = z.object({ id: uuid, hitId: uuid });

export const statementHitView = z.object({
  id: uuid,
  field: z.enum(statementFields),
  offset: z.number().int(),
  length: z.number().int(),
  kind: z.enum(hitKinds),
  status: z.enum(['open', 'accepted']),
  decidedBy: uuid.nullable(),
  decidedAt: z.string().nullable(),
});
export type StatementHitView = z.infer<typeof statementHitView>;

export const statementView = z.object({
  id: uuid,
  slug: z.string(),
  caseId: uuid.nullable(),
  eventId: uuid.nullable(),
  status: z.enum(statementStatuses),
  titleEn: z.string(),
  titleSw: z.string(),
  bodyEn: z.string(),
  bodySw: z.string(),
  version: z.number().int(),
  checked: z.boolean(),
  authorId: uuid,
  approvedBy: uuid.nullable(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  updatedAt: z.string(),
  hits: z.array(statementHitView),
});
export type StatementView = z.infer<typeof statementView>;

export const statementListView = z.object({
  statements: z.array(statementView.omit({ bodyEn: true, bodySw: true, hits: true })),
});
