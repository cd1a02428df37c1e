// The field parts of documentation on a 360 px phone, on the real `dharura demo` (issue #16): on a case
// attached to an event, add an act, a perpetrator (a person, then their involvement in the act) and
// upload a photo (a small JPEG), first in English, then in Kiswahili. No page scrolls sideways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { csrfToken, htmlLang, nextTotp, scrollDownCase, useDemo, switchLanguage, text } from './support.mjs';

const PHONE = { width: 360, height: 740 };
const { ctx, freshPage } = useDemo();

/** The support's sign-in, on a phone: the user's name sits in the closed menu, so wait for the menu. */
async function signInOnPhone(page, role) {
  const account = ctx.demo.accounts.get(role);
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('mfa-code').fill(await nextTotp(account.totpSecret));
  await page.getByTestId('mfa-submit').click();
  await page.getByTestId('menu-button').waitFor();
}

/** On a phone the language switch is in the menu. */
async function languageOnPhone(page, lng) {
  if ((await htmlLang(page)) === lng) return;
  await page.getByTestId('menu-button').click();
  await switchLanguage(page, lng);
}

/** The case page's overflows, checked by their own (todo) test below: the upload itself is not blocked. */
const casePageOverflow = [];

const noSideScroll = async (page, where, { soft = false } = {}) => {
  const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
  // What sticks out, to say where to look when it fails.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > 361 && el.children.length === 0)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}#${el.id}[${el.getAttribute('data-testid')}]`),
  );
  const message = `${where}: the page is ${width} px wide at a 360 px viewport: ${wide.join(', ')}`;
  if (soft && width > 360) casePageOverflow.push(message);
  else assert.ok(width <= 360, message);
};

/** A case with a named victim, attached to a new event, through the API (the set-up, not the test). */
async function caseOnEvent(page, label) {
  const url = (p) => new URL(p, ctx.demo.baseUrl).href;
  const headers = { 'x-csrf-token': await csrfToken(page), 'content-type': 'application/json' };
  const created = await page.request.post(url('/api/cases'), {
    headers,
    data: {
      channel: 'hotline',
      narrative: `Protesters beaten and arrested at the ${label} market by police officers.`,
      county: 'Nairobi',
      inDangerNow: false,
      violationTypes: ['protest_repression'],
      reporter: { anonymous: true, locale: 'en' },
      victim: { name: `Field Test ${label}`, sex: 'female', ageGroup: 'adult' },
    },
  });
  assert.equal(created.status(), 201, await created.text());
  const { id } = await created.json();
  const event = await page.request.post(url('/api/events'), {
    headers,
    data: { title: `${label} market crackdown`, county: 'Nairobi', violationTypes: ['protest_repression'] },
  });
  assert.equal(event.status(), 201, await event.text());
  const attached = await page.request.post(url(`/api/events/${(await event.json()).id}/cases`), {
    headers,
    data: { caseIds: [id] },
  });
  assert.equal(attached.status(), 200, await attached.text());
  return id;
}

