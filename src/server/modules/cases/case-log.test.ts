import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../security/audit.js';
import { createCaseLog } from './case-log.js';
import type { NewCaseEvent } from './cases.repo.js';

function recording() {
  const events: NewCaseEvent[] = [];
  const audits: AuditEntry[] = [];
  const caseLog = createCaseLog({
    cases: { addEvent: async (e) => void events.push(e) },
    audit: { record: async (a) => audits.push(a) },
  });
  return { caseLog, events, audits };
}

const at = new Date('2026-03-01T10:00:00Z');

describe('caseLog', () => {
  it('writes the timeline event and the audit entry with the same type and payload', async () => {
    const { caseLog, events, audits } = recording();
    await caseLog({ caseId: 'c1', actorId: 'u1', type: 'arrest.recorded', data: { arrestId: 'a1' }, at });
    expect(events).toEqual([
      {
        caseId: 'c1',
        at,
        actorId: 'u1',
        actorLabel: 'user',
        type: 'arrest.recorded',
        data: { arrestId: 'a1' },
      },
    ]);
    expect(audits).toEqual([
      {
        actorId: 'u1',
        actorLabel: 'user',
        action: 'arrest.recorded',
        subjectType: 'case',
        subjectId: 'c1',
        meta: { arrestId: 'a1' },
      },
    ]);
  });

  it('carries a status change and an audit entry named apart from the event', async () => {
    const { caseLog, events, audits } = recording();
    await caseLog({
      caseId: 'c1',
      actorId: null,
      type: 'transition.close',
      fromStatus: 'active',
      toStatus: 'closed',
      data: { outcome: 'released' },
      noteEnc: null,
      audit: { action: 'case.close', meta: { from: 'active', to: 'closed' } },
      at,
    });
    expect(events[0]).toMatchObject({
      actorLabel: 'system',
      fromStatus: 'active',
      toStatus: 'closed',
      data: { outcome: 'released' },
      noteEnc: null,
    });
    expect(audits[0]).toMatchObject({ action: 'case.close', meta: { from: 'active', to: 'closed' } });
  });
});
