import { createDispatchService } from './dispatch.service.js';
import { createMissionsService } from './missions.service.js';
import type { NetworkDeps } from './network.deps.js';
import { createNetworkKit } from './network.kit.js';
import { createOffers } from './offers.js';
import { createRepliesService } from './replies.service.js';
import { createRespondersService } from './responders.service.js';
import { createSosService } from './sos.service.js';
import { createWellbeingService } from './wellbeing.service.js';

export type { DispatchScheduler, NetworkDeps } from './network.deps.js';

/**
 * The community rapid response network (DESIGN §3): responders, dispatch with ranked offers by SMS,
 * missions with check-in clocks, defenders' SOS with cancel and duress PINs, and wellbeing. Each use
 * case lives in its own file; this composes them into the one service the routes, jobs and SMS hooks use.
 */
export function createNetworkService(deps: NetworkDeps) {
  const kit = createNetworkKit(deps);
  const responders = createRespondersService(deps, kit);
  const offers = createOffers(deps, kit);
  const dispatch = createDispatchService(deps, kit, offers);
  const missions = createMissionsService(deps, kit);
  const replies = createRepliesService(deps, kit, offers, missions);
  const sos = createSosService(deps, kit);
  const wellbeing = createWellbeingService(deps, kit);

  return {
    responders: { create: responders.create, update: responders.update, list: responders.list },
    proposals: dispatch.proposals,
    dispatch: dispatch.dispatch,
    replyDue: dispatch.replyDue,
    reply: replies.reply,
    caseNetwork: missions.caseNetwork,
    activeMissions: missions.activeMissions,
    myMissions: missions.myMissions,
    consoleCheckIn: missions.consoleCheckIn,
    /** For the workflow, when a case ends: its missions end and their responders are told. */
    endMissionsForCase: missions.endForCase,
    raiseSos: sos.raiseSos,
    sosFromPhone: sos.sosFromPhone,
    cancelSos: sos.cancelSos,
    cancelSosFromPhone: sos.cancelSosFromPhone,
    responderText: wellbeing.responderText,
    recordWellbeing: wellbeing.recordWellbeing,
    promptWellbeing: wellbeing.promptWellbeing,
    wellbeingView: wellbeing.wellbeingView,
    sweep: dispatch.sweep,
    reconcile: dispatch.reconcile,
    responderByPhone: responders.byPhone,
    responderByUser: responders.byUser,
    /** A staff account reachable by SMS at this phone: a defender even without a responder row. */
    staffByPhone: responders.staffByPhone,
  };
}
export type NetworkService = ReturnType<typeof createNetworkService>;
