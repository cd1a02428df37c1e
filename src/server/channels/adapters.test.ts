import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryStatus } from '../modules/messages/messages.service.js';
import { ChannelError } from './adapter.js';
import { gsm, parseReference, statusLine } from './copy.js';
import { createSmtpEmail, subjectOf } from './email/smtp.js';
import { createAfricasTalkingSms } from './sms/africastalking.js';
import { parseSms } from './sms/inbound.js';
import { detectLocale } from './sms/language.js';
import { startFakeAfricasTalking, type FakeAfricasTalking } from './testing/fake-africastalking.js';

describe("Africa's Talking SMS adapter", () => {
  let at: FakeAfricasTalking;
  beforeAll(async () => {
    at = await startFakeAfricasTalking({ apiKey: 'k-123' });
  });
  afterAll(() => at.close());

  const adapter = (over: { apiKey?: string; senderId?: string } = {}) =>
    createAfricasTalkingSms({
      username: 'sandbox',
      apiKey: over.apiKey ?? 'k-123',
      senderId: over.senderId,
      baseUrl: `${at.url}/`,
      timeoutMs: 250,
    });
  const msg = { id: '00000000-0000-4000-8000-000000000000', to: '+254711222333', body: 'Habari' };
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChannelError);
    return err as ChannelError;
  };

  it('posts the documented form with the apiKey header and reads the message id', async () => {
    const res = await adapter({ senderId: 'DHARURA' }).send(msg);
    const req = at.requests.at(-1)!;
    expect(req.form).toEqual({
      username: 'sandbox',
      to: '+254711222333',
      message: 'Habari',
      from: 'DHARURA',
    });
    expect(req.headers.apikey).toBe('k-123');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(res).toEqual({ status: 'sent', gatewayId: req.messageId });
    // No sender id configured: no `from` field (the account's default).
    await adapter().send(msg);
    expect(at.requests.at(-1)!.form.from).toBeUndefined();
  });

  it('treats 500 and timeouts as transient, a rejected number as permanent, a bad key as an error', async () => {
    at.script('500');
    expect(await failure(adapter().send(msg))).toMatchObject({ code: 'at:http_500', permanent: false });
    at.script('hang');
    const started = Date.now();
    expect(await failure(adapter().send(msg))).toMatchObject({ code: 'at:timeout', permanent: false });
    expect(Date.now() - started).toBeLessThan(2000);
    at.script('invalid');
    expect(await failure(adapter().send(msg))).toMatchObject({
      code: 'at:403:InvalidPhoneNumber',
      permanent: true,
    });
    expect(await failure(adapter({ apiKey: 'wrong' }).send(msg))).toMatchObject({ code: 'at:http_401' });
  });
});

describe('SMTP email adapter', () => {
  it('is off without SMTP_URL', () => {
    expect(createSmtpEmail({ from: 'x@y.z' })).toBeNull();
  });

  it('sends through nodemailer with the first line as the subject', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const mails: string[] = [];
    const email = createSmtpEmail({
      from: 'Dharura <alerts@example.org>',
      transport: {
        async sendMail(mail) {
          const info = await transport.sendMail(mail);
          mails.push(String(info.message));
          return { messageId: info.messageId };
        },
      },
    })!;
    const res = await email.send({
      id: 'm1',
      to: 'duty@example.org',
      body: 'UA-2026-00001: new P1 report\nOpen the console.',
    });
    expect(res.status).toBe('sent');
    expect(res.gatewayId).toBeTruthy();
    const sent = JSON.parse(mails[0]!) as { subject: string; to: { address: string }[]; text: string };
    expect(sent.subject).toBe('UA-2026-00001: new P1 report');
    expect(sent.to[0]!.address).toBe('duty@example.org');
    expect(subjectOf('x'.repeat(100))).toHaveLength(78);
  });

  it('does not retry a 5xx SMTP answer', async () => {
    const email = createSmtpEmail({
      from: 'a@b.c',
      transport: {
        async sendMail() {
          throw Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        },
      },
    })!;
    await expect(email.send({ id: 'm', to: 'x@y.z', body: 'b' })).rejects.toMatchObject({
      code: 'smtp:550',
      permanent: true,
    });
  });
});

describe('SMS wording and parsing', () => {
  it('recognises keywords in English and Kiswahili, case-insensitively', () => {
    expect(parseSms('status UA-2026-00123')).toEqual({
      kind: 'status',
      locale: 'en',
      reference: 'UA-2026-00123',
    });
    expect(parseSms('Hali 2026 123')).toEqual({ kind: 'status', locale: 'sw', reference: 'UA-2026-00123' });
    expect(parseSms('HALI')).toEqual({ kind: 'status', locale: 'sw', reference: null });
    // Starting with "hali" does not make a report a status query.
    expect(parseSms('Hali ni mbaya sana hapa Kware, polisi wanapiga watu')).toEqual({
      kind: 'report',
      locale: 'sw',
    });
    expect(parseSms('sos')).toEqual({ kind: 'sos', locale: 'en', detail: '' });
    expect(parseSms('Msaada! wanatishia kunipiga')).toEqual({
      kind: 'sos',
      locale: 'sw',
      detail: 'wanatishia kunipiga',
    });
    expect(parseSms('YES 123')).toEqual({
      kind: 'responder',
      locale: 'en',
      keyword: 'YES',
      number: '123',
      detail: '',
    });
    expect(parseSms('ndio 45')).toEqual({
      kind: 'responder',
      locale: 'sw',
      keyword: 'NDIO',
      number: '45',
      detail: '',
    });
    expect(parseSms('ok 7')).toMatchObject({ kind: 'responder', keyword: 'OK' });
    expect(parseSms('done 7')).toMatchObject({ kind: 'responder', keyword: 'DONE' });
    // DONE in Kiswahili: "nimemaliza" (I have finished), and the longer "imekamilika" (it is complete).
    expect(parseSms('nimemaliza 7 tuko salama')).toEqual({
      kind: 'responder',
      locale: 'sw',
      keyword: 'DONE',
      number: '7',
      detail: 'tuko salama',
    });
    expect(parseSms('IMEKAMILIKA 7')).toMatchObject({ kind: 'responder', locale: 'sw', keyword: 'DONE' });
    expect(parseSms('ok they took him to the station')).toEqual({ kind: 'report', locale: 'en' });
  });

  it('detects Kiswahili from common words', () => {
    expect(detectLocale('Tafadhali nisaidie')).toBe('sw');
    expect(detectLocale('Mimi na mtoto wangu tuko hatarini')).toBe('sw');
    expect(detectLocale('My sister was beaten by the police')).toBe('en');
    expect(detectLocale('na')).toBe('en');
  });

  it('keeps replies in plain GSM characters and reads keypad references', () => {
    expect(gsm('Received — we are looking at it.')).toBe('Received, we are looking at it.');
    expect(statusLine('UA-2026-00001', 'active', 'sw')).toBe('UA-2026-00001: Hatua zinachukuliwa.');
    expect(statusLine(null, null, 'en')).toMatch(/could not find/);
    expect(parseReference('202600123')).toBe('UA-2026-00123');
    expect(parseReference('ua 2026 5')).toBe('UA-2026-00005');
    expect(parseReference('hello')).toBeNull();
  });

  it("maps Africa's Talking delivery statuses", () => {
    expect(deliveryStatus('Success')).toBe('delivered');
    expect(deliveryStatus('Failed')).toBe('failed');
    expect(deliveryStatus('Rejected')).toBe('failed');
    expect(deliveryStatus('Buffered')).toBeNull();
    expect(deliveryStatus('Sent')).toBeNull();
  });
});
