import type { StatementCreateInput, StatementUpdateInput } from '../../../shared/contracts/statements.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../security/policy.js';
import { createAppeals } from './appeals.js';
import { createDecisions } from './decisions.js';
import { createDrafts } from './drafts.js';
import type { StatementsDeps } from './statements.deps.js';
import type { StatementRow } from './statements.repo.js';
import { statementView, summaryView } from './statements.views.js';

/** Public statements (DESIGN §2.6): drafting, the identifying-details check, decisions, the public side. */
export function createStatementsService(deps: StatementsDeps) {
  const { repo } = deps;
  const drafts = createDrafts(deps);
  const decisions = createDecisions(deps);
  const appeals = createAppeals(deps);
  const view = async (s: StatementRow) => statementView(s, await repo.hitsOf(s.id));

  return {
    async list() {
      return { statements: (await repo.list(200)).map(summaryView) };
    },
    /** Urgent appeals: drafted like statements, then sent and tracked for a response (appeals.ts). */
    appeals,
    template: appeals.template,
    async get(id: string) {
      const s = await repo.findById(id);
      if (!s) throw new AppError('NOT_FOUND');
      return view(s);
    },
    create: async (actor: Actor, input: StatementCreateInput) => view(await drafts.create(actor, input)),
    update: async (id: string, actor: Actor, input: StatementUpdateInput) =>
      view(await drafts.update(id, actor, input)),
    check: async (id: string, actor: Actor) => view(await drafts.check(id, actor)),
    acceptHit: async (id: string, hitId: string, actor: Actor, reason: string) =>
      view(await drafts.acceptHit(id, hitId, actor, reason)),
    approve: async (id: string, actor: Actor) => view(await decisions.approve(id, actor)),
    publish: async (id: string, actor: Actor) => view(await decisions.publish(id, actor)),
    withdraw: async (id: string, actor: Actor) => view(await decisions.withdraw(id, actor)),
    /** The public side: published statements and the tombstones of withdrawn ones. */
    publicList: () => repo.listPublic(100),
    async publicBySlug(slug: string) {
      const s = await repo.findBySlug(slug);
      return s && s.kind === 'statement' && (s.status === 'published' || s.status === 'withdrawn')
        ? s
        : undefined;
    },
  };
}
export type StatementsService = ReturnType<typeof createStatementsService>;
