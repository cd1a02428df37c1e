import type { PlaceBody } from '../../../shared/contracts/cases.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { Audit } from '../../security/audit.js';
import type { Actor } from '../../security/policy.js';
import { createCaseLog } from './case-log.js';
import type { CasesRepo } from './cases.repo.js';
import { isValidPlace } from './triage/place.js';
import type { WorkflowService } from './workflow.service.js';

/**
 * A case's place (county, sub-county, ward), corrected after intake: what the reporter or the triage
 * reading gave is often incomplete or wrong. Checked against the locations data set, compare-and-set on
 * the case's version, and logged on the timeline and in the audit (old and new place: coarse areas,
 * not personal data; the exact place stays encrypted and is not touched here).
 */
export function createCasePlace(deps: {
  db: Db;
  cases: CasesRepo;
  audit: Audit;
  workflow: WorkflowService;
  clock: Clock;
}) {
  const { db, cases, audit, workflow, clock } = deps;
  const caseLog = createCaseLog({ cases, audit });

  return async function setPlace(caseId: string, input: PlaceBody, actor: Actor) {
    const place = {
      county: input.county ?? null,
      subCounty: input.subCounty ?? null,
      ward: input.ward ?? null,
    };
    if (!isValidPlace(place)) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [
          { path: place.ward ? 'ward' : place.subCounty ? 'subCounty' : 'county', message: 'unknown_place' },
        ],
      });
    }
    return db.transaction(async (tx) => {
      const c = await workflow.loadForActor(caseId, actor, tx);
      if (input.expectedVersion !== undefined && input.expectedVersion !== c.version)
        throw new AppError('CONFLICT');
      const from = { county: c.county, subCounty: c.subCounty, ward: c.ward };
      if (from.county === place.county && from.subCounty === place.subCounty && from.ward === place.ward) {
        return { id: c.id, ...place, version: c.version };
      }
      const updated = await cases.updateGuarded(c.id, { status: c.status, version: c.version }, place, tx);
      if (!updated) throw new AppError('CONFLICT');
      await caseLog(
        {
          caseId: c.id,
          at: clock.now(),
          actorId: actor.id,
          type: 'place.changed',
          data: { from, to: place },
        },
        tx,
      );
      return { id: c.id, ...place, version: updated.version };
    });
  };
}
