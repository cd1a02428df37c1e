// Browser test of offline field use (issue #19) on the real `dharura demo`: a duty officer who is also
// a community responder, on a mission, sets an offline passcode, loses the network (CDP network
// emulation), records a check-in, a case note, an evidence photo and a new report; the outbox shows 4.
// The page is reloaded offline: the service worker serves the app shell; a wrong passcode is refused,
// the right one opens the console itself — her missions with the countdown, the mission's case, from
// the sealed store — and another check-in queues. The network returns; the first answers to a check-in
// and to the photo's chunk are dropped on the way back (the server did the work, the browser never
// heard); the outbox sends everything again with the same Idempotency-Keys, and the server has each
// write exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrfToken, nextTotp, scrollDownCase, useDemo } from './support.mjs';

// The inbound SMS callback answers only with its secret in the URL; the demo reads it from here.
const CALLBACK_SECRET = process.env.AT_CALLBACK_SECRET ?? 'e2e-offline-callback-secret-2026';
process.env.AT_CALLBACK_SECRET = CALLBACK_SECRET;

const { ctx, freshPage, signIn } = useDemo();
const url = (p) => new URL(p, ctx.demo.baseUrl).href;
const run = `${Date.now() % 1_000_000}`;
const ward = `Nyalenda ${run}`;
const noteText = `Reached the family at the market (offline note ${run})`;
const PASSCODE = `mwembe-${run}`;
// A 1×1 PNG: a real image the server accepts as evidence.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function apiCall(page, method, path, data) {
  const token = await csrfToken(page);
  const res = await page.request.fetch(url(path), {
    method,
    headers: { 'x-csrf-token': token, 'content-type': 'application/json' },
    data,
  });
  const body = await res.text();
  assert.ok(res.ok(), `${method} ${path}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : undefined;
}

/** The page offline or back online: for the page (CDP, as the issue asks) and its service worker. */
async function setOffline(context, cdp, offline) {
  await cdp.send('Network.emulateNetworkConditions', {
    offline,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await context.setOffline(offline);
}

/** The outbox's notice, in either language (the demo account's language is its own). */
const QUEUED = /Saved in the outbox|Kimehifadhiwa kwenye kikasha cha kutuma/;

const outboxCount = (page) => page.getByTestId('outbox-open').getAttribute('data-count');

test('offline: writes and a photo queue, a reload opens the console with the passcode, and each arrives exactly once', async () => {
  const context = await ctx.browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 800 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));

  // She is a duty officer and a community responder: the admin gives her the responder role too (so
  // My missions is hers), after re-authenticating.
  const account = ctx.demo.accounts.get('duty_officer');
  {
    const admin = await freshPage();
    await signIn(admin.page, 'admin');
    const adminAccount = ctx.demo.accounts.get('admin');
    await apiCall(admin.page, 'POST', '/api/auth/reauth', {
      password: adminAccount.password,
      code: await nextTotp(adminAccount.totpSecret),
    });
    const { users } = await (await admin.page.request.get(url('/api/users'))).json();
    const officer = users.find((u) => u.email === account.email);
    assert.ok(officer, 'the duty officer account');
    await apiCall(admin.page, 'PUT', `/api/users/${officer.id}/roles`, {
      roles: [...new Set([...officer.roles, 'responder'])],
    });
    await admin.close();
  }

  // Sign in (password, then the authenticator code).
  await page.goto(url('/'));
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('mfa-code').fill(await nextTotp(account.totpSecret));
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('user-name').waitFor({ state: 'attached' });

  // She is a responder too; a case in her ward; she is dispatched and says YES by SMS: a mission.
  const me = await (await page.request.get(url('/api/auth/me'))).json();
  const phone = `+2547${String(90_000_000 + (Number(run) % 9_999_999)).padStart(8, '0')}`;
  const responder = await apiCall(page, 'POST', '/api/network/responders', {
    name: `Wanjiru (offline e2e ${run})`,
    phone,
    userId: me.user.id,
    locale: 'en',
    areas: [{ county: 'Kisumu', subCounty: 'Kisumu Central', ward }],
    skills: ['escort'],
    cancelPin: '2468',
    duressPin: '1357',
  });
  const missionCase = await apiCall(page, 'POST', '/api/cases', {
    channel: 'hotline',
    narrative: `A defender in ${ward} needs an escort to the police station (offline e2e).`,
    violationTypes: ['attack_on_defender'],
    inDangerNow: true,
    county: 'Kisumu',
    subCounty: 'Kisumu Central',
    ward,
    reporter: { anonymous: true, locale: 'en' },
  });
  const dispatch = await apiCall(page, 'POST', `/api/cases/${missionCase.id}/dispatches`, {
    missionType: 'escort',
    responderIds: [responder.id],
    checkInMinutes: 30,
  });
  const sms = await page.request.post(url(`/api/channels/at/sms/${CALLBACK_SECRET}`), {
    form: {
      from: phone,
      to: '20880',
      text: `YES ${dispatch.number}`,
      date: new Date().toISOString(),
      id: `e2e-${run}`,
    },
  });
  assert.equal(sms.status(), 200, await sms.text());
  // The answer is handled by a job: wait for the mission.
  let missions = [];
  for (let i = 0; i < 40 && missions.length === 0; i++) {
    missions = (await (await page.request.get(url(`/api/cases/${missionCase.id}/dispatches`))).json())
      .missions;
    if (missions.length === 0) await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(missions.length, 1, 'the responder is on a mission');

  // The case page, online: the service worker installs and takes the page; the connection is live.
  await page.goto(url(`/cases/${missionCase.id}`));
  await scrollDownCase(page);
  const mission = page.getByTestId('dispatch-panel').getByTestId('mission').first();
  await mission.waitFor();
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return Boolean(reg.active && navigator.serviceWorker.controller);
  });
  assert.equal(await page.getByTestId('connection-state').getAttribute('data-state'), 'live');
  assert.equal(await outboxCount(page), '0');

  // Online, she sets an offline passcode (in the outbox panel): too short first, then a good one.
  await page.getByTestId('outbox-open').click();
  await page.getByTestId('passcode-new').fill('1234');
  await page.getByTestId('passcode-repeat').fill('1234');
  await page.getByTestId('passcode-save').click();
  await page.getByTestId('passcode-error').waitFor();
  await page.getByTestId('passcode-new').fill(PASSCODE);
  await page.getByTestId('passcode-repeat').fill(PASSCODE);
  await page.getByTestId('passcode-save').click();
  await page.getByTestId('passcode-set').waitFor();
  await page.getByTestId('outbox-open').click();
  // The field data was sealed when the console started: the mission's case among it.
  await page.waitForFunction(
    async (caseId) =>
      new Promise((resolve) => {
        const req = indexedDB.open('dharura-offline');
        req.onsuccess = () => {
          const keys = req.result.transaction('cache').objectStore('cache').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.includes(`/api/cases/${caseId}`));
          keys.onerror = () => resolve(false);
        };
        req.onerror = () => resolve(false);
      }),
    missionCase.id,
  );

  // The network goes.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await setOffline(context, cdp, true);
  await page.locator('[data-testid=connection-state][data-state=offline]').waitFor();
  assert.match(
    (await page.getByTestId('connection-state').textContent()) ?? '',
    /^(Connection: Offline|Muunganisho: Nje ya mtandao)$/,
  );

  // 1. A check-in for the responder, who called in.
  await mission.getByTestId('mission-check-in').click();
  await mission.getByTestId('check-in-location').fill('At Nyalenda market (offline e2e)');
  await mission.getByTestId('check-in-submit').click();
  await page.getByTestId('mission-checked-in').getByText(QUEUED).waitFor();
  // 2. A note on the case.
  await page.getByTestId('case-note-text').fill(noteText);
  await page.getByTestId('case-note-submit').click();
  await page.getByTestId('case-note-said').getByText(QUEUED).waitFor();
  // 3. An evidence photo: sealed into the outbox, bytes and all.
  await page.getByTestId('evidence-file').setInputFiles({
    name: `scene-${run}.png`,
    mimeType: 'image/png',
    buffer: PNG,
  });
  await page.getByTestId('evidence-send').click();
  await page.getByTestId('evidence-queued').waitFor();
  // 4. A new report (the form is opened in the page: a reload would need the network for the session).
  await page.evaluate(() => {
    window.history.pushState({}, '', '/cases/new');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.getByTestId('intake-form').waitFor();
  await page.getByTestId('intake-channel-hotline').check();
  await page.getByTestId('intake-narrative').fill(`Police beat protesters at ${ward} market (offline e2e).`);
  await page.getByTestId('intake-violation-protest_repression').check();
  await page.getByTestId('intake-county').selectOption('Kisumu');
  await page.getByTestId('intake-ward').fill(ward);
  await page.getByTestId('intake-anonymous').check();
  await page.getByTestId('intake-submit').click();
  await page.getByTestId('intake-queued').waitFor();

  // The outbox shows 4, each waiting.
  assert.equal(await outboxCount(page), '4');
  await page.getByTestId('outbox-open').click();
  const states = await page
    .getByTestId('outbox-item')
    .evaluateAll((lis) => lis.map((li) => `${li.dataset.kind}:${li.dataset.state}`));
  assert.deepEqual(states, ['check-in:queued', 'note:queued', 'photo:queued', 'report:queued']);

  // At rest in the browser, each write is sealed: the note's text is nowhere in the stored records.
  const stored = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('dharura-offline');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () =>
            resolve(
              all.result.map((r) => ({
                clear: JSON.stringify({ ...r, request: undefined }),
                sealed: new TextDecoder('latin1').decode(r.request.data),
                isBuffer: r.request.data instanceof ArrayBuffer,
                file: r.file ? new TextDecoder('latin1').decode(r.file.data) : null,
              })),
            );
        };
      }),
  );
  assert.equal(stored.length, 4);
  const photo = stored.find((r) => r.file !== null);
  assert.ok(photo, 'the photo is kept');
  assert.ok(!photo.file.includes('PNG') && !photo.file.includes('IHDR'), 'the photo is ciphertext');
  assert.ok(!photo.sealed.includes('scene-'), 'its file name is sealed');
  for (const r of stored) {
    assert.ok(r.isBuffer, 'the request is ciphertext');
    assert.ok(
      !r.clear.includes('offline note') && !r.sealed.includes('offline note'),
      'no note text at rest',
    );
    assert.ok(!r.sealed.includes(ward), 'no ward at rest');
  }

  // Reload, still offline: the app shell comes from the service worker; the outbox is still there,
  // and the console asks for the passcode.
  const reloaded = await page.reload();
  assert.ok(reloaded?.fromServiceWorker(), 'the page was served by the service worker');
  await page.locator('[data-testid=offline-shell][data-opening=passcode]').waitFor();
  assert.equal(await page.getByTestId('outbox').getAttribute('data-count'), '4');
  assert.equal(await page.getByTestId('outbox-item').count(), 4);
  // A wrong passcode opens nothing (and says how many tries are left).
  await page.getByTestId('offline-passcode').fill('not-the-passcode');
  await page.getByTestId('offline-unlock-submit').click();
  await page.getByTestId('offline-unlock-error').getByText(/4/).waitFor();
  await page.getByTestId('offline-passcode').fill(PASSCODE);
  await page.getByTestId('offline-unlock-submit').click();

  // The console itself, as her, offline: the badge says so; the outbox is the same.
  await page.getByTestId('user-name').waitFor({ state: 'attached' });
  assert.equal(await page.getByTestId('user-name').textContent(), me.user.displayName);
  await page.locator('[data-testid=connection-state][data-state=offline]').waitFor();
  assert.equal(await outboxCount(page), '4');
  // Her missions, from the sealed copy, with the countdown to the next check-in; she checks in again.
  await page.evaluate(() => {
    window.history.pushState({}, '', '/my-missions');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  const myMission = page.getByTestId('my-mission').first();
  await myMission.waitFor();
  await myMission.getByTestId('my-mission-countdown').waitFor();
  await myMission.getByTestId('my-mission-check-in').click();
  await page.getByTestId('my-missions-said').getByText(QUEUED).waitFor();
  assert.equal(await outboxCount(page), '5');
  // The case she is on, from the sealed copy.
  await page.evaluate((id) => {
    window.history.pushState({}, '', `/cases/${id}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, missionCase.id);
  await page.getByTestId('case-reference').waitFor();
  assert.equal(await page.getByTestId('case-reference').textContent(), missionCase.reference);

  // The first answer to come back is lost on the way (after the server did the work).
  let checkInRequests = 0;
  let dropped = false;
  await context.route('**/api/missions/*/check-in', async (route) => {
    checkInRequests += 1;
    if (!dropped) {
      dropped = true;
      const response = await route.fetch();
      assert.equal(response.status(), 200, 'the first attempt reached the server and was done');
      return route.abort('connectionreset');
    }
    return route.continue();
  });

  let chunkRequests = 0;
  let chunkDropped = false;
  await context.route('**/api/evidence/uploads/*', async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    chunkRequests += 1;
    if (!chunkDropped) {
      chunkDropped = true;
      const response = await route.fetch();
      assert.equal(response.status(), 200, 'the photo reached the server and was completed');
      return route.abort('connectionreset');
    }
    return route.continue();
  });

  // The network returns: the server confirms the session, and the outbox empties by itself.
  await setOffline(context, cdp, false);
  await page.getByTestId('user-name').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForFunction(
    () => document.querySelector('[data-testid=outbox-open]')?.getAttribute('data-count') === '0',
    undefined,
    { timeout: 60_000 },
  );
  assert.ok(dropped, 'a response was dropped');
  assert.ok(checkInRequests >= 3, `the check-in was sent again (${checkInRequests} tries)`);
  assert.ok(chunkDropped && chunkRequests >= 2, `the photo was sent again (${chunkRequests} tries)`);
  await page.locator('[data-testid=connection-state][data-state=live]').waitFor();

  // Exactly once each on the server.
  const detail = await (await page.request.get(url(`/api/cases/${missionCase.id}`))).json();
  const checkIns = detail.timeline.filter((e) => e.type === 'mission.check_in');
  assert.equal(checkIns.length, 2, 'two check-ins: one from the case page, one from My missions');
  const notes = detail.timeline.filter((e) => e.type === 'note.added');
  assert.equal(notes.length, 1, 'one note');
  assert.equal(notes[0].note, noteText);
  const evidence = await (await page.request.get(url(`/api/cases/${missionCase.id}/evidence`))).json();
  assert.deepEqual(
    evidence.evidence.map((e) => e.fileName),
    [`scene-${run}.png`],
    'the photo arrived once',
  );
  const queue = await (
    await page.request.get(url(`/api/cases?q=${encodeURIComponent(ward)}&limit=50`))
  ).json();
  const reports = queue.cases.filter((c) => c.id !== missionCase.id);
  assert.equal(reports.length, 1, `one new report (${JSON.stringify(queue.cases.map((c) => c.id))})`);

  // Signing out wipes what the browser kept for the session.
  await page.getByTestId('menu-button').click();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('login-form').waitFor();
  const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert.ok(!dbs.includes('dharura-offline'), `the offline store is gone after sign-out: ${dbs}`);

  await context.close();
  assert.deepEqual(problems, [], 'no script errors');
});
