import type { PaymentMethod } from '../../../shared/contracts/funds.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import type { FundsDeps } from './funds.deps.js';
import type { FundRequestRow, NewLine } from './funds.repo.js';
import { caseExpenseCode, floatCode, fundCode, GENERAL_FUND, GRANT_INCOME } from './funds.rules.js';

/** Throw unless the lines are a valid entry: two or more, none zero, summing to zero (SQL checks again). */
export function assertBalanced(lines: readonly NewLine[]): void {
  const sum = lines.reduce((s, l) => s + l.amountCents, 0);
  if (
    lines.length < 2 ||
    sum !== 0 ||
    lines.some((l) => !Number.isSafeInteger(l.amountCents) || l.amountCents === 0)
  )
    throw new AppError('LEDGER_UNBALANCED');
}

/** A reversal: the same lines with opposite signs. */
export const reversalLines = (lines: readonly NewLine[]): NewLine[] =>
  lines.map((l) => ({ accountId: l.accountId, amountCents: -l.amountCents }));

/**
 * The double-entry books (restricted-fund accounting). A receipt puts grant money in a float:
 * Dr float, Cr fund. A payment spends it on a case and releases it from the fund:
 * Dr case expense, Cr float; Dr fund, Cr grant income. Entries are never edited: a reversal posts
 * the opposite lines. Every posting is audited with ids, codes and amounts only.
 */
export function createLedger(deps: Pick<FundsDeps, 'repo' | 'audit' | 'clock' | 'db'>) {
  const { repo, audit, clock, db } = deps;

  async function coreAccounts(tx: Executor) {
    const now = clock.now();
    await repo.ensureAccount({ code: GENERAL_FUND, kind: 'fund', name: 'Emergency fund' }, now, tx);
    await repo.ensureAccount({ code: GRANT_INCOME, kind: 'income', name: 'Grant income' }, now, tx);
  }

  const floatAccount = (m: PaymentMethod, tx: Executor) =>
    repo.ensureAccount(
      { code: floatCode(m), kind: 'float', name: { mpesa: 'M-Pesa float', bank: 'Bank', cash: 'Cash' }[m] },
      clock.now(),
      tx,
    );

  async function post(
    entry: {
      kind: 'disbursement' | 'receipt' | 'reversal';
      requestId?: string | null;
      caseId?: string | null;
      reference?: string | null;
      reversesEntryId?: string | null;
      reason?: string | null;
      createdBy: string | null;
    },
    lines: NewLine[],
    tx: Executor,
  ) {
    assertBalanced(lines);
    const e = await repo.insertEntry({ ...entry, at: clock.now() }, lines, tx);
    await audit.record(
      {
        actorId: entry.createdBy,
        actorLabel: entry.createdBy ? 'user' : 'system',
        action: `ledger.${entry.kind}`,
        subjectType: 'journal_entry',
        subjectId: e.id,
        meta: {
          requestId: entry.requestId ?? null,
          reversesEntryId: entry.reversesEntryId ?? null,
          amountCents: lines.filter((l) => l.amountCents > 0).reduce((s, l) => s + l.amountCents, 0),
        },
      },
      tx,
    );
    return e;
  }

  return {
    coreAccounts,

    /** The four lines of a paid request, in the caller's transaction. */
    async postDisbursement(
      r: FundRequestRow,
      caseReference: string,
      method: PaymentMethod,
      reference: string,
      actorId: string | null,
      tx: Executor,
    ) {
      await coreAccounts(tx);
      const now = clock.now();
      const expense = await repo.ensureAccount(
        {
          code: caseExpenseCode(caseReference),
          kind: 'case_expense',
          name: `Case ${caseReference}`,
          caseId: r.caseId,
        },
        now,
        tx,
      );
      const float = await floatAccount(method, tx);
      const income = await repo.ensureAccount(
        { code: GRANT_INCOME, kind: 'income', name: 'Grant income' },
        now,
        tx,
      );
      const a = r.amountCents;
      return post(
        { kind: 'disbursement', requestId: r.id, caseId: r.caseId, reference, createdBy: actorId },
        [
          { accountId: expense.id, amountCents: a },
          { accountId: float.id, amountCents: -a },
          { accountId: r.fundAccountId, amountCents: a },
          { accountId: income.id, amountCents: -a },
        ],
        tx,
      );
    },

    async createFund(input: { code: string; name: string }, actor: Actor) {
      return db.transaction(async (tx) => {
        const row = await repo.insertAccount(
          { code: fundCode(input.code), kind: 'fund', name: input.name, createdAt: clock.now() },
          tx,
        );
        if (!row) throw new AppError('NAME_TAKEN');
        await audit.record(
          {
            actorId: actor.id,
            actorLabel: 'user',
            action: 'ledger.fund_created',
            subjectType: 'ledger_account',
            subjectId: row.id,
            meta: { code: row.code },
          },
          tx,
        );
        return row;
      });
    },

    /** Grant money received into a float: Dr float, Cr fund. */
    async receipt(
      input: { fundId: string; into: PaymentMethod; amountCents: number; reference: string },
      actor: Actor,
    ) {
      return db.transaction(async (tx) => {
        const fund = await repo.findAccount(input.fundId, tx);
        if (!fund || fund.kind !== 'fund') throw new AppError('NOT_FOUND');
        const float = await floatAccount(input.into, tx);
        return post(
          { kind: 'receipt', reference: input.reference, createdBy: actor.id },
          [
            { accountId: float.id, amountCents: input.amountCents },
            { accountId: fund.id, amountCents: -input.amountCents },
          ],
          tx,
        );
      });
    },

    /** Correct an entry by posting its opposite; an entry is reversed once, a reversal never. */
    async reverse(entryId: string, reason: string, actor: Actor) {
      return db
        .transaction(async (tx) => {
          const e = await repo.findEntry(entryId, tx);
          if (!e) throw new AppError('NOT_FOUND');
          if (e.kind === 'reversal') throw new AppError('ENTRY_REVERSED');
          const lines = (await repo.linesOf([e.id], tx)).map((l) => ({
            accountId: l.accountId,
            amountCents: Number(l.amountCents),
          }));
          return post(
            {
              kind: 'reversal',
              requestId: e.requestId,
              caseId: e.caseId,
              reference: e.reference,
              reversesEntryId: e.id,
              reason,
              createdBy: actor.id,
            },
            reversalLines(lines),
            tx,
          );
        })
        .catch((err: unknown) => {
          // The unique index on reverses_entry_id: a second reversal of the same entry.
          if (
            (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
            (err as { cause?: { code?: string } }).cause?.code === '23505'
          )
            throw new AppError('ENTRY_REVERSED');
          throw err;
        });
    },
  };
}
export type Ledger = ReturnType<typeof createLedger>;
