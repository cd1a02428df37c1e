// Browser test of the console's idle timeout (issue #19, docs/adr/0011) on the real `dharura demo`,
// started with a one-minute session idle timeout: a duty officer signs in and sets an offline
// passcode; the network goes and she does nothing. After the idle timeout the console wipes what it
// kept — the sealed store, the passcode-wrapped key — and loads afresh: the offline page has nothing
// to unlock. When the network returns, the session is over and the sign-in page shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDemo } from './support.mjs';

process.env.SESSION_IDLE_MINUTES = '1';
const { freshPage, signIn } = useDemo();
const PASSCODE = 'idle-test-passcode';

const keptStores = (page) =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'dharura-offline')) return null;
    return new Promise((resolve, reject) => {
      const req = indexedDB.open('dharura-offline');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const names = [...db.objectStoreNames];
        if (!names.includes('meta')) return resolve({ meta: [], cache: [] });
        const tx = db.transaction(['meta', 'cache']);
        const meta = tx.objectStore('meta').getAllKeys();
        const cache = tx.objectStore('cache').getAllKeys();
        tx.oncomplete = () => resolve({ meta: meta.result, cache: cache.result });
      };
    });
  });

test('offline and idle past the timeout: the sealed store and its key are wiped, then the sign-in page', async () => {
  // (Not the helper's close(): without a network the browser logs every failed request as an error.)
  const { page, context } = await freshPage('/');
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await signIn(page, 'duty_officer');
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return Boolean(reg.active && navigator.serviceWorker.controller);
  });
  await page.getByTestId('outbox-open').click();
  await page.getByTestId('passcode-new').fill(PASSCODE);
  await page.getByTestId('passcode-repeat').fill(PASSCODE);
  await page.getByTestId('passcode-save').click();
  await page.getByTestId('passcode-set').waitFor();
  const before = await keptStores(page);
  assert.ok(before?.meta.includes('passcode'), `the passcode-wrapped key is kept: ${JSON.stringify(before)}`);
  assert.ok(before.cache.includes('session'), 'the session is kept, sealed');

  await context.setOffline(true);
  await page.locator('[data-testid=connection-state][data-state=offline]').waitFor();
  const idleFrom = Date.now();
  // Nobody touches the phone. Within the timeout (1 min) plus one check (15 s), the console wipes and
  // loads afresh from the service worker: the offline page, with nothing to unlock.
  await page.locator('[data-testid=offline-shell][data-opening=outbox]').waitFor({ timeout: 120_000 });
  const waited = Date.now() - idleFrom;
  assert.ok(waited >= 55_000, `not before the idle timeout (${waited} ms)`);
  assert.equal(await page.getByTestId('offline-unlock').count(), 0, 'no passcode form');
  const after = await keptStores(page);
  assert.ok(!after?.meta.includes('passcode'), `the wrapped key is gone: ${JSON.stringify(after)}`);
  assert.ok(!after?.cache.includes('session'), 'the kept session is gone');
  assert.equal(await page.getByTestId('outbox').getAttribute('data-count'), '0');

  // The network returns: the server's session timed out too; the sign-in page.
  await context.setOffline(false);
  await page.getByTestId('login-form').waitFor({ timeout: 30_000 });
  await context.close();
  assert.deepEqual(problems, [], 'no script errors');
});
