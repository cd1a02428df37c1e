import type { z } from 'zod';
import type { ArrestCreateInput } from '../../../shared/contracts/response.js';
import type { IntakeInput } from '../../../shared/contracts/cases.js';
import type { registerInput, registerResult } from '../../../shared/contracts/events.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import type { CasesRepo } from '../cases/cases.repo.js';
import type { EventsManage } from './events.manage.js';

export interface RegisterDeps {
  db: Db;
  cases: Pick<CasesRepo, 'personsOf'>;
  events: Pick<EventsManage, 'load' | 'attachOne'>;
  /** Staff intake: a detainee without a case gets one (victim encrypted, clocks and alerts as any case). */
  intake: {
    receive(
      input: IntakeInput,
      actor: { userId: string | null; label: string },
    ): Promise<{ id: string; reference: string }>;
  };
  /** The response module's arrest use case: the arrest, its 24-hour clock and the case's timeline. */
  recordArrest(caseId: string, actor: Actor, input: ArrestCreateInput): Promise<{ id: string }>;
}

type Result = z.infer<typeof registerResult>['results'][number];

/**
 * The mass-arrest register of an event (DESIGN §2.7): detainees added fast, each an arrest recorded on
 * a case of the event through the response module, so each gets the 24-hour constitutional clock, its
 * alerts and its timeline exactly as a single arrest does. A detainee without a case gets a new staff
 * case (the name or description encrypted on it) attached to the event. One refusal does not stop the
 * others; each detainee is reported.
 */
export function createRegister(deps: RegisterDeps) {
  const { db, cases, events, intake, recordArrest } = deps;
  return async function addDetainees(
    eventId: string,
    input: z.infer<typeof registerInput>,
    actor: Actor,
  ): Promise<{ results: Result[] }> {
    const e = await events.load(eventId);
    const results: Result[] = [];
    for (const d of input.detainees) {
      let caseId: string | null = d.caseId ?? null;
      let caseReference: string | null = null;
      try {
        if (!d.name && !d.description && !d.caseId) {
          throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'name', message: 'required' }] });
        }
        if (!caseId) {
          const made = await intake.receive(
            {
              channel: 'staff',
              narrative: [`Arrest at ${d.policeStation} (${e.reference})`, d.description]
                .filter(Boolean)
                .join('. '),
              violationTypes: ['arbitrary_detention'],
              ...(e.county ? { county: e.county } : {}),
              ...(e.subCounty ? { subCounty: e.subCounty } : {}),
              ...(e.ward ? { ward: e.ward } : {}),
              inDangerNow: true,
              reporter: { anonymous: true, locale: 'en' },
              ...(d.name ? { victim: { name: d.name } } : {}),
            },
            { userId: actor.id, label: 'user' },
          );
          caseId = made.id;
          caseReference = made.reference;
        }
        const id = caseId;
        await db.transaction((tx) => events.attachOne(e, id, actor, tx));
        const victim = d.caseId ? undefined : (await cases.personsOf(id)).find((p) => p.role === 'victim');
        const arrest = await recordArrest(id, actor, {
          arrestedAt: d.arrestedAt,
          policeStation: d.policeStation,
          ...(d.obNumber ? { obNumber: d.obNumber } : {}),
          ...(victim ? { personId: victim.person.id } : {}),
        });
        results.push({ ok: true, caseId: id, caseReference, arrestId: arrest.id, error: null });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ ok: false, caseId, caseReference, arrestId: null, error: err.code });
      }
    }
    return { results };
  };
}
