/**
 * The fake Africa's Talking (src/server/channels/testing) behind a proxy that can hold requests, in a
 * process of its own, so its timing does not depend on the harness (which opens PGlite in-process for
 * its checks and can block its event loop for seconds). Run as a script it prints one JSON line with
 * its URLs and takes orders on the control URL; `startGateway()` is the harness's side.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  startFakeAfricasTalking,
  type FakeMode,
} from '../../src/server/channels/testing/fake-africastalking.js';

export interface GatewayRequest {
  mode: FakeMode;
  messageId?: string;
}

export interface GatewayState {
  requests: GatewayRequest[];
  /** Message ids the gateway accepted after the caller had given up waiting (its timeout fired). */
  acceptedAfterGiveUp: string[];
}

export interface GatewayOrder {
  mode?: FakeMode;
  delayMs?: number;
  script?: FakeMode[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function serve(): Promise<void> {
  const fake = await startFakeAfricasTalking();
  let delayMs = 0;
  const acceptedAfterGiveUp: string[] = [];

  // The proxy: holds each request for `delayMs`, then passes it on; notes answers nobody waited for.
  const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) gone = true;
    });
    void (async () => {
      const body = await readBody(req);
      await sleep(delayMs);
      try {
        const up = await fetch(`${fake.url}${req.url}`, {
          method: req.method ?? 'POST',
          headers: {
            apikey: String(req.headers.apikey ?? ''),
            'content-type': String(req.headers['content-type'] ?? ''),
            accept: 'application/json',
          },
          body: new Uint8Array(body),
          signal: AbortSignal.timeout(30_000),
        });
        const answer = Buffer.from(await up.arrayBuffer());
        if (gone) {
          const ids = [...answer.toString('utf8').matchAll(/"messageId":"(ATXid_[0-9a-f]+)"/g)].map(
            (m) => m[1]!,
          );
          acceptedAfterGiveUp.push(...ids);
          return;
        }
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/plain' });
        res.end(answer);
      } catch {
        res.destroy();
      }
    })();
  });

  const control = createServer((req, res) => {
    void (async () => {
      if (req.method === 'POST') {
        const order = JSON.parse((await readBody(req)).toString('utf8') || '{}') as GatewayOrder;
        if (order.mode) fake.mode = order.mode;
        if (order.delayMs !== undefined) delayMs = order.delayMs;
        if (order.script) fake.script(...order.script);
      }
      const state: GatewayState = {
        requests: fake.requests.map((r) => ({
          mode: r.mode,
          ...(r.messageId ? { messageId: r.messageId } : {}),
        })),
        acceptedAfterGiveUp,
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(state));
    })();
  });

  const [url, controlUrl] = [await listen(proxy), await listen(control)];
  process.stdout.write(`${JSON.stringify({ url, apiKey: fake.apiKey, controlUrl })}\n`);
  const stop = () => {
    proxy.closeAllConnections();
    control.closeAllConnections();
    void fake.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export interface Gateway {
  /** Where the server's Africa's Talking adapter points (the proxy). */
  url: string;
  apiKey: string;
  order(o: GatewayOrder): Promise<GatewayState>;
  state(): Promise<GatewayState>;
  close(): Promise<void>;
}

/** Start the fake gateway in its own process. */
export async function startGateway(): Promise<Gateway> {
  const self = fileURLToPath(import.meta.url);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', self], {
    cwd: path.resolve(path.dirname(self), '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake gateway exited (${code}) before it was up`)));
  });
  const { url, apiKey, controlUrl } = JSON.parse(first) as {
    url: string;
    apiKey: string;
    controlUrl: string;
  };
  const call = async (o?: GatewayOrder): Promise<GatewayState> => {
    const r = await fetch(controlUrl, {
      method: o ? 'POST' : 'GET',
      ...(o ? { body: JSON.stringify(o), headers: { 'content-type': 'application/json' } } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    return (await r.json()) as GatewayState;
  };
  return {
    url,
    apiKey,
    order: (o) => call(o),
    state: () => call(),
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
    },
  };
}

/** Accepted (status 101) requests' message ids. */
export const acceptedIds = (s: GatewayState): string[] =>
  s.requests.filter((r) => r.mode === 'ok' && r.messageId).map((r) => r.messageId!);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await serve();
