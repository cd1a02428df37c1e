import type { Executor } from '../../db/client.js';
import { aadOf } from '../../security/aad.js';
import { createCaseLog } from '../cases/case-log.js';
import type { NetworkDeps } from './network.deps.js';
import type { ResponderRow } from './network.repo.js';
import type { Outgoing } from './network.views.js';

/** The AAD of a responder's sealed fields: `sealed('phone', r.id)` is `responders.phone:<id>`. */
export const sealedResponder = aadOf('responders');

/**
 * What every network use case shares: reading a responder's sealed name and phone, sending the SMS a
 * committed transaction decided, and the case log (timeline event + audit entry in one call).
 */
export function createNetworkKit(deps: Pick<NetworkDeps, 'vault' | 'messages' | 'log' | 'cases' | 'audit'>) {
  const { vault, messages, log } = deps;

  const nameOf = (r: ResponderRow, tx?: Executor) =>
    vault.decrypt(r.dataKeyId, r.nameEnc, sealedResponder('name', r.id), tx);
  const phoneOf = (r: ResponderRow, tx?: Executor) =>
    vault.decrypt(r.dataKeyId, r.phoneEnc, sealedResponder('phone', r.id), tx);

  /** Queue each SMS; one that fails is queued again by the sweep (same key), never silently lost. */
  async function send(out: readonly Outgoing[]): Promise<void> {
    for (const m of out) {
      try {
        await messages.enqueue({
          channel: 'sms',
          to: m.to,
          body: m.body,
          idempotencyKey: m.key,
          caseId: m.caseId,
        });
      } catch (err) {
        log.warn({ err: { message: (err as Error).message }, key: m.key }, 'network SMS not queued yet');
      }
    }
  }

  return { nameOf, phoneOf, send, caseLog: createCaseLog(deps) };
}
export type NetworkKit = ReturnType<typeof createNetworkKit>;
