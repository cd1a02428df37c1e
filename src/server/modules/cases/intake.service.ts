import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Audit } from '../../security/audit.js';
import type { Vault } from '../../security/vault.js';
import type { CasesRepo, NewCase, NewCaseEvent } from './cases.repo.js';
import { intakeInput, type IntakeInput } from './cases.schemas.js';
import type { Escalations } from './escalation.js';
import type { ClocksService } from '../clocks/clocks.service.js';

export function formatReference(year: number, n: number): string {
  return `UA-${year}-${String(n).padStart(5, '0')}`;
}

export interface IntakeDeps {
  db: Db;
  cases: CasesRepo;
  vault: Vault;
  audit: Audit;
  clock: Clock;
  escalations: Escalations;
  clocks: ClocksService;
}

export interface IntakeActor {
  userId: string | null;
  label: string;
}

/** Reports written by one transaction at most; more wait for the next. */
const MAX_BATCH = 100;

type Parsed = ReturnType<typeof intakeInput.parse>;

interface Pending {
  input: Parsed;
  reporterPhone: string | null;
  victimPhone: string | null;
  actor: IntakeActor;
  receivedAt: Date;
  resolve(c: CaseRow): void;
  reject(err: unknown): void;
}

/**
 * The one intake path every channel calls: the case, its people, timeline, audit, alert and clock in one
 * transaction, acknowledged only after it committed.
 *
 * Reports that arrive while a transaction is writing are written together by the next one (group
 * commit): per report, a round trip to the database costs far more than the SQL it carries, and every
 * intake takes the same two single rows (the year's reference counter and the audit chain's head) for
 * update. One transaction per batch, in a fixed number of statements, takes each once. Each report is
 * still all-or-nothing: if a batch fails, its reports are written again one by one, so a report that
 * cannot be stored does not take the others with it.
 */
