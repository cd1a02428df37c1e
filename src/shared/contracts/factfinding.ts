import { z } from 'zod';

const trimmed = (max: number) => z.string().trim().max(max);
const day = z.iso.date();
const uuid = z.string().uuid();

export const missionStatuses = ['planned', 'in_field', 'reporting', 'closed'] as const;
export type MissionStatus = (typeof missionStatuses)[number];

export const missionInput = z
  .object({
    title: trimmed(200).min(3),
    purpose: trimmed(2000).min(3),
    county: trimmed(60).min(2),
    ward: trimmed(80).optional(),
    startsOn: day,
    endsOn: day,
    eventId: uuid.optional(),
    /** Staff user ids; the creator is always on the team. */
    team: z.array(uuid).max(30).default([]),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'cannot be before the start' });
export type MissionInput = z.input<typeof missionInput>;

export const missionUpdate = z.object({
  status: z.enum(missionStatuses).optional(),
  findings: trimmed(100_000).optional(),
});
export type MissionUpdate = z.infer<typeof missionUpdate>;

export const missionLinkInput = z.object({
  kind: z.enum(['case', 'testimony', 'evidence']),
  id: uuid,
});
export type MissionLinkInput = z.infer<typeof missionLinkInput>;

export const missionParams = z.object({ id: uuid });

export const missionLinkView = z.object({
  kind: z.enum(['case', 'testimony', 'evidence']),
  caseId: z.string(),
  testimonyId: z.string().nullable(),
  evidenceId: z.string().nullable(),
  linkedAt: z.date(),
});

export const missionView = z.object({
  id: z.string(),
  title: z.string(),
  purpose: z.string(),
  county: z.string(),
  ward: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  eventId: z.string().nullable(),
  status: z.enum(missionStatuses),
  team: z.array(z.string()),
  /** Opened only on the single-mission read; null in lists. */
  findings: z.string().nullable(),
  links: z.array(missionLinkView),
});
export type MissionView = z.infer<typeof missionView>;

export const missionSummary = missionView.omit({ findings: true, links: true });
export type MissionSummary = z.infer<typeof missionSummary>;
