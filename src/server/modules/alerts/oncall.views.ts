import {
  policySnapshot,
  policyStep,
  rotationOverride,
  type PolicySnapshot,
  type PolicyStep,
  type RotationOverride,
} from '../../../shared/contracts/alerts.js';
import type { PolicyRow, RotationRow } from './oncall.repo.js';
import { builtinPolicy } from './defaults.js';

/* Policies and rotations as stored rows, as the engine reads them and as the console shows them. */

export function parseOverrides(raw: unknown): RotationOverride[] {
  if (!Array.isArray(raw)) return [];
  const out: RotationOverride[] = [];
  for (const o of raw) {
    const r = rotationOverride.safeParse(o);
    if (r.success) out.push(r.data);
  }
  return out;
}

export function parseSteps(raw: unknown): PolicyStep[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s) => {
    const r = policyStep.safeParse(s);
    return r.success ? [r.data] : [];
  });
}

export function rotationOf(row: RotationRow) {
  return {
    period: row.period,
    startsAt: row.startsAt,
    memberIds: row.memberIds,
    overrides: parseOverrides(row.overrides),
  };
}

export function rotationView(row: RotationRow) {
  return {
    id: row.id,
    name: row.name,
    period: row.period === 'daily' ? ('daily' as const) : ('weekly' as const),
    startsAt: row.startsAt.toISOString(),
    memberIds: row.memberIds,
    overrides: parseOverrides(row.overrides).map((o) => ({
      userId: o.userId,
      from: o.from.toISOString(),
      to: o.to.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

export function policyView(row: PolicyRow) {
  return {
    id: row.id,
    name: row.name,
    steps: parseSteps(row.steps),
    repeat: row.repeat,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The policy as an alert keeps it; a stored policy that no longer parses falls back to the default. */
export function snapshotOf(row: PolicyRow | undefined, name: string): PolicySnapshot {
  if (!row) return builtinPolicy(name);
  const parsed = policySnapshot.safeParse({
    id: row.id,
    name: row.name,
    steps: parseSteps(row.steps),
    repeat: row.repeat,
  });
  return parsed.success ? parsed.data : builtinPolicy(name);
}

/** Overrides as the rotation row stores them (ISO strings). */
export const toJsonOverrides = (list: RotationOverride[]) =>
  list.map((o) => ({ userId: o.userId, from: o.from.toISOString(), to: o.to.toISOString() }));
