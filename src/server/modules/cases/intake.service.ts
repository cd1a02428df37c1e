import { createHash, randomUUID } from 'node:crypto';
import { currentBatchScope, InsertBatch, type BatchScope } from '../../db/bulk.js';
import type { Db } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Audit, AuditEntry } from '../../security/audit.js';
import { aad, type SealedColumn } from '../../security/aad.js';
import type { Vault } from '../../security/vault.js';
import { maxSensitivity, sensitivityReasons } from '../../../shared/sensitivity.js';
import type { CasesRepo, NewCase, NewCaseEvent } from './cases.repo.js';
import { intakeInput, type IntakeInput } from '../../../shared/contracts/cases.js';
import type { Escalations, NewCaseEscalation } from './escalation.js';
import type { ClocksService } from '../clocks/clocks.service.js';
import { createStatusCheck, newStatusSecret, statusCheckOf } from './status-check.js';
import { applyTriage, type TriageRecord } from './triage/apply.js';
import type { WorkflowSettings } from './workflow.effects.js';

export function formatReference(year: number, n: number): string {
  return `UA-${year}-${String(n).padStart(5, '0')}`;
}

export { newStatusSecret, STATUS_SECRET_LENGTH, statusCheckOf } from './status-check.js';

/**
 * A new case as intake returns it: the row, plus the reference with the reporter's secret suffix
 * (`UA-2026-00123-K7PX`). The suffix is stored only as a blind index, so this is the one moment it can
 * be shown — on the thank-you page or in the acknowledgement.
 */
export type ReceivedCase = CaseRow & { publicReference: string };

export interface IntakeDeps {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  escalations: Escalations;
  clocks: ClocksService;
  /** The organisation's vocabularies: new reports use current violation types only. */
  settings: Pick<WorkflowSettings, 'assertCurrentViolationTypes' | 'sensitivityRules'>;
}

export interface IntakeActor {
  userId: string | null;
  label: string;
}

/** Reports written by one statement at most; more wait for the next. */
const MAX_BATCH = 100;
/**
 * Under load, how long the next batch may wait for the senders the last batch just answered: they send
 * their next reports a moment later, and without the wait they would miss it, and batches would
 * alternate between large and small (twice the statements for the same reports).
 */
const GATHER_MS = 2;

type NewCaseRows = Parameters<CasesRepo['insertNew']>[0];

const formTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

interface Pending {
  caseId: string;
  input: ReturnType<typeof intakeInput.parse>;
  reporterPhone: string | null;
  victimPhone: string | null;
  actor: IntakeActor;
  receivedAt: Date;
  /** What reading the text found and changed (shown to staff on the case page), if anything. */
  triage: TriageRecord | null;
  /** SHA-256 of the public form token that sent it (single use: a second case with it fails). */
  formTokenHash?: string | undefined;
  /** Reserved before the first attempt and kept by a retry. */
  reference?: string;
  /** The reporter's status-check secret (kept by a retry, like the reference). */
  statusSecret: string;
  /** What the request that sent it must write with it (its idempotency key), taken when it arrived. */
  scope: BatchScope | undefined;
  resolve(c: ReceivedCase): void;
  reject(err: unknown): void;
}

/**
 * The one intake path every channel calls. A report is acknowledged only once its case, people,
 * timeline, audit entries, alert and clock are committed, all or nothing.
 *
 * Reports that arrive while earlier ones are being written are written together (group commit). Per
 * report, a round trip to the database costs far more than the SQL it carries, and every intake takes
 * the same single row for update (the audit chain's head). So a batch reserves its references (one
 * short statement, beside the alert policy read), then writes everything — keys, cases, people,
 * timeline, alerts, clocks, audit chain — in ONE statement, which is its own transaction: two round
 * trips whatever the batch size, and the head row is locked only from inside that statement to its
 * commit. One batch is written at a time; the reports that arrive meanwhile make the next one. If a
 * batch fails, its reports are written again one by one, so a report that cannot be stored does not
 * take the others with it.
 */
