import type { Check } from './checks.js';

export type Mode = 'quick' | 'full';

export interface Profile {
  mode: Mode;
  /** Crash: clients in the surge, and how long it runs before kill -9. */
  crashConnections: number;
  crashKillAfterMs: number;
  /** Crash: how long the surge goes on against the restarted server. */
  crashAfterRestartMs: number;
  /** Two instances: clients and surge length. */
  twoConnections: number;
  twoSurgeMs: number;
  /** Two instances: arm one-minute acknowledge clocks and wait for them (and their alerts) too. */
  twoWithClocks: boolean;
  /** Fuzz: requests and concurrent clients. */
  fuzzRequests: number;
  fuzzConnections: number;
  /** Gateway outage: reports per phase (down, hanging, slow, flaky). */
  gatewayReportsPerPhase: number;
  /** Database failover: clients in the surge, how long it runs before the primary is killed, how long
   * the failover manager takes to decide (kill → `pg_ctl promote`), and how long the surge goes on once
   * the app answers again. */
  failoverConnections: number;
  failoverKillAfterMs: number;
  failoverDetectMs: number;
  failoverAfterRecoveryMs: number;
  /** A timer that has not fired this long after it was due (or the server came back) is lost. */
  timerGraceMs: number;
  /** How long a message backlog that is still shrinking may take to drain past the deadline. */
  drainCapMs: number;
}

export const profiles: Record<Mode, Profile> = {
  quick: {
    mode: 'quick',
    crashConnections: 8,
    crashKillAfterMs: 6000,
    crashAfterRestartMs: 2000,
    twoConnections: 6,
    twoSurgeMs: 4000,
    twoWithClocks: false,
    fuzzRequests: 5000,
    fuzzConnections: 12,
    gatewayReportsPerPhase: 4,
    failoverConnections: 6,
    failoverKillAfterMs: 3000,
    failoverDetectMs: 1000,
    failoverAfterRecoveryMs: 2000,
    timerGraceMs: 90_000,
    drainCapMs: 3 * 60_000,
  },
  full: {
    mode: 'full',
    crashConnections: 16,
    crashKillAfterMs: 15_000,
    crashAfterRestartMs: 5000,
    twoConnections: 16,
    twoSurgeMs: 20_000,
    twoWithClocks: true,
    fuzzRequests: 100_000,
    fuzzConnections: 16,
    gatewayReportsPerPhase: 20,
    failoverConnections: 16,
    failoverKillAfterMs: 15_000,
    failoverDetectMs: 3000,
    failoverAfterRecoveryMs: 10_000,
    timerGraceMs: 90_000,
    drainCapMs: 20 * 60_000,
  },
};

export interface ScenarioResult {
  name: string;
  ok: boolean;
  seconds: number;
  /** Headline numbers for the summary. */
  numbers: Record<string, number | string>;
  checks: Check[];
  /** The scenario could not run to the end (its own failure, not a finding). */
  error?: string;
}

export function result(
  name: string,
  startedAt: number,
  numbers: ScenarioResult['numbers'],
  checks: Check[],
): ScenarioResult {
  return {
    name,
    ok: checks.length > 0 && checks.every((c) => c.ok),
    seconds: Math.round((Date.now() - startedAt) / 1000),
    numbers,
    checks,
  };
}
