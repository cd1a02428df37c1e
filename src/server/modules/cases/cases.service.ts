import { actionsFrom, openStatuses, type CaseStatus } from '../../../shared/workflow.js';
import type { Db } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Audit } from '../../security/audit.js';
import {
  canRevealPersonRole,
  caseAccess,
  filtersOnHiddenFields,
  queueScope,
  type Actor,
} from '../../security/policy.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { sensitivityRank } from '../../../shared/sensitivity.js';
import type { Sensitivity } from '../../../shared/vocabularies.js';
import type { Clock } from '../../lib/clock.js';
import type { ApprovalsRepo } from './approvals.repo.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo } from './cases.repo.js';
import type { WorkflowService } from './workflow.service.js';

const MASK = '•••';

/** Read side of cases: the queue, the case page and audited reveals, all through the policy module. */
export function createCasesService(deps: {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  workflow: WorkflowService;
  approvals: ApprovalsRepo;
  clock: Clock;
}) {
  const { cases, vault, audit, workflow, db, approvals, clock } = deps;

  function queueLine(c: CaseRow & { nextDueAt?: Date | null; clockBreached?: boolean }, redacted: boolean) {
    return {
      nextDueAt: c.nextDueAt ? c.nextDueAt.toISOString() : null,
      clockBreached: c.clockBreached ?? false,
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
    const place = await vault.decryptOptional(c.dataKeyId, c.placeEnc, `cases.place:${c.reference}`);
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

  /** Timeline entry and audit row of a sensitivity step: codes in the audit, the reason encrypted. */
  async function recordSensitivityStep(
    c: CaseRow,
    actor: Actor,
    step: 'raised' | 'lower_requested' | 'lowered' | 'lower_refused',
    data: { from: string; to: string; requestId?: string },
    reason: string | undefined,
    tx: Parameters<typeof cases.addEvent>[1],
  ) {
    await cases.addEvent(
      {
        caseId: c.id,
        at: clock.now(),
        actorId: actor.id,
        actorLabel: 'user',
        type: `sensitivity.${step}`,
        data,
        noteEnc: reason
          ? await vault.encrypt(c.dataKeyId, reason, `case_events.note:${c.reference}`, tx)
          : null,
      },
      tx,
    );
    await audit.record(
      {
        actorId: actor.id,
        actorLabel: 'user',
        action: `case.sensitivity_${step}`,
        subjectType: 'case',
        subjectId: c.id,
        meta: data,
      },
      tx,
    );
  }

  return {
    /**
     * Screening sets the case's sensitivity. Raising (or keeping) applies at once; lowering needs a
     * reason and becomes a request that a second person decides (`decideSensitivity`).
     */
    async setSensitivity(
      caseId: string,
      input: { sensitivity: Sensitivity; reason?: string | undefined },
      actor: Actor,
    ) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        const from = c.sensitivity as Sensitivity;
        const to = input.sensitivity;
        const reason = input.reason?.trim() || undefined;
        if (sensitivityRank(to) >= sensitivityRank(from)) {
          if (to !== from) {
            const updated = await cases.updateGuarded(
              c.id,
              { status: c.status, version: c.version },
              { sensitivity: to },
              tx,
            );
            if (!updated) throw new AppError('CONFLICT');
            await recordSensitivityStep(c, actor, 'raised', { from, to }, reason, tx);
          }
          return { status: 'applied' as const, sensitivity: to, requestId: null };
        }
        if (!reason)
          throw new AppError('REASON_REQUIRED', { fields: [{ path: 'reason', message: 'required' }] });
        const open = (await approvals.pending('case_sensitivity', tx)).find((r) => r.subjectId === c.id);
        if (open) throw new AppError('CONFLICT');
        const req = await approvals.insert(
          {
            kind: 'case_sensitivity',
            subjectId: c.id,
            payload: { from, to },
            requestedBy: actor.id,
            requestedAt: clock.now(),
          },
          tx,
        );
        await recordSensitivityStep(c, actor, 'lower_requested', { from, to, requestId: req.id }, reason, tx);
        return { status: 'pending' as const, sensitivity: from, requestId: req.id };
      });
    },

    /** The second person approves or refuses a request to lower a case's sensitivity. */
    async decideSensitivity(caseId: string, requestId: string, approve: boolean, actor: Actor) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        const req = await approvals.find(requestId, 'case_sensitivity', tx);
        if (!req || req.subjectId !== c.id) throw new AppError('NOT_FOUND');
        if (req.requestedBy === actor.id || !rolesAllow(actor.roles, 'cases:decide')) {
          throw new AppError('SEGREGATION_OF_DUTIES');
        }
        const { from, to } = req.payload as { from: Sensitivity; to: Sensitivity };
        const settled = await approvals.settle(
          req.id,
          'pending',
          { status: approve ? 'approved' : 'refused', decidedBy: actor.id, decidedAt: clock.now() },
          tx,
        );
        if (!settled) throw new AppError('REQUEST_DECIDED');
        if (approve) {
          // The case moved on since the request (raised again, say): the request no longer applies.
          if (c.sensitivity !== from) throw new AppError('CONFLICT');
          const updated = await cases.updateGuarded(
            c.id,
            { status: c.status, version: c.version },
            { sensitivity: to },
            tx,
          );
          if (!updated) throw new AppError('CONFLICT');
        }
        await recordSensitivityStep(
          c,
          actor,
          approve ? 'lowered' : 'lower_refused',
          { from, to, requestId: req.id },
          undefined,
          tx,
        );
        return {
          status: approve ? ('applied' as const) : ('refused' as const),
          sensitivity: approve ? to : from,
          requestId: req.id,
        };
      });
    },

    async queue(
      actor: Actor,
      q: {
        status?: string | undefined;
        priority?: string | undefined;
        county?: string | undefined;
        violationType?: string | undefined;
        assignee?: string | undefined;
        limit: number;
      },
    ) {
      const scope = queueScope(actor);
      if (scope === 'none') throw new AppError('FORBIDDEN');
      // A filter on a field redacted lines hide matches only lines the caller sees in full.
      const onHidden = filtersOnHiddenFields.some((f) => q[f] !== undefined);
      const rows = await cases.queue({
        fullOnly: onHidden,
        statuses: q.status ? [q.status] : openStatuses,
        priority: q.priority,
        county: q.county,
        violationType: q.violationType,
        assigneeId: q.assignee,
        memberId: scope === 'members_only' ? actor.id : undefined,
        viewerId: actor.id,
        limit: q.limit,
      });
      const lines = [];
      for (const c of rows) {
        const access =
          c.sensitivity === 'normal' ? 'full' : caseAccess(actor, c, await cases.isMember(c.id, actor.id));
        if (access === 'none') continue;
        if (onHidden && access === 'redacted') continue;
        lines.push(queueLine(c, access === 'redacted'));
      }
      return lines;
    },

    /** The case page. Reading the narrative is a read of a sensitive field, so it is audited. */
    async detail(caseId: string, actor: Actor) {
      const { c, access } = await workflow.loadWithAccess(caseId, actor, ['full', 'mission']);
      const aad = (field: string) => `cases.${field}:${c.reference}`;
      if (access === 'mission') return missionView(c, actor);
      const narrative = await vault.decryptOptional(c.dataKeyId, c.narrativeEnc, aad('narrative'));
      const place = await vault.decryptOptional(c.dataKeyId, c.placeEnc, aad('place'));
      const detailsPlain = await vault.decryptOptional(c.dataKeyId, c.detailsEnc, aad('details'));
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
          note: await vault.decryptOptional(c.dataKeyId, e.noteEnc, `case_events.note:${c.reference}`),
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
      };
    },

    /** Reveal one person's identifying fields: need-to-know checked, and the reveal is audited. */
    async revealPerson(caseId: string, personId: string, actor: Actor) {
      const { c, access } = await workflow.loadWithAccess(caseId, actor, ['full', 'mission']);
      const match = (await cases.personsOf(c.id)).find((p) => p.person.id === personId);
      // A responder's reveal shows the victim only: the reporter does not exist for them.
      if (!match || !canRevealPersonRole(access, match.role)) throw new AppError('NOT_FOUND');
      const p = match.person;
      const name = await vault.decryptOptional(p.dataKeyId, p.nameEnc, `persons.name:${p.id}`);
      const phone = await vault.decryptOptional(p.dataKeyId, p.phoneEnc, `persons.phone:${p.id}`);
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
        await vault.decryptOptional(c.dataKeyId, c.narrativeEnc, `cases.narrative:${c.reference}`),
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
          await vault.decryptOptional(o.dataKeyId, o.narrativeEnc, `cases.narrative:${o.reference}`),
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
      return out
        .sort((a, b) => b.reasons.length - a.reasons.length || b.similarity - a.similarity)
        .slice(0, 10);
    },

    async addMember(caseId: string, userId: string, actor: Actor) {
      return db.transaction(async (tx) => {
        const c = await workflow.loadForActor(caseId, actor, tx);
        await cases.addMember(c.id, userId, 'member', tx);
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'case.member_added',
            subjectType: 'case',
            subjectId: c.id,
            meta: { userId },
          },
          tx,
        );
      });
    },
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
