import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers.js';
import { cacheControl } from './app.js';

/** The console's static files on a slow line: precompressed bodies, immutable hashed assets. */
describe('static console assets', () => {
  let t: TestApp;
  let dir: string;
  const script = `console.log(${JSON.stringify('dharura '.repeat(400))});`;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dharura-web-'));
    mkdirSync(path.join(dir, 'assets'));
    const html = '<!doctype html><title>Dharura</title><div id="root"></div>';
    for (const [name, body] of [
      ['index.html', html],
      ['assets/index-AbCd1234.js', script],
    ] as const) {
      writeFileSync(path.join(dir, name), body);
      writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(body));
      writeFileSync(path.join(dir, `${name}.gz`), gzipSync(body));
    }
    t = await buildTestApp({ config: { WEB_DIR: dir } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the Brotli copy to a browser that accepts it, cached for a year', async () => {
    const res = await t.app.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    expect(res.rawPayload.length).toBeLessThan(script.length / 5);
  });

  it('sends gzip to a browser without Brotli, and the plain file to one without either', async () => {
    const gz = await t.app.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await t.app.inject({
      url: '/assets/index-AbCd1234.js',
      headers: { 'accept-encoding': '' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates the page itself, at its own address and at any console address', async () => {
    for (const url of ['/', '/cases/UA-2026-00001']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<div id="root">');
    }
  });

  it('compresses a large API answer and leaves a small one alone', async () => {
    const small = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    const big = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
  });

  it('tells hashed build assets from everything else', () => {
    expect(cacheControl('/srv/web/assets/CasePage-B7akyCtY.js')).toContain('immutable');
    expect(cacheControl('/srv/web/index.html')).toBe('no-cache');
    expect(cacheControl('/srv/web/assets/favicon.svg')).toBe('no-cache');
  });
});
