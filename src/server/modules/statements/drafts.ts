import { randomBytes } from 'node:crypto';
import type {
  StatementCreateInput,
  StatementField,
  StatementUpdateInput,
} from '../../../shared/contracts/statements.js';
import type { CaseRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { aad, aadOf } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { findIdentifyingDetails, type KnownDetail } from './identifying-check.js';
import type { StatementsDeps } from './statements.deps.js';
import type { StatementRow } from './statements.repo.js';

const person = aadOf('persons');

/** A readable, unguessable-enough public address: the English title's words and a short suffix. */
function slugOf(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${words || 'statement'}-${randomBytes(3).toString('hex')}`;
}

export const textsOf = (s: StatementRow): Record<StatementField, string> => ({
  titleEn: s.titleEn,
  titleSw: s.titleSw,
  bodyEn: s.bodyEn,
  bodySw: s.bodySw,
});

/**
 * Drafting: create from a case or an event, edit (an approved draft goes back to draft), run the
 * identifying-details check, and accept one finding with a reason (sealed; audited without it).
 */
export function createDrafts(deps: StatementsDeps) {
  const { db, repo, cases, vault, audit, clock } = deps;

  /** What the check looks for on one case: its people (not perpetrators), the reporter's contact, the place. */
  async function detailsOfCase(c: CaseRow, tx: Executor): Promise<KnownDetail[]> {
    const out: KnownDetail[] = [];
    const sealed = (column: 'place' | 'reporter_contact') => aad('cases', column, c.reference);
    const place = await vault.decryptOptional(c.dataKeyId, c.placeEnc, sealed('place'), tx);
    if (place) out.push({ kind: 'place', value: place });
    const contact = await vault.decryptOptional(
      c.dataKeyId,
      c.reporterContactEnc,
      sealed('reporter_contact'),
      tx,
    );
    if (contact) out.push({ kind: 'reporter_contact', value: contact });
    for (const { person: p, role } of await cases.personsOf(c.id, tx)) {
      if (role === 'perpetrator') continue;
      const name = await vault.decryptOptional(p.dataKeyId, p.nameEnc, person('name', p.id), tx);
      const phone = await vault.decryptOptional(p.dataKeyId, p.phoneEnc, person('phone', p.id), tx);
      if (name) out.push({ kind: 'person_name', value: name });
      if (phone) out.push({ kind: 'person_phone', value: phone });
    }
    return out;
  }

  async function knownDetails(s: StatementRow, tx: Executor): Promise<KnownDetail[]> {
    if (s.caseId) {
      const c = await cases.findById(s.caseId, tx);
      return c ? detailsOfCase(c, tx) : [];
    }
    if (!s.eventId) return [];
    const event = await deps.events.findById(s.eventId, tx);
    const out: KnownDetail[] = [];
    if (event) {
      const place = await vault.decryptOptional(
        event.dataKeyId,
        event.placeEnc,
        aad('events', 'place', event.reference),
        tx,
      );
      if (place) out.push({ kind: 'place', value: place });
    }
    for (const { c } of await deps.events.casesOf(s.eventId, tx)) out.push(...(await detailsOfCase(c, tx)));
    return out;
  }

  async function lockDraft(id: string, tx: Executor): Promise<StatementRow> {
    const s = await repo.lock(id, tx);
    if (!s) throw new AppError('NOT_FOUND');
    if (s.status !== 'draft' && s.status !== 'approved') throw new AppError('STATEMENT_NOT_EDITABLE');
    return s;
  }

  return {
    /** A statement, or an urgent appeal to a mechanism (appeals.ts checks its languages first). */
    async create(
      actor: Actor,
      input: StatementCreateInput,
      as: { kind: 'statement' | 'appeal'; mechanism?: string } = { kind: 'statement' },
    ): Promise<StatementRow> {
      return db.transaction(async (tx) => {
        if (input.caseId) await deps.loadCase(input.caseId, actor, tx);
        else if (!(await deps.events.findById(input.eventId!, tx))) throw new AppError('NOT_FOUND');
        const s = await repo.insert(
          {
            slug: slugOf(input.titleEn),
            caseId: input.caseId ?? null,
            eventId: input.eventId ?? null,
            kind: as.kind,
            mechanism: as.mechanism ?? null,
            titleEn: input.titleEn,
            titleSw: input.titleSw,
            bodyEn: input.bodyEn,
            bodySw: input.bodySw,
            dataKeyId: await vault.createDataKey('statement', tx),
            authorId: actor.id,
            createdAt: clock.now(),
            updatedAt: clock.now(),
          },
          tx,
        );
        await audit.append(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'statement.create',
            subjectType: 'statement',
            subjectId: s.id,
            meta: { caseId: s.caseId, eventId: s.eventId, kind: s.kind, mechanism: s.mechanism },
          },
          tx,
        );
        return s;
      });
    },

    async update(id: string, actor: Actor, input: StatementUpdateInput): Promise<StatementRow> {
      return db.transaction(async (tx) => {
        const s = await lockDraft(id, tx);
        if (s.version !== input.version) throw new AppError('CONFLICT');
        const updated = await repo.update(
          id,
          {
            titleEn: input.titleEn,
            titleSw: input.titleSw,
            bodyEn: input.bodyEn,
            bodySw: input.bodySw,
            version: s.version + 1,
            status: 'draft',
            approvedBy: null,
            approvedAt: null,
            updatedAt: clock.now(),
          },
          tx,
        );
        await audit.append(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'statement.update',
            subjectType: 'statement',
            subjectId: id,
            meta: { version: updated.version, approvalCleared: s.status === 'approved' },
          },
          tx,
        );
        return updated;
      });
    },

    /**
     * Run the check on the current text. Findings no longer in the text are gone (removed by an edit);
     * a finding accepted before stays accepted while the same value is at the same kind in the same field.
     */
    async check(id: string, actor: Actor): Promise<StatementRow> {
      return db.transaction(async (tx) => {
        const s = await lockDraft(id, tx);
        const hits = findIdentifyingDetails(textsOf(s), await knownDetails(s, tx));
        const before = await repo.hitsOf(id, tx);
        const accepted = new Map(
          before
            .filter((h) => h.status === 'accepted')
            .map((h) => [`${h.field}|${h.kind}|${h.valueBidx}`, h]),
        );
        const rows = hits.map((h) => {
          const valueBidx = vault.blindIndex(`statement:${s.id}`, h.value);
          const key = `${h.field}|${h.kind}|${valueBidx}`;
          const kept = accepted.get(key);
          accepted.delete(key); // one acceptance covers one occurrence
          return {
            ...(kept ? { id: kept.id } : {}),
            statementId: id,
            field: h.field,
            offset: h.offset,
            length: h.length,
            kind: h.kind,
            valueBidx,
            status: kept ? 'accepted' : 'open',
            reasonEnc: kept?.reasonEnc ?? null,
            decidedBy: kept?.decidedBy ?? null,
            decidedAt: kept?.decidedAt ?? null,
          };
        });
        await repo.replaceHits(id, rows, tx);
        const updated = await repo.update(id, { checkedVersion: s.version }, tx);
        const byKind: Record<string, number> = {};
        for (const h of hits) byKind[h.kind] = (byKind[h.kind] ?? 0) + 1;
        await audit.append(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'statement.check',
            subjectType: 'statement',
            subjectId: id,
            meta: {
              version: s.version,
              hits: hits.length,
              byKind,
              open: rows.filter((r) => r.status === 'open').length,
            },
          },
          tx,
        );
        return updated;
      });
    },

    /** Keep one finding in the text on purpose: the reason is sealed, the audit says who, which and why-given. */
    async acceptHit(id: string, hitId: string, actor: Actor, reason: string): Promise<StatementRow> {
      return db.transaction(async (tx) => {
        const s = await lockDraft(id, tx);
        const reasonEnc = await vault.encrypt(
          s.dataKeyId,
          reason,
          aad('statement_hits', 'reason', hitId),
          tx,
        );
        const hit = await repo.acceptHit(
          id,
          hitId,
          { reasonEnc, decidedBy: actor.id, decidedAt: clock.now() },
          tx,
        );
        if (!hit) throw new AppError('NOT_FOUND');
        await audit.append(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'statement.hit_accept',
            subjectType: 'statement',
            subjectId: id,
            meta: { hitId, field: hit.field, offset: hit.offset, kind: hit.kind, reasonSealed: true },
          },
          tx,
        );
        return s;
      });
    },
  };
}
