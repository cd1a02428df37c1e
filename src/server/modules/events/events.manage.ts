import { randomBytes } from 'node:crypto';
import type { EventCreate } from '../../../shared/contracts/events.js';
import type { Db, Executor } from '../../db/client.js';
import type { EventRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { aad } from '../../security/aad.js';
import type { Audit } from '../../security/audit.js';
import { caseAccess, type Actor } from '../../security/policy.js';
import type { Vault } from '../../security/vault.js';
import type { CaseLog } from '../cases/case-log.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { Escalations } from '../cases/escalation.js';
import type { WorkflowService } from '../cases/workflow.service.js';
import type { EventsRepo } from './events.repo.js';
import { countsOf, eventSummaryView, type EventCounts } from './events.views.js';

export interface EventsDeps {
  db: Db;
  repo: EventsRepo;
  cases: CasesRepo;
  workflow: Pick<WorkflowService, 'loadForActor' | 'loadWithAccess' | 'transition'>;
  caseLog: CaseLog;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  /** Alerts: a case's paging alerts join the event's group when it is attached (DESIGN §2.7). */
  escalations?: Pick<Escalations, 'joinEvent'>;
}

const HOUR = 3_600_000;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `EV-2026-7KQ4XM`: unguessable enough to say on the phone, no counter to contend on in a surge. */
function newReference(now: Date): string {
  const bytes = randomBytes(6);
  const tail = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `EV-${now.getUTCFullYear()}-${tail}`;
}

/** Lower-case words of four letters or more: what "shared keywords" compares. */
export function wordsOf(text: string | null): Set<string> {
  return new Set(
    (text ?? '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 3),
  );
}

/** Creating, reading and attaching cases to events (DESIGN §2.5, §2.7). */
export function createEventsManage(deps: EventsDeps) {
  const { db, repo, cases, workflow, caseLog, vault, audit, clock } = deps;
  const sealed = (column: 'description' | 'place', e: { reference: string }) =>
    aad('events', column, e.reference);

  async function load(eventId: string, tx: Executor = db): Promise<EventRow> {
    const e = await repo.findById(eventId, tx);
    if (!e) throw new AppError('NOT_FOUND');
    return e;
  }

  /**
   * Attach one case the caller reads in full, in the caller's transaction: the link, the case's own
   * timeline event and audit entry. Returns false when it was attached already (nothing written).
   */
  async function attachOne(e: EventRow, caseId: string, actor: Actor, tx: Executor): Promise<boolean> {
    const c = await workflow.loadForActor(caseId, actor, tx);
    const added = await repo.attach(e.id, c.id, actor.id, tx);
    if (!added) return false;
    await caseLog(
      {
        caseId: c.id,
        actorId: actor.id,
        type: 'event.attached',
        data: { eventId: e.id, eventReference: e.reference },
        at: clock.now(),
      },
      tx,
    );
    await deps.escalations?.joinEvent?.({ id: e.id, reference: e.reference, county: e.county }, [c.id], tx);
    return true;
  }

  return {
    load,
    attachOne,

    async create(v: EventCreate, actor: Actor) {
      return db.transaction(async (tx) => {
        const now = clock.now();
        const reference = newReference(now);
        const dataKeyId = await vault.createDataKey('event', tx);
        const e = await repo.insert(
          {
            reference,
            title: v.title,
            dataKeyId,
            descriptionEnc: await vault.encryptOptional(
              dataKeyId,
              v.description,
              sealed('description', { reference }),
              tx,
            ),
            placeEnc: await vault.encryptOptional(dataKeyId, v.place, sealed('place', { reference }), tx),
            county: v.county || null,
            subCounty: v.subCounty || null,
            ward: v.ward || null,
            violationTypes: v.violationTypes,
            startedAt: v.startedAt ?? null,
            startedPrecision: v.startedAt ? v.startedPrecision : null,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          },
          tx,
        );
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'event.created',
            subjectType: 'event',
            subjectId: e.id,
            meta: { reference, county: e.county, ward: e.ward },
          },
          tx,
        );
        return eventSummaryView(e, 0);
      });
    },

    async list(q: { status?: string | undefined; q?: string | undefined; limit: number }) {
      const rows = await repo.list({ ...q, q: q.q?.trim() || undefined });
      return rows.map((r) => eventSummaryView(r, r.caseCount));
    },

    /**
     * The event page: its sealed description and place (an audited read), its cases (redacted lines
     * for sensitive ones outside the caller's team, none for what the caller may not see), the arrests
     * on them with their 24-hour clocks, and the counts.
     */
    async detail(eventId: string, actor: Actor) {
      const e = await load(eventId);
      const description = await vault.decryptOptional(
        e.dataKeyId,
        e.descriptionEnc,
        sealed('description', e),
      );
      const place = await vault.decryptOptional(e.dataKeyId, e.placeEnc, sealed('place', e));
      const now = clock.now();
      const lines = [];
      const visible = new Set<string>();
      let injured = 0;
      let killed = 0;
      const rows = await repo.casesOf(e.id);
      for (const { c, attachedAt } of rows) {
        if (c.violationTypes.includes('extrajudicial_killing')) killed++;
        if (c.violationTypes.some((v) => v === 'torture' || v === 'physical_assault')) injured++;
        const access = caseAccess(actor, c, await cases.isMember(c.id, actor.id));
        if (access === 'none') continue;
        const redacted = access !== 'full';
        if (!redacted) visible.add(c.id);
        lines.push({
          id: c.id,
          reference: c.reference,
          status: c.status,
          priority: redacted ? null : c.priority,
          county: c.county,
          ward: redacted ? null : c.ward,
          receivedAt: c.receivedAt.toISOString(),
          redacted,
          attachedAt: attachedAt.toISOString(),
        });
      }
      const arrestRows = await repo.arrestsOf(e.id);
      const arrestLines = arrestRows.map(({ a, caseReference }) => {
        const dueAt = new Date(a.arrestedAt.getTime() + 24 * HOUR);
        const show = a.caseId !== null && visible.has(a.caseId);
        return {
          id: a.id,
          caseId: show ? a.caseId : null,
          caseReference: show ? caseReference : null,
          policeStation: a.policeStation,
          obNumber: a.obNumber,
          arrestedAt: a.arrestedAt.toISOString(),
          dueAt: dueAt.toISOString(),
          releasedAt: a.releasedAt?.toISOString() ?? null,
          producedInCourtAt: a.producedInCourtAt?.toISOString() ?? null,
          missingSince: a.missingSince?.toISOString() ?? null,
          overdue: !a.releasedAt && !a.producedInCourtAt && dueAt.getTime() <= now.getTime(),
        };
      });
      // A case reported as a disappearance counts once, whether or not its detainee is on the register.
      const missingArrests = arrestRows
        .map(({ a }) => a)
        .filter((a) => a.missingSince && !a.releasedAt && !a.producedInCourtAt);
      const disappeared = new Set(
        rows.filter(({ c }) => c.violationTypes.includes('enforced_disappearance')).map(({ c }) => c.id),
      );
      const missing =
        disappeared.size + missingArrests.filter((a) => !a.caseId || !disappeared.has(a.caseId)).length;
      const counts: EventCounts = countsOf({
        cases: rows.length,
        victims: await repo.victimCount(e.id),
        arrests: arrestLines,
        missing,
        injured,
        killed,
      });
      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'event.read',
        subjectType: 'event',
        subjectId: e.id,
        meta: { fields: ['description', 'place'] },
      });
      return {
        ...eventSummaryView(e, rows.length),
        description,
        place,
        version: e.version,
        counts,
        cases: lines,
        arrests: arrestLines,
      };
    },

    /** Attach cases one by one (each in its own transaction: one refusal does not undo the others). */
    async attach(eventId: string, caseIds: readonly string[], actor: Actor) {
      const e = await load(eventId);
      const out: { caseId: string; attached: boolean; error: string | null }[] = [];
      for (const caseId of caseIds) {
        try {
          const attached = await db.transaction((tx) => attachOne(e, caseId, actor, tx));
          out.push({ caseId, attached, error: null });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          out.push({ caseId, attached: false, error: err.code });
        }
      }
      return out;
    },

    /** The events a case belongs to (for its page), to a caller who reads the case in full. */
    async ofCase(caseId: string, actor: Actor) {
      const c = await workflow.loadForActor(caseId, actor);
      const list = await repo.eventsOfCase(c.id);
      const out = [];
      for (const e of list) out.push(eventSummaryView(e, await repo.caseCount(e.id)));
      return out;
    },

    /**
     * Cases that look like part of the event, for staff to confirm: same ward or county, received from
     * 12 hours before the event started to 48 hours after (or the last 48 hours), and words shared with
     * the event's description. Only cases the caller reads in full are compared or shown.
     */
    async suggestions(eventId: string, actor: Actor) {
      const e = await load(eventId);
      const now = clock.now();
      const start = e.startedAt ?? new Date(now.getTime() - 48 * HOUR);
      const window = {
        from: new Date(start.getTime() - 12 * HOUR),
        to: new Date(start.getTime() + 48 * HOUR),
      };
      const mine = wordsOf(
        [e.title, await vault.decryptOptional(e.dataKeyId, e.descriptionEnc, sealed('description', e))].join(
          ' ',
        ),
      );
      const out = [];
      for (const c of await repo.suggestionCandidates(e, window, 200)) {
        if (caseAccess(actor, c, await cases.isMember(c.id, actor.id)) !== 'full') continue;
        const reasons: ('same_ward' | 'same_county' | 'time_window' | 'shared_words')[] = ['time_window'];
        let score = 1;
        if (e.ward && c.ward === e.ward) {
          reasons.push('same_ward');
          score += 2;
        } else if (e.county && c.county === e.county) {
          reasons.push('same_county');
          score += 1;
        }
        const theirs = wordsOf(
          await vault.decryptOptional(c.dataKeyId, c.narrativeEnc, aad('cases', 'narrative', c.reference)),
        );
        const shared = [...mine].filter((w) => theirs.has(w)).length;
        if (shared > 0) {
          reasons.push('shared_words');
          score += Math.min(shared, 3);
        }
        out.push({
          id: c.id,
          reference: c.reference,
          status: c.status,
          county: c.county,
          ward: c.ward,
          receivedAt: c.receivedAt.toISOString(),
          reasons,
          score,
        });
      }
      return out.sort((a, b) => b.score - a.score || b.receivedAt.localeCompare(a.receivedAt)).slice(0, 50);
    },
  };
}
export type EventsManage = ReturnType<typeof createEventsManage>;
