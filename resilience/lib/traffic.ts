/**
 * Intake traffic: the public form (`POST /report`) and Africa's Talking's inbound SMS callback, from
 * concurrent closed-loop clients. Every 2xx is recorded with what identifies the report afterwards: the
 * reference on the thank-you page, or the gateway id of the SMS (the callback's reply is empty).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createFormTokens } from '../../src/server/modules/public/form-token.js';
import { countyNames } from '../../src/server/modules/public/locations.js';

export interface Ack {
  kind: 'form' | 'sms';
  /** Case reference (form) or the SMS's gateway id. */
  key: string;
  /** When the 2xx arrived (ms since the epoch). */
  at: number;
}

export interface TrafficStats {
  sent: number;
  acked: Ack[];
  /** Responses by status, for everything that was not a 2xx. */
  refused: Record<string, number>;
  /** Requests that got no response (connection refused or cut, timeouts). */
  noResponse: number;
  fiveXx: number;
  /** 2xx pages without a reference on them (the report's fate unknown to the reporter). */
  ackWithoutReference: number;
  /** When each request that got no 2xx ended (ms since the epoch): refusals and no-responses alike. */
  failedAt: number[];
}

export const NARRATIVE =
  'My brother was arrested at the Kawangware stage yesterday at about 6 pm by officers in a white ' +
  'pick-up. We went to the station this morning and they say he is not there. Please help us.';

export const randomPhone = () => `+2547${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/**
 * Form tokens are single use: every report needs its own. The harness mints them with the servers'
 * key (as `GET /report` would issue them), dated 5 s back so they are past the form's 3-second minimum.
 */
export function tokenMinter(blindIndexKeyBase64: string): () => string {
  const tokens = createFormTokens(Buffer.from(blindIndexKeyBase64, 'base64'), {
    now: () => new Date(Date.now() - 5000),
  });
  return () => tokens.issue();
}

export function formBody(token: string, danger: boolean): string {
  return new URLSearchParams({
    lang: 'en',
    danger: danger ? 'yes' : 'no',
    narrative: `${NARRATIVE} (${randomBytes(4).toString('hex')})`,
    violation: 'arbitrary_detention',
    county: countyNames[Math.floor(Math.random() * countyNames.length)]!,
    name: 'Wanjiku Kamau',
    phone: '0712 345 678',
    contact: 'Call after 6 pm',
    token,
  }).toString();
}

export function smsBody(): { id: string; body: string } {
  const id = `ATXid_resil_${randomUUID()}`;
  const body = new URLSearchParams({
    from: randomPhone(),
    to: '22384',
    text: `${NARRATIVE} ${randomBytes(3).toString('hex')}`,
    date: new Date().toISOString(),
    id,
    linkId: randomUUID(),
  }).toString();
  return { id, body };
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

export function newStats(): TrafficStats {
  return { sent: 0, acked: [], refused: {}, noResponse: 0, fiveXx: 0, ackWithoutReference: 0, failedAt: [] };
}

function refuse(stats: TrafficStats, status: number) {
  stats.failedAt.push(Date.now());
  stats.refused[status] = (stats.refused[status] ?? 0) + 1;
  if (status >= 500) stats.fiveXx += 1;
}

/** One public-form report; records the ack. */
export async function postForm(url: string, token: () => string, stats: TrafficStats): Promise<void> {
  stats.sent += 1;
  try {
    const r = await fetch(`${url}/report`, {
      method: 'POST',
      headers: form,
      body: formBody(token(), Math.random() < 0.3),
      signal: AbortSignal.timeout(30_000),
    });
    const html = await r.text();
    if (r.status < 200 || r.status > 299) return refuse(stats, r.status);
    // The reference, without the status-check secret the thank-you page shows after it.
    const ref = /class="ref">(UA-\d{4}-\d{5,})(?:-[A-Z0-9]{4})?</.exec(html)?.[1];
    if (ref) stats.acked.push({ kind: 'form', key: ref, at: Date.now() });
    else stats.ackWithoutReference += 1;
  } catch {
    stats.noResponse += 1;
    stats.failedAt.push(Date.now());
  }
}

/** One inbound SMS report through the gateway callback; records the ack. */
export async function postSms(url: string, secret: string, stats: TrafficStats): Promise<void> {
  stats.sent += 1;
  const { id, body } = smsBody();
  try {
    const r = await fetch(`${url}/api/channels/at/sms/${secret}`, {
      method: 'POST',
      headers: form,
      body,
      signal: AbortSignal.timeout(30_000),
    });
    await r.arrayBuffer();
    if (r.status >= 200 && r.status <= 299) stats.acked.push({ kind: 'sms', key: id, at: Date.now() });
    else refuse(stats, r.status);
  } catch {
    stats.noResponse += 1;
    stats.failedAt.push(Date.now());
  }
}

export interface Surge {
  stats: TrafficStats;
  /** Stop sending; resolves when every client has had its last answer (or error). */
  stop(): Promise<TrafficStats>;
}

/**
 * Closed-loop clients, half on the form and half on the SMS callback, spread over the given servers,
 * until stopped. `urls()` is asked before each request, so a restarted server can take over.
 */
export function surge(opts: {
  urls: () => string[];
  token: () => string;
  secret: string;
  connections: number;
}): Surge {
  const stats = newStats();
  let stopped = false;
  const clients = Array.from({ length: opts.connections }, async (_, i) => {
    let n = i;
    while (!stopped) {
      const urls = opts.urls();
      const url = urls[n++ % urls.length]!;
      if (i % 2 === 0) await postForm(url, opts.token, stats);
      else await postSms(url, opts.secret, stats);
    }
  });
  return {
    stats,
    async stop() {
      stopped = true;
      await Promise.all(clients);
      return stats;
    },
  };
}
