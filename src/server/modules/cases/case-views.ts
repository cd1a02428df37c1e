import {
  actionsFrom,
  caseStatuses,
  openStatuses,
  type CaseStatus,
  type ClockKind,
} from '../../../shared/workflow.js';
import type { QueueQuery } from '../../../shared/contracts/cases.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Sensitivity } from '../../../shared/vocabularies.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { aad, aadOf } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import {
  canRevealPersonRole,
  caseAccess,
  filtersOnHiddenFields,
  queueScope,
  type Actor,
} from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { ApprovalsRepo } from './approvals.repo.js';
import type { CasesRepo } from './cases.repo.js';
import type { WorkflowService } from './workflow.service.js';

const MASK = '•••';
const person = aadOf('persons');

/** The queue's query as the service takes it (the route's parsed query, or a bulk action's filter). */
export type QueueQueryInput = Omit<QueueQuery, 'page'> & { page?: number | undefined };

const referencePattern = /^(UA-)?\d{4}-\d{1,6}$|^UA-/i;

/** The repository filter for a queue query: scope, need-to-know and what the search box may match. */
function queueFilterFor(
  actor: Actor,
  q: QueueQueryInput,
  scope: 'members_only' | 'staff',
  vault: Pick<Vault, 'blindIndex'>,
) {
  const text = q.q?.trim() || undefined;
  const isReference = text !== undefined && referencePattern.test(text);
  const digits = text?.replace(/[\s()+-]/g, '') ?? '';
  const phone = text && /^\d{9,13}$/.test(digits) ? normalisePhone(text) : null;
  // A filter or search on a field redacted lines hide matches only lines the caller sees in full.
  const onHidden =
    filtersOnHiddenFields.some((f) => q[f] !== undefined) ||
    q.ward !== undefined ||
    q.tag !== undefined ||
    q.eventId !== undefined ||
    (text !== undefined && !isReference);
  return {
    fullOnly: onHidden,
    statuses: q.status ? [q.status] : openStatuses,
    priority: q.priority,
    county: q.county || undefined,
    ward: q.ward || undefined,
    tag: q.tag?.toLowerCase() || undefined,
    eventId: q.eventId,
    violationType: q.violationType,
    assigneeId: q.assignee,
    memberId: scope === 'members_only' ? actor.id : undefined,
    viewerId: actor.id,
    search: text
      ? isReference
        ? { reference: text }
        : phone
          ? { phoneBidx: vault.blindIndex('phone', phone) }
          : { text }
      : undefined,
  };
}

export interface CaseViewsDeps {
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  workflow: Pick<WorkflowService, 'loadForActor' | 'loadWithAccess'>;
  approvals: ApprovalsRepo;
}

/**
 * The read side of cases: the queue, the case page (or a responder's mission view), audited reveals
 * of a person and the likely duplicates, every one through the policy module.
 */