export function createIntakeService(deps: IntakeDeps) {
  const { db, cases, vault, audit, clock, escalations, clocks } = deps;

  /**
   * Consecutive references per year, one statement per year in the batch (nearly always one), before the
   * batch is written. A report retried on its own keeps the reference it was given.
   */
  async function reserveReferences(batch: Pending[]): Promise<void> {
    const next = new Map<number, number>();
    const todo = batch.filter((p) => !p.reference);
    for (const p of todo) {
      const year = p.receivedAt.getUTCFullYear();
      next.set(year, (next.get(year) ?? 0) + 1);
    }
    for (const [year, count] of next) next.set(year, await cases.reserveReferenceNumbers(year, count));
    for (const p of todo) {
      const year = p.receivedAt.getUTCFullYear();
      const n = next.get(year)!;
      next.set(year, n + 1);
      p.reference = formatReference(year, n);
    }
  }

  /** The rows of a batch of reports (fields encrypted under each case's new data key). */
  async function rowsFor(batch: Pending[], writes: InsertBatch) {
    const keyIds = await vault.createDataKeys('case', batch.length, db, writes);
    const used = batch.filter((p) => p.formTokenHash);
    cases.formTokensUsedIn(
      writes,
      used.map((p) => ({ tokenHash: p.formTokenHash!, caseId: p.caseId, usedAt: p.receivedAt })),
    );
    const rows: NewCaseRows = { cases: [], persons: [], links: [], members: [], events: [] };
    // The organisation's sensitivity rule, read once per batch (the rules store caches it).
    const sensitivityRules = await deps.settings.sensitivityRules?.();
    const auditEntries: AuditEntry[] = [];
    for (const [i, p] of batch.entries()) {
      const { caseId: id, input, reporterPhone, victimPhone, actor } = p;
      const reference = p.reference!;
      const dataKeyId = keyIds[i]!;
      const enc = (v: string | null | undefined, column: SealedColumn<'cases'>) =>
        vault.encryptOptional(dataKeyId, v, aad('cases', column, reference));
      const contact =
        input.reporter.anonymous || (!reporterPhone && !input.reporter.safeContact)
          ? null
          : JSON.stringify({ phone: reporterPhone, safeContact: input.reporter.safeContact ?? null });
      // Sensitive by default: the rule raises what the channel or the staff member gave, never lowers it.
      const ruled = sensitivityReasons(
        {
          violationTypes: input.violationTypes,
          narrative: input.narrative,
          victimAgeGroup: input.victim?.ageGroup,
          sos: input.sos,
        },
        sensitivityRules,
      );
      const sensitivity = maxSensitivity(input.sensitivity, ruled.length > 0 ? 'sensitive' : 'normal');
      const c: NewCase & { id: string } = {
        id,
        reference,
        status: 'received',
        sensitivity,
        dataKeyId,
        channel: input.channel,
        violationTypes: input.violationTypes,
        county: input.county ?? null,
        subCounty: input.subCounty ?? null,
        ward: input.ward ?? null,
        placeEnc: await enc(input.place, 'place'),
        inDangerNow: input.inDangerNow,
        incidentAt: input.incidentAt ?? null,
        incidentPrecision: input.incidentPrecision ?? null,
        narrativeEnc: await enc(input.narrative, 'narrative'),
        reporterContactEnc: await enc(contact, 'reporter_contact'),
        reporterPhoneBidx: reporterPhone ? vault.blindIndex('phone', reporterPhone) : null,
        reporterLocale: input.reporter.locale,
        statusCheck: statusCheckOf(vault, reference, p.statusSecret),
        anonymous: input.reporter.anonymous,
        receivedAt: p.receivedAt,
      };
      rows.cases.push(c);
      const addPerson = async (
        role: string,
        person: { name?: string | undefined; phone: string | null; sex?: string; ageGroup?: string },
      ) => {
        if (!person.name && !person.phone) return;
        const personId = randomUUID();
        rows.persons.push({
          id: personId,
          dataKeyId,
          kind: 'individual',
          nameEnc: person.name
            ? await vault.encrypt(dataKeyId, person.name, aad('persons', 'name', personId))
            : null,
          phoneEnc: person.phone
            ? await vault.encrypt(dataKeyId, person.phone, aad('persons', 'phone', personId))
            : null,
          phoneBidx: person.phone ? vault.blindIndex('phone', person.phone) : null,
          sex: person.sex ?? null,
          ageGroup: person.ageGroup ?? null,
        });
        rows.links.push({ caseId: id, personId, role });
      };
      if (!input.reporter.anonymous)
        await addPerson('reporter', { name: input.reporter.name, phone: reporterPhone });
      if (input.victim) {
        await addPerson('victim', {
          name: input.victim.name,
          phone: victimPhone,
          ...(input.victim.sex ? { sex: input.victim.sex } : {}),
          ...(input.victim.ageGroup ? { ageGroup: input.victim.ageGroup } : {}),
        });
      }
      if (actor.userId) rows.members.push({ caseId: id, userId: actor.userId, roleInCase: 'intake' });
      const event: NewCaseEvent = {
        caseId: id,
        at: p.receivedAt,
        actorId: actor.userId,
        actorLabel: actor.label,
        type: 'intake',
        toStatus: 'received',
        data: {
          channel: input.channel,
          inDangerNow: input.inDangerNow,
          sensitivity,
          ...(ruled.length ? { sensitivityRule: ruled } : {}),
          ...(p.triage ? { triage: p.triage } : {}),
        },
      };
      rows.events.push(event);
      auditEntries.push({
        actorId: actor.userId,
        actorLabel: actor.label,
        action: 'case.created',
        subjectType: 'case',
        subjectId: id,
        meta: { channel: input.channel, reference, sensitivity },
      });
    }
    return { rows, auditEntries };
  }

  /** Write one batch; resolves once it has committed. */
  async function write(batch: Pending[]): Promise<CaseRow[]> {
    const reqs: NewCaseEscalation[] = batch.map((p) => ({
      caseId: p.caseId,
      reason: 'new_urgent_report',
      detail: { inDangerNow: p.input.inDangerNow },
      priority: null,
      inDangerNow: p.input.inDangerNow,
      county: p.input.county ?? null,
      subCounty: p.input.subCounty ?? null,
      ward: p.input.ward ?? null,
      restricted: p.input.sensitivity === 'restricted',
    }));
    // Both are reads or short statements of their own; on PostgreSQL they go out side by side.
    const [, escalated] = await Promise.all([reserveReferences(batch), escalations.prepareNew?.(reqs)]);
    const writes = new InsertBatch();
    for (const p of batch) writes.carry(p.scope);
    const { rows, auditEntries } = await rowsFor(batch, writes);
    escalated?.write(writes, (entry) => auditEntries.push(entry));
    const scheduleClocks = await clocks.armIntakeMany(
      batch.map((p) => ({ id: p.caseId, receivedAt: p.receivedAt, inDangerNow: p.input.inDangerNow })),
      writes,
    );
    audit.appendInto(writes, auditEntries);
    let created: CaseRow[];
    if (escalated) {
      created = await cases.insertNew(rows, db, writes);
    } else {
      // An escalation that can only take one case at a time writes after the cases, in their transaction.
      created = await db.transaction(async (tx) => {
        const out = await cases.insertNew(rows, tx, writes);
        for (const r of reqs) {
          await escalations.request({ caseId: r.caseId, reason: r.reason, detail: r.detail }, tx);
        }
        return out;
      });
    }
    // Committed: the jobs now (their rows are durable; the sweeps and start-up reconcile back them up).
    void escalated?.afterCommit().catch(() => undefined);
    void scheduleClocks().catch(() => undefined);
    return created;
  }

  async function run(batch: Pending[]): Promise<void> {
    let created: CaseRow[];
    try {
      created = await write(batch);
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // One report that cannot be stored must not take the others with it: each on its own.
      for (const p of batch) await run([p]);
      return;
    }
    for (const [i, p] of batch.entries()) {
      const c = created[i]!;
      p.resolve({ ...c, publicReference: `${c.reference}-${p.statusSecret}` });
    }
  }

  const queue: Pending[] = [];
  let writing = false;
  let scheduled = false;
  /** After a batch of several: how many reports to wait for (until `gatherUntil`) before the next. */
  let gatherFor = 0;
  let gatherUntil = 0;
  let gatherTimer: NodeJS.Timeout | null = null;

  /** Start the next batch, unless one is being written or it is worth waiting a moment for more. */
  function pump(): void {
    scheduled = false;
    if (writing || queue.length === 0) return;
    const now = performance.now();
    if (queue.length < gatherFor && now < gatherUntil) {
      gatherTimer ??= setTimeout(() => {
        gatherTimer = null;
        pump();
      }, gatherUntil - now);
      return;
    }
    if (gatherTimer) clearTimeout(gatherTimer);
    gatherTimer = null;
    gatherFor = 0;
    const batch = queue.splice(0, MAX_BATCH);
    writing = true;
    void run(batch)
      .catch((err: unknown) => {
        for (const p of batch) p.reject(err);
      })
      .finally(() => {
        writing = false;
        if (batch.length > 1) {
          // Its senders are likely to send again at once: wait for them (and those already waiting).
          gatherFor = Math.min(MAX_BATCH, batch.length + queue.length);
          gatherUntil = performance.now() + GATHER_MS;
        }
        pump();
      });
  }

  return {
    /** The public status check: the status of the case whose reference and secret were typed, or null. */
    statusOf: createStatusCheck({ cases, vault }),

    /** The reference of the case a public form token already made, if it made one. */
    async caseOfFormToken(token: string): Promise<string | undefined> {
      return cases.referenceOfFormToken(formTokenHash(token));
    },

    /**
     * `formToken`: the public form's token, used once — a second report with it fails (unique key) and
     * `caseOfFormToken` finds the first.
     */
    async receive(
      raw: IntakeInput,
      actor: IntakeActor,
      opts: { formToken?: string } = {},
    ): Promise<ReceivedCase> {
      const parsed = intakeInput.safeParse(raw);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      await deps.settings.assertCurrentViolationTypes(parsed.data.violationTypes, 'violationTypes');
      // Triage that reads the message: urgency words anywhere, a suggested type, the place named.
      const { input, record } = applyTriage(parsed.data);
      const pending = new Promise<ReceivedCase>((resolve, reject) => {
        queue.push({
          caseId: randomUUID(),
          statusSecret: newStatusSecret(),
          input,
          reporterPhone: input.reporter.anonymous ? null : normalisePhone(input.reporter.phone),
          victimPhone: normalisePhone(input.victim?.phone),
          actor,
          receivedAt: clock.now(),
          triage: record,
          formTokenHash: opts.formToken ? formTokenHash(opts.formToken) : undefined,
          scope: currentBatchScope(),
          resolve,
          reject,
        });
      });
      if (gatherTimer && queue.length >= gatherFor) pump();
      else if (!scheduled && !writing && !gatherTimer) {
        scheduled = true;
        // Reports parsed in this turn of the event loop join the same batch.
        setImmediate(pump);
      }
      return pending;
    },
  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