async function fieldWork(page, caseId, saved) {
  await page.goto(new URL(`/cases/${caseId}/documentation`, ctx.demo.baseUrl).href);
  await page.getByTestId('documentation').waitFor();
  await noSideScroll(page, 'documentation');

  // An act: the victim from intake, a type, the victim's status at the end.
  await page.getByTestId('doc-acts-add').click();
  await page.getByTestId('doc-act-form').waitFor();
  await page.getByTestId('doc-act-victim').selectOption({ index: 1 });
  await page.getByTestId('doc-act-type').selectOption('arbitrary_detention');
  await page.getByTestId('doc-act-status').selectOption('detained');
  await noSideScroll(page, 'act form');
  await page.getByTestId('doc-act-form-submit').click();
  assert.equal(await text(page, 'doc-acts-saved'), saved.act);
  assert.equal(await page.getByTestId('doc-act').count(), 1);

  // The perpetrator: a person (an institution) first, then the involvement in the act.
  await page.getByTestId('doc-people-add').click();
  await page.getByTestId('doc-person-role').selectOption('perpetrator');
  await page.getByTestId('doc-person-kind').selectOption('institution');
  await noSideScroll(page, 'person form');
  await page.getByTestId('doc-person-form-submit').click();
  assert.equal(await text(page, 'doc-people-saved'), saved.person);
  await page.getByTestId('doc-involvements-add').click();
  await page.getByTestId('doc-inv-perpetrator').selectOption({ index: 1 });
  await page.getByTestId('doc-inv-type').selectOption('police');
  await page.getByTestId('doc-inv-degree').selectOption('direct');
  await noSideScroll(page, 'perpetrator form');
  await page.getByTestId('doc-involvement-form-submit').click();
  assert.equal(await text(page, 'doc-involvements-saved'), saved.involvement);
  await page.getByTestId('doc-powerful').waitFor();
  await noSideScroll(page, 'documentation with an act and a perpetrator');

  // A photo from the phone, on the case page.
  await page.goto(new URL(`/cases/${caseId}`, ctx.demo.baseUrl).href);
  // On a phone the sections below the summary are built once the reader moves towards them; a link to
  // one builds them and scrolls to it.
  await page.getByTestId('case-more').waitFor({ state: 'attached' });
  assert.equal(await page.locator('#case-timeline').count(), 0, 'the timeline waits for the reader');
  await page.getByTestId('case-sections').locator('a[href="#case-timeline"]').click();
  await page.waitForFunction(() => {
    const top = document.getElementById('case-timeline')?.getBoundingClientRect().top;
    return top !== undefined && top >= 0 && top < window.innerHeight;
  });
  // The print button builds every section, in both columns, before the print dialog opens (the
  // browser's dialog is replaced by a note of what the page held at that moment).
  await page.reload();
  await page.getByTestId('case-more').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printed = ['case-timeline', 'case-people']
        .map((id) => String(Boolean(document.getElementById(id))))
        .join(',');
    };
  });
  await page.getByTestId('case-print').click();
  await page.waitForFunction(() => document.body.dataset.printed !== undefined);
  assert.equal(await page.evaluate(() => document.body.dataset.printed), 'true,true');
  await scrollDownCase(page);
  await page.getByTestId('evidence-upload').waitFor();
  await noSideScroll(page, 'case page', { soft: true });
  const jpeg = await sharp({
    create: { width: 32, height: 24, channels: 3, background: { r: 20, g: 120, b: 200 } },
  })
    .jpeg()
    .toBuffer();
  await page
    .getByTestId('evidence-file')
    .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByTestId('evidence-send').click();
  await page.getByText(saved.uploaded).waitFor();
  await page.getByTestId('evidence-item').first().waitFor();
  await noSideScroll(page, 'case page after the upload', { soft: true });
}

test('add an act, a perpetrator and a photo on a 360 px phone, in English and in Kiswahili', async () => {
  const { page, close } = await freshPage('/queue', { viewport: PHONE });
  await signInOnPhone(page, 'duty_officer');

  await languageOnPhone(page, 'en');
  await fieldWork(page, await caseOnEvent(page, 'Gikomba'), {
    act: 'Act saved.',
    person: 'Person saved.',
    involvement: 'Perpetrator linked to the act.',
    uploaded: 'Uploaded and sealed.',
  });

  await languageOnPhone(page, 'sw');
  assert.equal(await htmlLang(page), 'sw');
  await fieldWork(page, await caseOnEvent(page, 'Toi'), {
    act: 'Kitendo kimehifadhiwa.',
    person: 'Mtu amehifadhiwa.',
    involvement: 'Mhusika ameunganishwa na kitendo.',
    uploaded: 'Imepakiwa na kufungwa.',
  });
  await close();
});

// The case page itself (not only the documentation screens) fits a 360 px phone: it was 406 px wide,
// pushed out by its summary section, until its one-column grid got a zero minimum.
test('the case page fits a 360 px phone', () => assert.deepEqual(casePageOverflow, []));