export function createCaseViews(deps: CaseViewsDeps) {
  const { cases, vault, audit, workflow, approvals } = deps;

  function queueLine(
    c: CaseRow & { nextDueAt?: Date | null; clockBreached?: boolean; duplicateSuggested?: boolean },
    redacted: boolean,
  ) {
    return {
      nextDueAt: c.nextDueAt ? c.nextDueAt.toISOString() : null,
      clockBreached: c.clockBreached ?? false,
      duplicateSuggested: !redacted && (c.duplicateSuggested ?? false),
      id: c.id,
      reference: c.reference,
      status: c.status as CaseStatus,
      priority: (c.priority as 'P1' | 'P2' | 'P3' | 'P4' | null) ?? null,
      sensitivity: c.sensitivity as 'normal' | 'sensitive' | 'restricted',
      redacted,
      county: c.county,
      ward: redacted ? null : c.ward,
      violationTypes: redacted ? [] : c.violationTypes,
      inDangerNow: c.inDangerNow,
      channel: c.channel,
      receivedAt: c.receivedAt.toISOString(),
      leadUserId: redacted ? null : c.leadUserId,
    };
  }

  /**
   * A dispatched responder's view: the victim, the place and their mission, nothing more — no
   * narrative, timeline, reporter, team or assessment. Reading the place is audited like the case page.
   */
  async function missionView(c: CaseRow, actor: Actor) {
    const place = await vault.decryptOptional(c.dataKeyId, c.placeEnc, aad('cases', 'place', c.reference));
    const people = (await cases.personsOf(c.id))
      .filter(({ role }) => canRevealPersonRole('mission', role))
      .map(({ person, role }) => ({
        id: person.id,
        role,
        kind: person.kind,
        name: person.nameEnc ? MASK : null,
        phone: person.phoneEnc ? MASK : null,
        sex: person.sex,
        ageGroup: person.ageGroup,
      }));
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'case.read',
      subjectType: 'case',
      subjectId: c.id,
      meta: { fields: ['place'], view: 'mission' },
    });
    return {
      id: c.id,
      reference: c.reference,
      status: c.status as CaseStatus,
      access: 'mission' as const,
      sensitivity: c.sensitivity as Sensitivity,
      county: c.county,
      subCounty: c.subCounty,
      ward: c.ward,
      place,
      inDangerNow: c.inDangerNow,
      people,
    };
  }

  return {
    /**
     * One page of the queue with how many cases match in all (nothing silently hidden) and the counts
     * beside each filter. The search box matches a reference, a reporter's phone (through its blind
     * index, never in clear), a county/sub-county/ward, a tag or an event. A search or filter on a field
     * redacted lines hide matches only lines the caller sees in full, so it cannot probe them.
     */
    async queue(actor: Actor, q: QueueQueryInput) {
      const scope = queueScope(actor);
      if (scope === 'none') throw new AppError('FORBIDDEN');
      const filter = queueFilterFor(actor, q, scope, vault);
      const page = q.page ?? 1;
      const rows = await cases.queue({ ...filter, limit: q.limit, offset: (page - 1) * q.limit });
      const counts = await cases.queueCounts(
        { ...filter, limit: q.limit },
        q.status ? caseStatuses : openStatuses,
      );
      const lines = [];
      for (const c of rows) {
        const access =
          c.sensitivity === 'normal' ? 'full' : caseAccess(actor, c, await cases.isMember(c.id, actor.id));
        if (access === 'none') continue;
        if (filter.fullOnly && access === 'redacted') continue;
        lines.push(queueLine(c, access === 'redacted'));
      }
      return {
        cases: lines,
        total: counts.total,
        page,
        pageSize: q.limit,
        counts: { byStatus: counts.byStatus, byPriority: counts.byPriority },
      };
    },

    /** The ids of every case matching a queue filter ("select all matching"), at most `max`. */
    async queueIds(actor: Actor, q: QueueQueryInput, max: number): Promise<string[]> {
      const scope = queueScope(actor);
      if (scope === 'none') throw new AppError('FORBIDDEN');
      return cases.queueIds({ ...queueFilterFor(actor, q, scope, vault), limit: max });
    },

    /** The case page. Reading the narrative is a read of a sensitive field, so it is audited. */
    async detail(caseId: string, actor: Actor) {
      const { c, access } = await workflow.loadWithAccess(caseId, actor, ['full', 'mission']);
      const sealed = (column: 'narrative' | 'place' | 'details') => aad('cases', column, c.reference);
      if (access === 'mission') return missionView(c, actor);
      const narrative = await vault.decryptOptional(c.dataKeyId, c.narrativeEnc, sealed('narrative'));
      const place = await vault.decryptOptional(c.dataKeyId, c.placeEnc, sealed('place'));
      const detailsPlain = await vault.decryptOptional(c.dataKeyId, c.detailsEnc, sealed('details'));
      const events = await cases.events(c.id);
      const timeline = [];
      for (const e of events) {
        timeline.push({
          id: e.id,
          at: e.at.toISOString(),
          actorId: e.actorId,
          actorLabel: e.actorLabel,
          type: e.type,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          data: e.data as Record<string, unknown>,
          note: await vault.decryptOptional(c.dataKeyId, e.noteEnc, aad('case_events', 'note', c.reference)),
        });
      }
      const people = (await cases.personsOf(c.id)).map(({ person, role }) => ({
        id: person.id,
        role,
        kind: person.kind,
        name: person.nameEnc ? MASK : null,
        phone: person.phoneEnc ? MASK : null,
        sex: person.sex,
        ageGroup: person.ageGroup,
      }));
      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'case.read',
        subjectType: 'case',
        subjectId: c.id,
        meta: { fields: ['narrative', 'place', 'timeline'] },
      });
      const pending = (await approvals.pending('case_sensitivity')).find((r) => r.subjectId === c.id);
      return {
        ...queueLine(c, false),
        access: 'full' as const,
        sensitivityRequest: pending
          ? {
              id: pending.id,
              to: (pending.payload as { to: Sensitivity }).to,
              requestedBy: pending.requestedBy,
              requestedAt: pending.requestedAt.toISOString(),
            }
          : null,
        version: c.version,
        narrative,
        place,
        subCounty: c.subCounty,
        incidentAt: c.incidentAt?.toISOString() ?? null,
        incidentPrecision: c.incidentPrecision,
        anonymous: c.anonymous,
        flags: c.flags,
        details: c.details as Record<string, unknown>,
        assessmentNotes: detailsPlain ? (JSON.parse(detailsPlain) as Record<string, unknown>) : null,
        allowedActions: actionsFrom(c.status as CaseStatus),
        timeline,
        people,
        members: (await cases.members(c.id)).map((m) => ({ userId: m.userId, roleInCase: m.roleInCase })),
        // The countdowns the queue shows, on the case page too: every clock not met yet.
        clocks: (await cases.runningClocks(c.id)).map((k) => ({
          kind: k.kind as ClockKind,
          dueAt: k.dueAt.toISOString(),
          breached: k.firedAt !== null,
        })),
      };
    },

    /** Reveal one person's identifying fields: need-to-know checked, and the reveal is audited. */
    async revealPerson(caseId: string, personId: string, actor: Actor) {
      const { c, access } = await workflow.loadWithAccess(caseId, actor, ['full', 'mission']);
      const match = (await cases.personsOf(c.id)).find((p) => p.person.id === personId);
      // A responder's reveal shows the victim only: the reporter does not exist for them.
      if (!match || !canRevealPersonRole(access, match.role)) throw new AppError('NOT_FOUND');
      const p = match.person;
      const name = await vault.decryptOptional(p.dataKeyId, p.nameEnc, person('name', p.id));
      const phone = await vault.decryptOptional(p.dataKeyId, p.phoneEnc, person('phone', p.id));
      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'person.revealed',
        subjectType: 'person',
        subjectId: p.id,
        meta: { caseId: c.id, fields: ['name', 'phone'] },
      });
      return { id: p.id, role: match.role, name, phone };
    },

    /**
     * Likely duplicates for the screener: same reporter phone (blind index), same ward on the same day,
     * or a similar narrative in the same county within three days (word overlap, computed after
     * decryption, so only on a bounded candidate set).
     */
    async duplicates(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const words = (t: string | null) =>
        new Set(
          (t ?? '')
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u)
            .filter((w) => w.length > 3),
        );
      const mine = words(
        await vault.decryptOptional(c.dataKeyId, c.narrativeEnc, aad('cases', 'narrative', c.reference)),
      );
      const out = [];
      for (const o of await cases.duplicateCandidates(c)) {
        // Only cases the caller reads in full: a match on a redacted case's words would probe its narrative.
        if (caseAccess(actor, o, await cases.isMember(o.id, actor.id)) !== 'full') continue;
        const reasons: ('same_phone' | 'same_ward_same_day' | 'similar_text')[] = [];
        if (c.reporterPhoneBidx && o.reporterPhoneBidx === c.reporterPhoneBidx) reasons.push('same_phone');
        if (c.ward && o.ward === c.ward && o.receivedAt.toDateString() === c.receivedAt.toDateString()) {
          reasons.push('same_ward_same_day');
        }
        const theirs = words(
          await vault.decryptOptional(o.dataKeyId, o.narrativeEnc, aad('cases', 'narrative', o.reference)),
        );
        const common = [...mine].filter((w) => theirs.has(w)).length;
        const similarity = mine.size + theirs.size === 0 ? 0 : (2 * common) / (mine.size + theirs.size);
        if (similarity >= 0.35) reasons.push('similar_text');
        if (reasons.length) {
          out.push({
            id: o.id,
            reference: o.reference,
            status: o.status,
            receivedAt: o.receivedAt.toISOString(),
            reasons,
            similarity: Math.round(similarity * 100) / 100,
          });
        }
      }
      // The same phone is the strongest reason: in a surge, a ward full of similar reports must not push
      // the reporter's own earlier report off the list.
      const samePhone = (d: { reasons: string[] }) => (d.reasons.includes('same_phone') ? 1 : 0);
      return out
        .sort(
          (a, b) =>
            samePhone(b) - samePhone(a) || b.reasons.length - a.reasons.length || b.similarity - a.similarity,
        )
        .slice(0, 10);
    },
  };
}
