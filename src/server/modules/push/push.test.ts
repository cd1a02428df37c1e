import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushPayload } from '../../../shared/contracts/push.js';
import { buildTestApp, loginAs, type SignedIn, type TestApp } from '../../../../test/helpers.js';
import { intake } from '../alerts/alerts.test-kit.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A browser: its P-256 key pair and auth secret, as `PushSubscription.toJSON()` gives them. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    authB64: auth.toString('base64url'),
  };
}

/** RFC 8291 / RFC 8188 (aes128gcm), written out independently of the library under test. */
function decrypt(body: Buffer, ua: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  const secret = ua.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ua.ecdh.getPublicKey(), asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, ua.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const d = createDecipheriv('aes-128-gcm', cek, nonce);
  d.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([d.update(record.subarray(0, record.length - 16)), d.final()]);
  let end = plain.length - 1;
  while (end > 0 && plain[end] === 0) end -= 1;
  expect(plain[end]).toBe(2); // the last record's padding delimiter
  return plain.subarray(0, end).toString('utf8');
}

/** Web Push (issue #19): VAPID, an end-to-end encrypted payload, and Acknowledge from the notification. */
describe('web push', () => {
  let t: TestApp;
  let duty: SignedIn;
  let service: Server;
  let base: string;
  const received: Received[] = [];
  const ua = browserKeys();

  beforeAll(async () => {
    // A fake push service over TLS (web-push speaks https only), with a certificate made for this run.
    const dir = mkdtempSync(path.join(tmpdir(), 'dharura-push-'));
    const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    service = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = req.url!.startsWith('/gone') ? 410 : 201;
        res.end();
      });
    });
    await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(service.address() as AddressInfo).port}`;
    t = await buildTestApp({ startJobs: true, config: { PUSH_CA_FILE: cert } });
    duty = await loginAs(t.app, 'duty_officer');
  }, 60_000);
  afterAll(async () => {
    await t.close();
    service.close();
  });

  const subscribe = (endpoint: string, keys = { p256dh: ua.p256dh, auth: ua.authB64 }) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/me/push',
      headers: duty.headers,
      payload: { endpoint, keys, label: 'Chromium on Android' },
    });

  it('makes VAPID keys once, seals the subscription, and refuses endpoints that are not https', async () => {
    const first = await t.app.inject({ url: '/api/me/push', headers: duty.headers });
    expect(first.statusCode).toBe(200);
    const { publicKey } = first.json() as { publicKey: string };
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    expect((await subscribe(`${base}/push/abc`)).statusCode).toBe(200);
    const again = (await t.app.inject({ url: '/api/me/push', headers: duty.headers })).json() as {
      publicKey: string;
      devices: unknown[];
    };
    expect(again.publicKey).toBe(publicKey);
    expect(again.devices).toHaveLength(1);
    const rows = await t.database.query<{ endpoint_enc: string; keys_enc: string }>(
      'select endpoint_enc, keys_enc from push_subscriptions',
    );
    expect(JSON.stringify(rows.rows)).not.toContain('/push/abc');
    expect(JSON.stringify(rows.rows)).not.toContain(ua.p256dh);
    const settings = await t.database.query<{ value: unknown }>(
      "select value from org_settings where key = 'push.vapid'",
    );
    expect(JSON.stringify(settings.rows[0]!.value)).not.toContain('privateKey"');
    const insecure = await subscribe('http://push.example.org/x');
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json()).toMatchObject({ error: { code: 'PUSH_ENDPOINT_INVALID' } });
    const bad = await subscribe(`${base}/push/abc`, { p256dh: 'short', auth: ua.authB64 });
    expect(bad.statusCode).toBe(400);
  });

  /** The payloads the fake push service received for the test browser, decrypted. */
  const payloads = () =>
    received
      .filter((r) => r.path.startsWith('/push/'))
      .map((r) => ({ ...r, payload: JSON.parse(decrypt(r.body, ua)) as PushPayload }));
  async function waitFor<T>(find: () => T | undefined, ms = 20_000): Promise<T> {
    for (const until = Date.now() + ms; Date.now() < until;) {
      const hit = find();
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('timed out');
  }

  it('sends a page alongside the rules, encrypted to the browser, with priority and an Acknowledge token', async () => {
    const c = await intake(t.app);
    const alert = (
      await t.database.query<{ id: string; number: number }>(
        'select id, number from alerts where case_id = $1',
        [c.id],
      )
    ).rows[0]!;
    const page = {
      userId: duty.userId,
      text: {
        en: `PAGE-1 P1 urgent report, reply ACK ${alert.number}`,
        sw: `PAGE-1 P1 jibu POKEA ${alert.number}`,
      },
      idempotencyKey: `test:${alert.id}`,
      alertId: alert.id,
      priority: 'P1',
    };
    const { notifier } = t.app.ctx.services;
    const res = await notifier.notifyUser(page);
    // The notification rules still carry the page (in-app at least): push is alongside, never instead.
    expect(res.messageIds.length).toBeGreaterThan(0);
    await notifier.notifyUser(page); // the same page again: nothing is sent twice
    const got = await waitFor(() => payloads().find((p) => p.payload.body.startsWith('PAGE-1')));
    expect(got.headers['content-encoding']).toBe('aes128gcm');
    expect(got.headers.urgency).toBe('high');
    expect(String(got.headers.authorization)).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(got.body.toString('latin1')).not.toContain('PAGE-1');
    expect(got.payload).toMatchObject({
      priority: 'P1',
      alertId: alert.id,
      lang: 'en',
      ackLabel: 'Acknowledge',
    });
    expect(got.payload.body).toContain(`ACK ${alert.number}`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(payloads().filter((p) => p.payload.body.startsWith('PAGE-1'))).toHaveLength(1);

    // The notification's button acknowledges as the duty officer, once.
    const token = got.payload.ackToken;
    const ack = await t.app.inject({ method: 'POST', url: '/api/push/ack', payload: { token } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toEqual({ acknowledged: true, number: alert.number });
    const after = await t.database.query<{ status: string; acknowledged_by: string }>(
      'select status, acknowledged_by from alerts where id = $1',
      [alert.id],
    );
    expect(after.rows[0]).toEqual({ status: 'acknowledged', acknowledged_by: duty.userId });
    const audit = await t.database.query<{ meta: { via?: string } }>(
      "select meta from audit_log where action = 'alert.acknowledged' and subject_id = $1",
      [alert.id],
    );
    expect(audit.rows[0]!.meta.via).toBe('push');
    const replay = await t.app.inject({ method: 'POST', url: '/api/push/ack', payload: { token } });
    expect(replay.statusCode).toBe(404);
    expect(replay.json()).toMatchObject({ error: { code: 'PUSH_TOKEN_INVALID' } });
  });

  it('pushes alerts only, and forgets a browser its push service says is gone', async () => {
    const { services } = t.app.ctx;
    await services.notifier.notifyUser({
      userId: duty.userId,
      text: { en: 'NOT-AN-ALERT sign-in warning', sw: 'NOT-AN-ALERT onyo' },
      idempotencyKey: 'test:not-alert',
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(payloads().filter((p) => p.payload.body.startsWith('NOT-AN-ALERT'))).toHaveLength(0);
    const other = browserKeys();
    expect(
      (await subscribe(`${base}/gone/1`, { p256dh: other.p256dh, auth: other.authB64 })).statusCode,
    ).toBe(200);
    const r = await services.push.send({
      userId: duty.userId,
      alertId: null,
      priority: 'P3',
      body: 'x',
      lang: 'sw',
    });
    expect(r).toEqual({ sent: 1, removed: 1 });
    const left = (await t.app.inject({ url: '/api/me/push', headers: duty.headers })).json() as {
      devices: unknown[];
    };
    expect(left.devices).toHaveLength(1);
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/push',
      headers: duty.headers,
      payload: { endpoint: `${base}/push/abc` },
    });
    expect(del.json()).toEqual({ removed: 1 });
  });

  it('needs a session to subscribe', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me/push' });
    expect(res.statusCode).toBe(401);
  });
});
