import { createHash } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { bulkInsertSql } from '../db/bulk.js';
import type { Executor } from '../db/client.js';
import { auditHead, auditLog } from '../db/schema/index.js';
import type { Clock } from '../lib/clock.js';

export interface AuditEntry {
  actorId?: string | null;
  /** A role or system name, never a person's name: 'user', 'system', 'sms-gateway'. */
  actorLabel: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** Ids, codes and counts only — no personal data. */
  meta?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level, so the hash does not depend on how the database stores jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

interface HashedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  meta: unknown;
}

export function rowHash(prevHash: string, row: HashedFields): string {
  const content = canonicalJson({ ...row, at: new Date(row.at).toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export function createAudit(db: Executor, clock: Clock) {
  /** Transactions whose entries are held back and appended together just before they commit. */
  const deferred = new WeakMap<Executor, AuditEntry[]>();

  /**
   * Append entries in order, in the caller's transaction: lock the head row, hash the entries onto the
   * chain, then one statement writes every row and moves the head. The head stays locked until commit,
   * which orders concurrent writers into one chain. Returns the last sequence number (0 when none).
   */
  async function appendMany(entries: AuditEntry[], tx: Executor): Promise<number> {
    if (entries.length === 0) return 0;
    const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
    if (!head) throw new Error('audit head missing: run migrations');
    const at = clock.now().toISOString();
    let { seq, hash } = head;
    const rows = entries.map((entry) => {
      const fields: HashedFields = {
        seq: seq + 1,
        at,
        actorId: entry.actorId ?? null,
        actorLabel: entry.actorLabel,
        action: entry.action,
        subjectType: entry.subjectType ?? null,
        subjectId: entry.subjectId ?? null,
        meta: entry.meta ?? {},
      };
      const prevHash = hash;
      seq = fields.seq;
      hash = rowHash(prevHash, fields);
      return { ...fields, meta: fields.meta as object, prevHash, hash };
    });
    await tx.execute(
      sql`with appended as (${bulkInsertSql(auditLog, rows)})
          update audit_head set seq = ${seq}, hash = ${hash} where id = 1`,
    );
    return seq;
  }

  return {
    /**
     * Append one entry in the caller's transaction (or, inside `deferred`, at the end of it). The head row
     * is locked until commit, which orders concurrent writers into one chain.
     */
    async record(entry: AuditEntry, tx?: Executor): Promise<number> {
      // Without a caller's transaction the head lock would be released before the insert and two
      // concurrent writers could take the same sequence number: open one.
      if (!tx) return db.transaction((own) => appendMany([entry], own));
      const held = deferred.get(tx);
      if (held) {
        held.push(entry);
        return 0;
      }
      return appendMany([entry], tx);
    },

    async append(entry: AuditEntry, tx: Executor): Promise<number> {
      return appendMany([entry], tx);
    },

    appendMany,

    /**
     * Run `work` in the transaction `tx` with every `record(…, tx)` held back, then append them all at
     * once. The head row — one lock for every writer in the system — is then taken at the end, and held
     * only from there to commit, instead of from the first entry. Call it as the last thing before commit.
     */
    async deferred<T>(tx: Executor, work: () => Promise<T>): Promise<T> {
      if (deferred.has(tx)) return work();
      const held: AuditEntry[] = [];
      deferred.set(tx, held);
      try {
        const out = await work();
        deferred.delete(tx);
        await appendMany(held, tx);
        return out;
      } finally {
        deferred.delete(tx);
      }
    },
  };
}
export type Audit = ReturnType<typeof createAudit>;

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Walk the chain in order; report the first row whose position, link or content does not check out. */
export async function verifyAuditChain(
  db: Executor,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(5000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: expectedSeq, reason: `row ${expectedSeq} is missing` },
        };
      }
      if (r.prevHash !== prev) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: r.seq, reason: 'link to the previous row is broken' },
        };
      }
      const h = rowHash(prev, {
        seq: r.seq,
        at: r.at,
        actorId: r.actorId,
        actorLabel: r.actorLabel,
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        meta: r.meta,
      });
      if (h !== r.hash)
        return { ok: false, checked, firstBroken: { seq: r.seq, reason: 'row content was changed' } };
      prev = r.hash;
      expectedSeq += 1;
      checked += 1;
      after = r.seq;
    }
    onProgress?.(checked);
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (head && (head.seq !== checked || head.hash !== prev)) {
    return {
      ok: false,
      checked,
      firstBroken: { seq: checked + 1, reason: 'rows at the end of the log were removed' },
    };
  }
  return { ok: true, checked };
}
