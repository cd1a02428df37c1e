import type { DocumentationView, EsfExport } from '../../../shared/contracts/documentation.js';
import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { arrestView } from '../response/arrest-clock.js';
import { createDocumentationKit, type DocumentationDeps } from './documentation.shared.js';
import { createDocumentationViews, type DocumentationRows } from './documentation.views.js';
import type { Locale } from '../../../shared/locale.js';
import { renderDossier } from './dossier.pdf.js';
import { toEsfExport } from './esf-export.js';
import { createRecordUseCases } from './records.service.js';

export type { DocumentationDeps, EvidenceList, EvidenceListItem } from './documentation.shared.js';

/**
 * Documentation of a case in the HURIDOCS Events Standard Formats (DESIGN §2.5): the ESF records and
 * their read, and the case dossier (PDF) for a lawyer or a court. People are pseudonyms everywhere
 * unless the dossier is asked for with the reveal step (permission `cases:reveal`, a recent
 * re-authentication and a reason), and that reveal is audited.
 */
export function createDocumentationService(deps: DocumentationDeps) {
  const { repo, cases, workflow, response, vault, clock } = deps;
  const kit = createDocumentationKit(deps);
  const views = createDocumentationViews(vault);
  const records = createRecordUseCases(deps, kit);

  async function rowsOf(c: CaseRow, tx?: Executor): Promise<DocumentationRows> {
    return {
      events: await repo.eventsOfCase(c.id, tx),
      people: await cases.personsOf(c.id, tx),
      acts: await repo.actsOf(c.id, tx),
      involvements: await repo.involvementsOf(c.id, tx),
      information: await repo.informationOf(c.id, tx),
      interventions: await repo.interventionsOf(c.id, tx),
      actions: await response.actionsOf(c.id, tx),
      institutional: await response.institutionalResponsesOf(c.id, tx),
    };
  }

  /** The case's documentation (audited read: sealed fields are opened). */
  async function documentation(caseId: string, actor: Actor): Promise<DocumentationView> {
    const c = await workflow.loadForActor(caseId, actor);
    const view = await views.build(c, await rowsOf(c));
    await kit.auditRead(c, actor, 'documentation');
    return view;
  }

  /**
   * The case dossier as PDF. Without `reveal` every person is a pseudonym; with it (the route checked
   * the permission, this checks a recent re-authentication) names are opened and the reveal is audited with the
   * people it exposed; the reason is sealed on the case's timeline, never in the audit log.
   */
  async function dossier(
    caseId: string,
    actor: Actor,
    reveal?: { reason: string; requireRecentAuth: () => void },
    locale: Locale = 'en',
  ): Promise<Buffer> {
    const c = await workflow.loadForActor(caseId, actor);
    // Need-to-know first (a case the actor may not see is a 404 either way), then the re-authentication.
    reveal?.requireRecentAuth();
    const now = clock.now();
    const rows = await rowsOf(c);
    const documentation = await views.build(c, rows);
    let identities: Map<string, string> | null = null;
    if (reveal) {
      identities = new Map();
      for (const { person } of rows.people) {
        const name = await vault.decryptOptional(
          person.dataKeyId,
          person.nameEnc,
          aad('persons', 'name', person.id),
        );
        if (name) identities.set(person.id, name);
      }
    }
    const evidence = deps.evidence ? await deps.evidence.evidenceOf(c.id) : null;
    const pdf = await renderDossier({
      reference: c.reference,
      status: c.status,
      generatedAt: now,
      generatedBy: `user ${actor.id}`,
      identities,
      revealReason: reveal?.reason ?? null,
      documentation,
      timeline: (await cases.events(c.id)).map((e) => ({ at: e.at, type: e.type })),
      custody: (await response.arrestsOf(c.id)).map((a) => arrestView(a, now)),
      evidence,
      locale,
    });
    await deps.db.transaction(async (tx) => {
      const data = { revealed: Boolean(reveal), people: identities ? [...identities.keys()] : [] };
      await kit.caseLog(
        {
          caseId: c.id,
          actorId: actor.id,
          type: reveal ? 'documentation.dossier_revealed' : 'documentation.dossier_exported',
          data,
          at: now,
          ...(reveal
            ? {
                noteEnc: await vault.encrypt(
                  c.dataKeyId,
                  reveal.reason,
                  aad('case_events', 'note', c.reference),
                  tx,
                ),
              }
            : {}),
        },
        tx,
      );
    });
    return pdf;
  }

  /** The HURIDOCS-compatible ESF export (minimised: pseudonyms, codes, no sealed text); audited. */
  async function exportEsf(caseId: string, actor: Actor): Promise<EsfExport> {
    const c = await workflow.loadForActor(caseId, actor);
    const view = await views.build(c, await rowsOf(c));
    await kit.auditRead(c, actor, 'esf_export');
    return toEsfExport(view, { reference: c.reference, exportedAt: clock.now() });
  }

  return { documentation, dossier, exportEsf, ...records };
}
export type DocumentationService = ReturnType<typeof createDocumentationService>;
