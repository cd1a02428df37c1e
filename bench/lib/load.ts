import autocannon from 'autocannon';
import { percentile, round } from './util.js';

export interface LoadResult {
  requests: number;
  /** Responses with the expected status. */
  accepted: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  acceptedPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Filled in by the caller: the server's CPU use during the run, and the machine's load. */
  serverCpuCores?: number;
  serverCpuMsPerRequest?: number;
  loadAvg1m?: number;
}

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Different requests per call (e.g. a different case id each time). */
  nextPath?: () => string;
  /** A different body per request (e.g. a single-use form token in each). */
  nextBody?: () => string;
  connections: number;
  /** Replace `[<id>]` in the body with a unique id per request (e.g. a gateway message id). */
  idReplacement?: boolean;
  /** Open loop at this many requests per second in all (the "sustainable load" runs). */
  overallRate?: number;
  /** Seconds; or `amount` requests, whichever the caller gives. */
  durationS?: number;
  amount?: number;
}

/**
 * One closed-loop load run with autocannon against 127.0.0.1. Bounded: by duration, or by a request
 * count with a hard time cap.
 */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const started = Date.now();
  const opts: autocannon.Options = {
    url: spec.url,
    method: spec.method ?? 'GET',
    connections: spec.connections,
    headers: spec.headers ?? {},
    timeout: 10,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationS ?? 5 }),
    ...(spec.idReplacement ? { idReplacement: true } : {}),
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
  };
  if (spec.nextPath || spec.nextBody) {
    const { nextPath, nextBody } = spec;
    opts.requests = [
      {
        setupRequest: (req) => ({
          ...req,
          ...(nextPath ? { path: nextPath() } : {}),
          ...(nextBody ? { body: nextBody() } : {}),
        }),
      },
    ];
  }
  let cap: NodeJS.Timeout | undefined;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    // A hard cap on wall time whatever happens (a request-count run against a slow server).
    cap = setTimeout(() => instance.stop(), ((spec.durationS ?? 60) + 30) * 1000);
  });
  clearTimeout(cap);
  const durationS = (Date.now() - started) / 1000;
  const accepted = r['2xx'];
  // autocannon's latency histogram is in milliseconds.
  const lat = r.latency as unknown as Record<string, number>;
  return {
    requests: r.requests.total,
    accepted,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    durationS: round(r.duration, 2) ?? durationS,
    acceptedPerSec: round(accepted / (r.duration || durationS), 1) ?? 0,
    p50Ms: lat.p50 ?? NaN,
    p99Ms: lat.p99 ?? NaN,
    maxMs: lat.max ?? NaN,
  };
}

export interface TimedResult {
  requests: number;
  ok: number;
  failed: number;
  firstFailure?: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  perSec: number;
}

/**
 * `amount` requests, `concurrency` at a time, each timed on its own (exact percentiles, unlike a
 * histogram). Bounded by count and by `maxSeconds`.
 */
export async function timedRequests(opts: {
  amount: number;
  concurrency: number;
  maxSeconds: number;
  request: (i: number) => Promise<Response>;
}): Promise<TimedResult> {
  const times: number[] = [];
  let next = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const deadline = Date.now() + opts.maxSeconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (next < opts.amount && Date.now() < deadline) {
      const i = next++;
      const t = performance.now();
      try {
        const r = await opts.request(i);
        const body = await r.text();
        const ms = performance.now() - t;
        if (r.ok) times.push(ms);
        else {
          failed += 1;
          firstFailure ??= `${r.status} ${body.slice(0, 200)}`;
        }
      } catch (err) {
        failed += 1;
        firstFailure ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: times.length + failed,
    ok: times.length,
    failed,
    ...(firstFailure ? { firstFailure } : {}),
    p50Ms: round(percentile(times, 50), 1) ?? NaN,
    p95Ms: round(percentile(times, 95), 1) ?? NaN,
    p99Ms: round(percentile(times, 99), 1) ?? NaN,
    maxMs: round(Math.max(...times), 1) ?? NaN,
    perSec: round(times.length / elapsed, 1) ?? 0,
  };
}
