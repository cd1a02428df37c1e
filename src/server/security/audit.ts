import { createHash } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { bulkInsertSql, type InsertBatch } from '../db/bulk.js';
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

export interface HashedFields {
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

/**
 * The canonical JSON of a row around its sequence number: `canonicalJson(row) === pre + seq + post`, so
 * the database can hash a row onto the chain once it knows the number (`appendInto`).
 */
export function contentAroundSeq(row: Omit<HashedFields, 'seq'>): { pre: string; post: string } {
  const content = canonicalJson({ ...row, at: new Date(row.at).toISOString(), seq: 0 });
  // Keys are sorted: only subjectId and subjectType (strings or null, which cannot contain this) follow
  // seq, so the last occurrence is the row's own.
  const i = content.lastIndexOf(',"seq":0,');
  if (i < 0) throw new Error('audit row without its sequence number');
  return { pre: content.slice(0, i + 7), post: content.slice(i + 8) };
}

export function createAudit(db: Executor, clock: Clock) {
  /**
   * Append entries in order, in the caller's transaction: lock the head row, hash the entries onto the
   * chain, then one statement writes every row and moves the head. The head stays locked until commit,
   * which orders concurrent writers into one chain. Returns the last sequence number (0: nothing to do).
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
     * Append one entry in the caller's transaction. The head row is locked until commit, which orders
     * concurrent writers into one chain.
     */
    async record(entry: AuditEntry, tx?: Executor): Promise<number> {
      // Without a caller's transaction the head lock would be released before the insert and two
      // concurrent writers could take the same sequence number: open one.
      if (!tx) return db.transaction((own) => appendMany([entry], own));
      return appendMany([entry], tx);
    },

    async append(entry: AuditEntry, tx: Executor): Promise<number> {
      return appendMany([entry], tx);
    },

    appendMany,

    /**
     * Append entries as part of `batch`'s single statement, the chain computed by the database: the
     * statement locks the head row (FOR UPDATE), hashes each entry onto it in order — the same
     * `sha256(prev + "\n" + canonical JSON)` as `rowHash`, the JSON around the sequence number made here —
     * writes the rows and moves the head. The head is locked only from there until that statement's
     * transaction commits, so concurrent writers wait for a commit, never for a whole transaction.
     */
    appendInto(batch: InsertBatch, entries: AuditEntry[]): void {
      if (entries.length === 0) return;
      const at = clock.now().toISOString();
      const rows = entries.map((entry, i) => {
        const fields = {
          at,
          actorId: entry.actorId ?? null,
          actorLabel: entry.actorLabel,
          action: entry.action,
          subjectType: entry.subjectType ?? null,
          subjectId: entry.subjectId ?? null,
          meta: entry.meta ?? {},
        };
        const { pre, post } = contentAroundSeq(fields);
        return {
          n: i + 1,
          pre: Buffer.from(pre, 'utf8').toString('hex'),
          post: Buffer.from(post, 'utf8').toString('hex'),
          at,
          actor_id: fields.actorId,
          actor_label: fields.actorLabel,
          action: fields.action,
          subject_type: fields.subjectType,
          subject_id: fields.subjectId,
          meta: fields.meta,
        };
      });
      batch.cte('audit_head_locked', sql`select seq, hash from audit_head where id = 1 for update`);
      batch.cte(
        'audit_entries',
        sql`select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(
              n int, pre text, post text, at timestamptz, actor_id uuid, actor_label text, action text,
              subject_type text, subject_id text, meta jsonb)`,
      );
      // Bytes, not text, around the number: the hash is over UTF-8 whatever the database's encoding.
      batch.cte(
        'audit_chain',
        sql`select 0 as n, seq, hash, null::text as prev_hash from audit_head_locked
            union all
            select e.n, c.seq + 1,
                   encode(sha256(convert_to(c.hash || E'\n', 'UTF8') || decode(e.pre, 'hex')
                     || convert_to((c.seq + 1)::text, 'UTF8') || decode(e.post, 'hex')), 'hex'),
                   c.hash
            from audit_chain c join audit_entries e on e.n = c.n + 1`,
        { recursive: true },
      );
      batch.statement(
        sql`insert into audit_log (seq, at, actor_id, actor_label, action, subject_type, subject_id, meta,
                                   prev_hash, hash)
            select c.seq, e.at, e.actor_id, e.actor_label, e.action, e.subject_type, e.subject_id, e.meta,
                   c.prev_hash, c.hash
            from audit_chain c join audit_entries e on e.n = c.n`,
      );
      batch.statement(
        sql`update audit_head set seq = last.seq, hash = last.hash
            from (select seq, hash from audit_chain order by n desc limit 1) last
            where audit_head.id = 1`,
      );
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