export function createIntakeService(deps: IntakeDeps) {
  const { db, cases, vault, audit, clock, escalations, clocks } = deps;

  async function write(batch: Pending[]): Promise<{ rows: CaseRow[]; afterCommit: (() => Promise<void>)[] }> {
    return db.transaction((tx) =>
      // Audit entries are appended last, together: the chain's head is locked only from there to commit.
      audit.deferred(tx, () => writeIn(batch, tx)),
    );
  }

  async function writeIn(batch: Pending[], tx: Executor) {
    // References: consecutive numbers per year, one statement per year in the batch (nearly always one).
    const references: string[] = [];
    const years = [...new Set(batch.map((p) => p.receivedAt.getUTCFullYear()))];
    const next = new Map<number, number>();
    for (const year of years) {
      const count = batch.filter((p) => p.receivedAt.getUTCFullYear() === year).length;
      next.set(year, await cases.nextReferenceNumbers(year, count, tx));
    }
    for (const p of batch) {
      const year = p.receivedAt.getUTCFullYear();
      const n = next.get(year)!;
      next.set(year, n + 1);
      references.push(formatReference(year, n));
    }
    const keyIds = await vault.createDataKeys('case', batch.length, tx);

    const newCases: (NewCase & { id: string })[] = [];
    const newPersons: Parameters<CasesRepo['insertNew']>[0]['persons'] = [];
    const links: Parameters<CasesRepo['insertNew']>[0]['links'] = [];
    const members: Parameters<CasesRepo['insertNew']>[0]['members'] = [];
    const events: NewCaseEvent[] = [];
    for (const [i, p] of batch.entries()) {
      const { input, reporterPhone, victimPhone, actor } = p;
      const id = randomUUID();
      const reference = references[i]!;
      const dataKeyId = keyIds[i]!;
      const enc = (v: string | null | undefined, field: string) =>
        vault.encryptOptional(dataKeyId, v, `cases.${field}:${reference}`, tx);
      const contact =
        input.reporter.anonymous || (!reporterPhone && !input.reporter.safeContact)
          ? null
          : JSON.stringify({ phone: reporterPhone, safeContact: input.reporter.safeContact ?? null });
      newCases.push({
        id,
        reference,
        status: 'received',
        sensitivity: input.sensitivity,
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
        anonymous: input.reporter.anonymous,
        receivedAt: p.receivedAt,
      });
      const addPerson = async (
        role: string,
        person: { name?: string | undefined; phone: string | null; sex?: string; ageGroup?: string },
      ) => {
        if (!person.name && !person.phone) return;
        const personId = randomUUID();
        newPersons.push({
          id: personId,
          dataKeyId,
          kind: 'individual',
          nameEnc: person.name
            ? await vault.encrypt(dataKeyId, person.name, `persons.name:${personId}`, tx)
            : null,
          phoneEnc: person.phone
            ? await vault.encrypt(dataKeyId, person.phone, `persons.phone:${personId}`, tx)
            : null,
          phoneBidx: person.phone ? vault.blindIndex('phone', person.phone) : null,
          sex: person.sex ?? null,
          ageGroup: person.ageGroup ?? null,
        });
        links.push({ caseId: id, personId, role });
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
      if (actor.userId) members.push({ caseId: id, userId: actor.userId, roleInCase: 'intake' });
      events.push({
        caseId: id,
        at: p.receivedAt,
        actorId: actor.userId,
        actorLabel: actor.label,
        type: 'intake',
        toStatus: 'received',
        data: { channel: input.channel, inDangerNow: input.inDangerNow },
      });
    }
    const rows = await cases.insertNew({ cases: newCases, persons: newPersons, links, members, events }, tx);
    for (const [i, c] of rows.entries()) {
      const { actor, input } = batch[i]!;
      await audit.record(
        {
          actorId: actor.userId,
          actorLabel: actor.label,
          action: 'case.created',
          subjectType: 'case',
          subjectId: c.id,
          meta: { channel: input.channel, reference: c.reference },
        },
        tx,
      );
    }
    const afterCommit: (() => Promise<void>)[] = [];
    const reqs = rows.map((c, i) => ({
      caseId: c.id,
      reason: 'new_urgent_report' as const,
      detail: { inDangerNow: batch[i]!.input.inDangerNow },
      priority: c.priority,
      inDangerNow: c.inDangerNow,
    }));
    if (escalations.requestNew) afterCommit.push(await escalations.requestNew(reqs, tx));
    else {
      for (const r of reqs) {
        await escalations.request({ caseId: r.caseId, reason: r.reason, detail: r.detail }, tx);
      }
    }
    afterCommit.push(await clocks.armIntakeMany(rows, tx));
    return { rows, afterCommit };
  }

  const queue: Pending[] = [];
  let draining = false;

  async function run(batch: Pending[]): Promise<void> {
    let out: Awaited<ReturnType<typeof write>>;
    try {
      out = await write(batch);
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // One report that cannot be stored must not take the others with it: each on its own.
      for (const p of batch) await run([p]);
      return;
    }
    // Committed: acknowledge, then queue the jobs (their rows are durable; the sweeps back up the jobs).
    for (const [i, p] of batch.entries()) p.resolve(out.rows[i]!);
    for (const f of out.afterCommit) void f().catch(() => undefined);
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) await run(queue.splice(0, MAX_BATCH));
    } finally {
      draining = false;
    }
  }

  return {
    async receive(raw: IntakeInput, actor: IntakeActor): Promise<CaseRow> {
      const parsed = intakeInput.safeParse(raw);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const input = parsed.data;
      const pending = new Promise<CaseRow>((resolve, reject) => {
        queue.push({
          input,
          reporterPhone: input.reporter.anonymous ? null : normalisePhone(input.reporter.phone),
          victimPhone: normalisePhone(input.victim?.phone),
          actor,
          receivedAt: clock.now(),
          resolve,
          reject,
        });
      });
      if (!draining) {
        draining = true;
        // Reports parsed in this turn of the event loop join the first batch.
        setImmediate(() => void drain());
      }
      return pending;
    },
  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
