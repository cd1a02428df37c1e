import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Africa's Talking's SMS API on 127.0.0.1, for tests and local trials. It implements
 * `POST /version1/messaging` with the real form fields and response shape, records every request, and
 * can be told to fail: `500` (gateway error), `hang` (never answers — the client's timeout must fire),
 * or `invalid` (201 with recipient status 403 InvalidPhoneNumber).
 */
export type FakeMode = 'ok' | '500' | 'hang' | 'invalid';

export interface FakeRequest {
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
  /** What the fake did with it. */
  mode: FakeMode;
  /** The messageId it returned (ok mode). */
  messageId?: string;
}

export interface FakeAfricasTalking {
  url: string;
  apiKey: string;
  requests: FakeRequest[];
  /** Behaviour for requests after the scripted ones run out. */
  mode: FakeMode;
  /** Behaviours for the next requests, in order (then `mode`). */
  script(...modes: FakeMode[]): void;
  /** Requests that were answered successfully. */
  accepted(): FakeRequest[];
  /** Resolve once `n` requests arrived (rejects after `timeoutMs`). */
  waitForRequests(n: number, timeoutMs?: number): Promise<FakeRequest[]>;
  close(): Promise<void>;
}

export async function startFakeAfricasTalking(opts: { apiKey?: string } = {}): Promise<FakeAfricasTalking> {
  const apiKey = opts.apiKey ?? 'fake-at-api-key';
  const requests: FakeRequest[] = [];
  const scripted: FakeMode[] = [];
  const hung: ServerResponse[] = [];

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/version1/messaging') {
        res.writeHead(404).end();
        return;
      }
      if (req.headers.apikey !== apiKey) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('The supplied authentication is invalid');
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const mode = scripted.shift() ?? fake.mode;
      const record: FakeRequest = { headers: req.headers, form, mode };
      requests.push(record);
      if (mode === 'hang') {
        hung.push(res);
        return;
      }
      if (mode === '500') {
        json(res, 500, { error: 'Internal Server Error' });
        return;
      }
      const numbers = (form.to ?? '').split(',').filter(Boolean);
      if (mode === 'invalid') {
        json(res, 201, {
          SMSMessageData: {
            Message: 'Sent to 0/1 Total Cost: 0',
            Recipients: numbers.map((number) => ({
              statusCode: 403,
              number,
              status: 'InvalidPhoneNumber',
              cost: '0',
              messageId: 'None',
            })),
          },
        });
        return;
      }
      const recipients = numbers.map((number) => ({
        statusCode: 101,
        number,
        status: 'Success',
        cost: 'KES 0.8000',
        messageId: `ATXid_${randomBytes(16).toString('hex')}`,
      }));
      record.messageId = recipients[0]?.messageId;
      json(res, 201, {
        SMSMessageData: {
          Message: `Sent to ${recipients.length}/${numbers.length} Total Cost: KES ${(0.8 * recipients.length).toFixed(4)}`,
          Recipients: recipients,
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeAfricasTalking = {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    mode: 'ok',
    script(...modes) {
      scripted.push(...modes);
    },
    accepted: () => requests.filter((r) => r.mode === 'ok'),
    async waitForRequests(n, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (requests.length < n) {
        if (Date.now() > until) throw new Error(`fake gateway: ${requests.length} of ${n} requests arrived`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return requests.slice(0, n);
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
