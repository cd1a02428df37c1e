import { describe, expect, it } from 'vitest';
import { defaultPriorityRules } from '../../../shared/workflow.js';
import type { Executor } from '../../db/client.js';
import type { CaseRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import {
  acknowledge,
  approve,
  close,
  markDuplicate,
  transitionEffects,
  type EffectDeps,
  type TransitionContext,
} from './workflow.effects.js';

const now = new Date('2026-03-01T10:00:00Z');
const tx = {} as Executor;

function fakeDeps(opts: { allowSelfApproval?: boolean; cases?: Record<string, CaseRow> } = {}) {
  const calls: string[] = [];
  const deps: EffectDeps = {
    cases: {
      async addMember(caseId, userId, role) {
        calls.push(`member ${userId} ${role}`);
      },
      async findById(id) {
        return opts.cases?.[id];
      },
      async addEvent(e) {
        calls.push(`event ${e.caseId} ${e.type}`);
      },
    },
    vault: { encrypt: async () => 'sealed' },
    clocks: {
      async meet(_caseId, kind) {
        calls.push(`meet ${kind}`);
      },
      async arm(_caseId, kind) {
        calls.push(`arm ${kind}`);
        return undefined as never;
      },
      async armAssessed() {
        calls.push('armAssessed');
      },
    },
    escalations: {
      async request(req) {
        calls.push(`escalate ${req.reason}`);
      },
    },
    settings: {
      allowSelfApproval: async () => opts.allowSelfApproval ?? false,
      priorityRules: async () => defaultPriorityRules,
      assertCurrentViolationTypes: async () => undefined,
    },
  };
  return { deps, calls };
}

function ctxFor(
  c: Partial<CaseRow>,
  roles: string[],
  body: TransitionContext['body'] = {},
): TransitionContext {
  return {
    c: { id: 'case-1', reference: 'UA-2026-00001', leadUserId: null, flags: [], ...c } as CaseRow,
    actor: { id: 'user-1', roles },
    body,
    now,
    tx,
    details: {},
    set: {},
    eventData: {},
    after: [],
  };
}

describe('workflow effects', () => {
  it('every step with side effects has one, and a plain step has none', () => {
    expect(Object.keys(transitionEffects).sort()).toEqual(
      [
        'acknowledge',
        'approve',
        'assess',
        'close',
        'decline',
        'escalate_decision',
        'mark_duplicate',
        'reopen',
        'request_decision',
      ].sort(),
    );
  });

  it('acknowledge makes the screener lead and meets the acknowledge clock', async () => {
    const { deps, calls } = fakeDeps();
    const ctx = ctxFor({}, ['duty_officer']);
    await acknowledge(ctx, deps);
    expect(ctx.set).toEqual({ acknowledgedAt: now, leadUserId: 'user-1' });
    expect(calls).toEqual(['member user-1 lead', 'meet acknowledge']);
  });

  it('approve: a duty officer fast-paths a P1 only, with a retrospective review after the commit', async () => {
    const { deps, calls } = fakeDeps();
    const p2 = ctxFor({}, ['duty_officer']);
    p2.details.assessment = { priority: 'P2', assessorId: 'someone' } as never;
    await expect(approve(p2, deps)).rejects.toMatchObject({ code: 'SEGREGATION_OF_DUTIES' });

    const p1 = ctxFor({}, ['duty_officer']);
    p1.details.assessment = { priority: 'P1', assessorId: 'someone' } as never;
    await approve(p1, deps);
    expect(p1.eventData).toEqual({ fastPath: true });
    expect(p1.details.decision?.retrospectiveReviewDue).toBe('2026-03-02T10:00:00.000Z');
    expect(calls).toEqual(['member user-1 approver', 'meet decision']);
    for (const fn of p1.after) await fn();
    expect(calls.at(-1)).toBe('arm retrospective_review');
  });

  it('approve: an approver may not approve their own P2 assessment unless allowed', async () => {
    const own = () => {
      const ctx = ctxFor({}, ['approver']);
      ctx.details.assessment = { priority: 'P2', assessorId: 'user-1' } as never;
      return ctx;
    };
    await expect(approve(own(), fakeDeps().deps)).rejects.toBeInstanceOf(AppError);
    await expect(approve(own(), fakeDeps({ allowSelfApproval: true }).deps)).resolves.toBeUndefined();
  });

  it('mark_duplicate needs an existing other case, recorded by reference', async () => {
    const original = { id: 'case-0', reference: 'UA-2026-00000' } as CaseRow;
    const { deps, calls } = fakeDeps({ cases: { 'case-0': original } });
    await expect(markDuplicate(ctxFor({}, ['duty_officer'], {}), deps)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const ctx = ctxFor({}, ['duty_officer'], { duplicateOf: 'case-0' });
    await markDuplicate(ctx, deps);
    expect(ctx.set).toEqual({ duplicateOf: 'case-0' });
    expect(ctx.eventData).toEqual({ duplicateOf: 'UA-2026-00000' });
    // The surviving case's timeline links back to the duplicate (after the update, same transaction).
    for (const f of ctx.after) await f();
    expect(calls).toContain('event case-0 duplicate.merged');
  });

  it('close records the outcome', async () => {
    const ctx = ctxFor({}, ['duty_officer'], { closure: { reason: 'done', outcome: 'released' } });
    await close(ctx, fakeDeps().deps);
    expect(ctx.set).toEqual({ closedAt: now });
    expect(ctx.details.closure).toEqual({ outcome: 'released', at: now.toISOString() });
  });
});
