import type { AccountView, JournalEntryView } from '../../../shared/contracts/funds.js';
import type { Actor } from '../../security/policy.js';
import type { FundsDeps } from './funds.deps.js';
import { kes } from './funds.rules.js';

/** A CSV cell: quoted, and never read as a formula by a spreadsheet (=, +, -, @ at the start). */
export function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const ledgerCsvHeader = [
  'entry_id',
  'date_utc',
  'kind',
  'case_reference',
  'request_id',
  'reference',
  'reverses_entry_id',
  'account',
  'debit_kes',
  'credit_kes',
];

/**
 * Reading the books: balances per account (funds, floats, per-case expense, income), journal entries
 * with their lines, and the CSV export for the finance officer and auditors — ids, codes, references
 * and amounts only (no beneficiary, no narrative). Reads of the whole ledger and every export are audited.
 */
export function createBooks(deps: Pick<FundsDeps, 'repo' | 'audit'>) {
  const { repo, audit } = deps;

  async function entries(f: { caseId?: string; limit: number }): Promise<JournalEntryView[]> {
    const rows = await repo.entries(f);
    const lines = await repo.linesOf(rows.map((r) => r.entry.id));
    return rows.map(({ entry: e, reference }) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      requestId: e.requestId,
      caseReference: reference,
      reference: e.reference,
      reversesEntryId: e.reversesEntryId,
      lines: lines
        .filter((l) => l.entryId === e.id)
        .map((l) => {
          const a = Number(l.amountCents);
          return { accountCode: l.code, debitCents: a > 0 ? a : 0, creditCents: a < 0 ? -a : 0 };
        }),
    }));
  }

  async function balances(f: { caseId?: string } = {}): Promise<AccountView[]> {
    return (await repo.balances(f)).map(({ account: a, balanceCents }) => ({
      id: a.id,
      code: a.code,
      kind: a.kind as AccountView['kind'],
      name: a.name,
      caseId: a.caseId,
      balanceCents,
    }));
  }

  return {
    entries,
    balances,
    async ledger(actor: Actor, f: { caseId?: string } = {}) {
      const result = { accounts: await balances(f), entries: await entries({ ...f, limit: 500 }) };
      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'ledger.read',
        subjectType: 'ledger',
        meta: { caseId: f.caseId ?? null },
      });
      return result;
    },
    async csv(actor: Actor): Promise<string> {
      const list = await entries({ limit: 100_000 });
      const out = [ledgerCsvHeader.join(',')];
      for (const e of [...list].reverse())
        for (const l of e.lines)
          out.push(
            [
              e.id,
              e.at,
              e.kind,
              e.caseReference,
              e.requestId,
              e.reference,
              e.reversesEntryId,
              l.accountCode,
              l.debitCents ? kes(l.debitCents) : '',
              l.creditCents ? kes(l.creditCents) : '',
            ]
              .map(csvCell)
              .join(','),
          );
      await audit.record({
        actorId: actor.id,
        actorLabel: 'user',
        action: 'ledger.exported',
        subjectType: 'ledger',
        meta: { entries: list.length },
      });
      return `${out.join('\r\n')}\r\n`;
    },
  };
}
