import { randomUUID } from 'node:crypto';
import type { ArrestCreateInput, ArrestPatchInput, ArrestView } from '../../../shared/contracts/response.js';
import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import { arrestView, clockTarget } from './arrest-clock.js';
import type { ArrestRow } from './response.repo.js';
import { notFuture, type ResponseDeps, type ResponseKit } from './response.shared.js';

/** The timeline event of an arrest change: production in court first, then release, else an edit. */
export function arrestEventType(input: ArrestPatchInput): string {
  if (input.producedInCourtAt) return 'arrest.produced_in_court';
  if (input.releasedAt) return 'arrest.released';
  if (input.missingSince) return 'arrest.missing';
  if (input.missingSince === null) return 'arrest.found';
  return 'arrest.updated';
}

/**
 * Arrests and their 24-hour clock (DESIGN §2.2): record an arrest, then its production in court or
 * release. The case's arrest clocks follow the arrest `clockTarget` picks, re-armed or met after
 * every write.
 */
export function createArrestUseCases(
  deps: Pick<ResponseDeps, 'repo' | 'cases' | 'workflow' | 'clocks' | 'clock'>,
  kit: ResponseKit,
) {
  const { repo, cases, workflow, clocks, clock } = deps;
  const { write, caseLog } = kit;

  /** Point the case's arrest clocks at the new target, or meet them when no arrest is running. */
  async function syncArrestClocks(
    caseId: string,
    before: ArrestRow | undefined,
    now: Date,
    tx: Executor,
  ): Promise<void> {
    const after = clockTarget(await repo.arrestsOf(caseId, tx), now);
    if (after?.id === before?.id) return;
    if (after) await clocks.armArrest(caseId, after.id, after.arrestedAt, tx);
    else {
      await clocks.meet(caseId, 'arrest_18h', tx);
      await clocks.meet(caseId, 'arrest_24h', tx);
    }
  }

  async function listArrests(c: CaseRow): Promise<ArrestView[]> {
    const now = clock.now();
    return (await repo.arrestsOf(c.id)).map((a) => arrestView(a, now));
  }

  async function arrests(caseId: string, actor: Actor): Promise<ArrestView[]> {
    const c = await workflow.loadForActor(caseId, actor);
    return listArrests(c);
  }

  function recordArrest(caseId: string, actor: Actor, input: ArrestCreateInput): Promise<ArrestView> {
    return write(caseId, actor, 'arrests', async (c, tx, now) => {
      notFuture(input.arrestedAt, 'arrestedAt', now);
      if (input.personId && !(await cases.personsOf(c.id, tx)).some((p) => p.person.id === input.personId)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'personId', message: 'not a person on this case' }],
        });
      }
      const before = clockTarget(await repo.arrestsOf(c.id, tx), now);
      const row = await repo.insertArrest(
        {
          id: randomUUID(),
          caseId: c.id,
          personId: input.personId ?? null,
          arrestedAt: input.arrestedAt,
          policeStation: input.policeStation,
          obNumber: input.obNumber ?? null,
          createdBy: actor.id,
          createdAt: now,
        },
        tx,
      );
      await syncArrestClocks(c.id, before, now, tx);
      const data = {
        arrestId: row.id,
        arrestedAt: row.arrestedAt.toISOString(),
        hasObNumber: Boolean(row.obNumber),
        ...(row.personId ? { personId: row.personId } : {}),
      };
      await caseLog({ caseId: c.id, actorId: actor.id, type: 'arrest.recorded', data, at: now }, tx);
      return arrestView(row, now);
    });
  }

  function updateArrest(
    caseId: string,
    arrestId: string,
    actor: Actor,
    input: ArrestPatchInput,
  ): Promise<ArrestView> {
    return write(caseId, actor, 'arrests', async (c, tx, now) => {
      const a = await repo.findArrest(c.id, arrestId, tx);
      if (!a) throw new AppError('NOT_FOUND');
      for (const [path, value] of [
        ['producedInCourtAt', input.producedInCourtAt],
        ['releasedAt', input.releasedAt],
        ['missingSince', input.missingSince ?? undefined],
      ] as const) {
        notFuture(value, path, now);
        if (value && value.getTime() < a.arrestedAt.getTime())
          throw new AppError('VALIDATION_FAILED', {
            fields: [{ path, message: 'cannot be before the arrest' }],
          });
      }
      const before = clockTarget(await repo.arrestsOf(c.id, tx), now);
      const updated = await repo.updateArrest(
        a.id,
        {
          ...(input.producedInCourtAt ? { producedInCourtAt: input.producedInCourtAt } : {}),
          ...(input.releasedAt ? { releasedAt: input.releasedAt } : {}),
          ...(input.obNumber ? { obNumber: input.obNumber } : {}),
          ...(input.missingSince !== undefined ? { missingSince: input.missingSince } : {}),
        },
        tx,
      );
      await syncArrestClocks(c.id, before, now, tx);
      const view = arrestView(updated, now);
      const data = {
        arrestId: a.id,
        changed: Object.keys(input).filter((k) => input[k as keyof ArrestPatchInput] !== undefined),
        breached: view.breached,
      };
      await caseLog({ caseId: c.id, actorId: actor.id, type: arrestEventType(input), data, at: now }, tx);
      return view;
    });
  }

  return { listArrests, arrests, recordArrest, updateArrest };
}
