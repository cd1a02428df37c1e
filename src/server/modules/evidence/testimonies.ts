import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { testimonyInput, TestimonyView } from '../../../shared/contracts/evidence.js';
import { AppError } from '../../errors.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import { requireNotShredded } from '../../security/vault.js';
import type { EvidenceDeps, EvidenceKit } from './evidence.shared.js';
import type { EvidenceViews } from './evidence.views.js';

/** Client clocks drift: a time "now" from a phone may be a little ahead of the server. */
const SKEW_MS = 5 * 60_000;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });

/**
 * Testimonies (DESIGN §2.5): a statement taken by staff — written, or a recording already in the case's
 * vault — with who took it, when, in which language, and the consent given for its use (internal, court,
 * or public once redacted). The text is sealed under the case's data key; the timeline and the audit get
 * ids and codes only.
 */
export function createTestimonyUseCases(deps: EvidenceDeps, kit: EvidenceKit, views: EvidenceViews) {
  const { db, repo, workflow, vault, cases, audit, clock } = deps;

  async function record(
    caseId: string,
    actor: Actor,
    input: z.output<typeof testimonyInput>,
  ): Promise<TestimonyView> {
    return db
      .transaction(async (tx) => {
        await workflow.loadForActor(caseId, actor, tx);
        const c = await cases.lockCase(caseId, tx);
        if (!c) throw new AppError('NOT_FOUND');
        const now = clock.now();
        if (input.recordedAt && input.recordedAt.getTime() > now.getTime() + SKEW_MS)
          throw invalid('recordedAt', 'cannot be in the future');
        if (input.evidenceId) {
          const e = await repo.item(input.evidenceId, tx);
          if (!e || e.item.caseId !== c.id) throw invalid('evidenceId', 'is not evidence of this case');
          if (input.medium !== 'text' && e.item.kind !== input.medium)
            throw invalid('evidenceId', `is not a ${input.medium} recording`);
        }
        if (input.personId && !(await repo.personOnCase(c.id, input.personId, tx)))
          throw invalid('personId', 'is not a person on this case');
        const id = randomUUID();
        const row = await repo.insertTestimony(
          {
            id,
            caseId: c.id,
            personId: input.personId ?? null,
            textEnc: await vault.encryptOptional(
              c.dataKeyId,
              input.text?.trim() || null,
              aad('testimonies', 'text', id),
              tx,
            ),
            recordedBy: actor.id,
            recordedAt: input.recordedAt ?? now,
            medium: input.medium,
            evidenceId: input.evidenceId ?? null,
            language: input.language,
            consent: input.consent,
          },
          tx,
        );
        await kit.caseLog(
          {
            caseId: c.id,
            actorId: actor.id,
            type: 'testimony.recorded',
            data: {
              testimonyId: id,
              medium: input.medium,
              consent: input.consent,
              evidenceId: input.evidenceId ?? null,
            },
            at: now,
          },
          tx,
        );
        const recorderName = null;
        return views.testimonyView(c, { testimony: row, recorderName });
      })
      .catch(requireNotShredded);
  }

  /** A case's testimonies, opened: a read of sensitive fields, audited like the case page. */
  async function list(caseId: string, actor: Actor): Promise<TestimonyView[]> {
    const c = await workflow.loadForActor(caseId, actor).catch(requireNotShredded);
    const rows = await repo.testimoniesOfCase(c.id);
    const out = await Promise.all(rows.map((r) => views.testimonyView(c, r)));
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'testimonies.read',
      subjectType: 'case',
      subjectId: c.id,
      meta: { count: out.length },
    });
    return out;
  }

  return { record, list };
}
