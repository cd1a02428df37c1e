import { randomUUID } from 'node:crypto';
import type {
  InstitutionalResponseInput,
  InstitutionalResponseView,
} from '../../../shared/contracts/response.js';
import type { CaseRow } from '../../db/schema/index.js';
import { aadOf } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { notFuture, type ResponseDeps, type ResponseKit } from './response.shared.js';
import type { ResponseViews } from './response.views.js';

/**
 * The institutional response log (DESIGN §2.3): what the team asked of the police or another state
 * agency, and how it responded. Open from intake until after closure (see `acceptsWrites`). The
 * officer's name and the notes are sealed.
 */
export function createInstitutionalUseCases(
  deps: Pick<ResponseDeps, 'repo' | 'workflow'>,
  kit: ResponseKit,
  views: ResponseViews,
) {
  const { repo, workflow } = deps;
  const { write, caseLog, auditRead, seal } = kit;
  const sealed = aadOf('institutional_responses');

  const listInstitutional = async (c: CaseRow): Promise<InstitutionalResponseView[]> =>
    Promise.all((await repo.institutionalResponsesOf(c.id)).map((r) => views.institutionalView(c, r)));

  async function institutionalResponses(caseId: string, actor: Actor): Promise<InstitutionalResponseView[]> {
    const c = await workflow.loadForActor(caseId, actor);
    const list = await listInstitutional(c);
    await auditRead(c, actor, 'institutional_responses');
    return list;
  }

  function logInstitutionalResponse(
    caseId: string,
    actor: Actor,
    input: InstitutionalResponseInput,
  ): Promise<InstitutionalResponseView> {
    return write(caseId, actor, 'institutionalResponses', async (c, tx, now) => {
      notFuture(input.at, 'at', now);
      const id = randomUUID();
      const row = await repo.insertInstitutionalResponse(
        {
          id,
          caseId: c.id,
          agency: input.agency,
          station: input.station ?? null,
          officerEnc: await seal(c, input.officer, sealed('officer', id), tx),
          request: input.request,
          response: input.response,
          obNumber: input.obNumber ?? null,
          at: input.at ?? now,
          notesEnc: await seal(c, input.notes, sealed('notes', id), tx),
          createdBy: actor.id,
        },
        tx,
      );
      const data = {
        institutionalResponseId: id,
        agency: row.agency,
        request: row.request,
        response: row.response,
      };
      await caseLog(
        { caseId: c.id, actorId: actor.id, type: 'institutional_response.logged', data, at: now },
        tx,
      );
      return views.institutionalView(c, row, tx);
    });
  }

  return { listInstitutional, institutionalResponses, logInstitutionalResponse };
}
