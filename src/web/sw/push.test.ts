import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushPayload } from '../../shared/contracts/push.js';
import { installPushHandlers, type PushScope } from './push.js';

const page: PushPayload = {
  title: 'Dharura P1',
  body: 'P1: ripoti ya dharura UA-7. Jibu POKEA 12',
  priority: 'P1',
  alertId: '0190a0b0-0000-7000-8000-000000000001',
  ackToken: 'tok_abcdefghijklmnopqrstuvwxyz',
  url: '/alerts',
  lang: 'sw',
  ackLabel: 'Pokea',
};

describe('service worker: push notifications', () => {
  // The Acknowledge button posts the token to the server the worker came from (a real HTTP server here).
  let server: ReturnType<typeof createServer>;
  let origin: string;
  const posted: { url: string; body: string; lang: string | undefined }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posted.push({ url: req.url!, body, lang: req.headers['accept-language'] });
        res.statusCode = 200;
        res.end('{"acknowledged":true,"number":12}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('shows the page (P1 rings and stays), acknowledges from the notification, opens the console on a click', async () => {
    const handlers: Record<string, (e: never) => void> = {};
    const shown: { title: string; options: Record<string, unknown> }[] = [];
    const opened: string[] = [];
    const scope: PushScope = {
      addEventListener: ((type: string, fn: (e: never) => void) =>
        (handlers[type] = fn)) as PushScope['addEventListener'],
      registration: { showNotification: async (title, options) => void shown.push({ title, options }) },
      clients: { matchAll: async () => [], openWindow: async (url) => void opened.push(url) },
      location: { origin },
    };
    const realFetch = globalThis.fetch;
    globalThis.fetch = ((input: string, init?: RequestInit) =>
      realFetch(new URL(input, origin), init)) as typeof fetch;
    try {
      installPushHandlers(scope);
      const waits: Promise<unknown>[] = [];
      handlers.push!({
        data: { json: () => page },
        waitUntil: (p: Promise<unknown>) => waits.push(p),
      } as never);
      await Promise.all(waits);
      // P1 rings and stays until touched, with an Acknowledge button in the reader's language.
      expect(shown[0]!.title).toBe('Dharura P1');
      expect(shown[0]!.options).toMatchObject({
        requireInteraction: true,
        silent: false,
        tag: page.alertId,
        lang: 'sw',
        actions: [{ action: 'ack', title: 'Pokea' }],
      });
      handlers.push!({
        data: { json: () => ({ ...page, priority: 'P4', ackToken: null }) },
        waitUntil: (p: Promise<unknown>) => waits.push(p),
      } as never);
      await Promise.all(waits);
      expect(shown[1]!.options).toMatchObject({ requireInteraction: false, actions: [] });
      shown.splice(1, 1);
      const data = shown[0]!.options.data;
      let closed = false;
      handlers.notificationclick!({
        action: 'ack',
        notification: { data, close: () => (closed = true) },
        waitUntil: (p: Promise<unknown>) => waits.push(p),
      } as never);
      await Promise.all(waits);
      expect(closed).toBe(true);
      expect(posted).toEqual([
        { url: '/api/push/ack', body: JSON.stringify({ token: page.ackToken }), lang: 'sw' },
      ]);
      expect(shown[1]!.title).toBe('Imepokelewa');
      handlers.notificationclick!({
        action: '',
        notification: { data, close: () => undefined },
        waitUntil: (p: Promise<unknown>) => waits.push(p),
      } as never);
      await Promise.all(waits);
      expect(opened).toEqual([`${origin}/alerts`]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
