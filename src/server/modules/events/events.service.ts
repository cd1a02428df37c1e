import type { Actor } from '../../security/policy.js';
import type { QueueQueryInput } from '../cases/case-views.js';
import { createBulk } from './bulk.js';
import { createEventsManage, type EventsDeps } from './events.manage.js';
import { createRegister, type RegisterDeps } from './register.js';

export interface EventsServiceDeps extends EventsDeps {
  queueIds(actor: Actor, q: QueueQueryInput, max: number): Promise<string[]>;
  userCanLead(userId: string): Promise<boolean>;
  intake: RegisterDeps['intake'];
  recordArrest: RegisterDeps['recordArrest'];
}

/** Events (one protest, many cases and victims) and the queue's bulk actions (DESIGN §2.5, §2.7). */
export function createEventsService(deps: EventsServiceDeps) {
  const manage = createEventsManage(deps);
  const bulk = createBulk({
    db: deps.db,
    cases: deps.cases,
    workflow: deps.workflow,
    queueIds: deps.queueIds,
    userCanLead: deps.userCanLead,
    events: manage,
    caseLog: deps.caseLog,
    audit: deps.audit,
    clock: deps.clock,
  });
  const addDetainees = createRegister({
    db: deps.db,
    cases: deps.cases,
    events: manage,
    intake: deps.intake,
    recordArrest: deps.recordArrest,
  });
  return { ...manage, bulk, addDetainees };
}
export type EventsService = ReturnType<typeof createEventsService>;
