import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { Session, SignedIn, TestApp } from '../../../../test/helpers.js';

/**
 * A stand-in for Safaricom Daraja on 127.0.0.1 with the real wire shapes: OAuth (Basic → bearer token),
 * B2C `POST /mpesa/b2c/v3/paymentrequest` (synchronous ConversationID / OriginatorConversationID /
 * ResponseCode), then the asynchronous `Result` posted to the ResultURL it was given, and the
 * Transaction Status query whose `Result` carries `ResultParameters` (ReceiptNo, TransactionStatus, …).
 * Like Daraja it never retries a callback. `outcome` decides what the next payments do:
 * `success` (ResultCode 0), `fail` (ResultCode 2001) or `silent` (M-Pesa pays, but no callback comes).
 */
export type FakeOutcome = 'success' | 'fail' | 'silent';

export interface FakeCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

interface Transaction {
  ocid: string;
  conversationId: string;
  receipt: string;
  amount: number;
  status: 'Completed' | 'Failed';
}

export interface FakeDaraja {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  outcome: FakeOutcome;
  payments: FakeCall[];
  queries: FakeCall[];
  /** Payments M-Pesa made (one per OriginatorConversationID, whatever was sent twice). */
  transactions: Map<string, Transaction>;
  /** Resolve once every callback the fake has started posting has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const json = (body: unknown) => JSON.stringify(body);

export async function startFakeDaraja(): Promise<FakeDaraja> {
  const consumerKey = 'fake-consumer-key';
  const consumerSecret = 'fake-consumer-secret';
  const token = randomBytes(12).toString('hex');
  const inFlight = new Set<Promise<unknown>>();
  let seq = 0;

  /** Post a Result to the app, as Daraja does: once, and whatever happens, never again. */
  function callback(url: string, body: unknown) {
    const p = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json(body),
    })
      .then((r) => r.text())
      .catch(() => undefined)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(json(body));
      };
      if (req.method === 'GET' && url.pathname === '/oauth/v1/generate') {
        const basic = Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64');
        if (
          url.searchParams.get('grant_type') !== 'client_credentials' ||
          req.headers.authorization !== `Basic ${basic}`
        )
          return send(400, { errorCode: '400.008.01', errorMessage: 'Invalid Authentication passed' });
        return send(200, { access_token: token, expires_in: '3599' });
      }
      if (req.headers.authorization !== `Bearer ${token}`)
        return send(401, { errorCode: '404.001.03', errorMessage: 'Invalid Access Token' });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const call = { path: url.pathname, headers: req.headers, body };

      if (req.method === 'POST' && url.pathname === '/mpesa/b2c/v3/paymentrequest') {
        fake.payments.push(call);
        const ocid = String(body.OriginatorConversationID ?? '');
        const missing = [
          'OriginatorConversationID',
          'InitiatorName',
          'SecurityCredential',
          'CommandID',
          'Amount',
          'PartyA',
          'PartyB',
          'Remarks',
          'QueueTimeOutURL',
          'ResultURL',
          'Occasion',
        ].filter((k) => body[k] === undefined || body[k] === '');
        if (missing.length > 0)
          return send(400, {
            requestId: ocid,
            errorCode: '400.002.02',
            errorMessage: `Bad Request - Invalid ${missing[0]}`,
          });
        let t = fake.transactions.get(ocid);
        if (!t) {
          seq += 1;
          t = {
            ocid,
            conversationId: `AG_20261206_${String(seq).padStart(12, '0')}`,
            receipt: `TLR${String(seq).padStart(7, '0')}`,
            amount: Number(body.Amount),
            status: fake.outcome === 'fail' ? 'Failed' : 'Completed',
          };
          fake.transactions.set(ocid, t);
        }
        send(200, {
          ConversationID: t.conversationId,
          OriginatorConversationID: ocid,
          ResponseCode: '0',
          ResponseDescription: 'Accept the service request successfully.',
        });
        if (fake.outcome === 'silent') return;
        const ok = t.status === 'Completed';
        callback(String(body.ResultURL), {
          Result: {
            ResultType: 0,
            ResultCode: ok ? 0 : 2001,
            ResultDesc: ok
              ? 'The service request is processed successfully.'
              : 'The initiator information is invalid.',
            OriginatorConversationID: ocid,
            ConversationID: t.conversationId,
            TransactionID: t.receipt,
            ...(ok
              ? {
                  ResultParameters: {
                    ResultParameter: [
                      { Key: 'TransactionAmount', Value: t.amount },
                      { Key: 'TransactionReceipt', Value: t.receipt },
                      { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
                      { Key: 'B2CChargesPaidAccountAvailableFunds', Value: -4510.0 },
                      { Key: 'ReceiverPartyPublicName', Value: `${String(body.PartyB)} - Test Beneficiary` },
                      { Key: 'TransactionCompletedDateTime', Value: '06.12.2026 11:45:50' },
                      { Key: 'B2CUtilityAccountAvailableFunds', Value: 10116.0 },
                      { Key: 'B2CWorkingAccountAvailableFunds', Value: 900000.0 },
                    ],
                  },
                }
              : {}),
            ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: String(body.QueueTimeOutURL) } },
          },
        });
        return;
      }

      if (req.method === 'POST' && url.pathname === '/mpesa/transactionstatus/v1/query') {
        fake.queries.push(call);
        const ocid = String(body.OriginatorConversationID ?? '');
        const t = fake.transactions.get(ocid);
        seq += 1;
        send(200, {
          ConversationID: `AG_20261206_Q${String(seq).padStart(11, '0')}`,
          OriginatorConversationID: ocid,
          ResponseCode: '0',
          ResponseDescription: 'Accept the service request successfully.',
        });
        callback(
          String(body.ResultURL),
          t
            ? {
                Result: {
                  ResultType: 0,
                  ResultCode: 0,
                  ResultDesc: 'The service request is processed successfully.',
                  OriginatorConversationID: ocid,
                  ConversationID: t.conversationId,
                  TransactionID: t.receipt,
                  ResultParameters: {
                    ResultParameter: [
                      { Key: 'ReceiptNo', Value: t.receipt },
                      { Key: 'TransactionStatus', Value: t.status },
                      { Key: 'Amount', Value: t.amount },
                      { Key: 'ReasonType', Value: 'Business Payment to Customer via API' },
                      { Key: 'FinalisedTime', Value: 20261206114550 },
                    ],
                  },
                },
              }
            : {
                Result: {
                  ResultType: 0,
                  ResultCode: 'R000001',
                  ResultDesc: 'The transaction receipt number does not exist.',
                  OriginatorConversationID: ocid,
                  ConversationID: `AG_20261206_Q${String(seq).padStart(11, '0')}`,
                },
              },
        );
        return;
      }
      send(404, { errorCode: '404.001.01', errorMessage: 'Resource not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeDaraja = {
    url: `http://127.0.0.1:${port}`,
    consumerKey,
    consumerSecret,
    outcome: 'success',
    payments: [],
    queries: [],
    transactions: new Map(),
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}

/** A free port on 127.0.0.1 for the app, so its callback URL is known before it starts. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export const CALLBACK_SECRET = 'test-daraja-callback-secret-0123';

/** The app's Daraja settings pointing at the fake, and its callbacks at the app on `port`. */
export const darajaConfig = (fake: FakeDaraja, port: number): Record<string, string> => ({
  DARAJA_BASE_URL: fake.url,
  DARAJA_CONSUMER_KEY: fake.consumerKey,
  DARAJA_CONSUMER_SECRET: fake.consumerSecret,
  DARAJA_INITIATOR_NAME: 'testapi',
  DARAJA_SECURITY_CREDENTIAL: 'c2VjdXJpdHktY3JlZGVudGlhbA==',
  DARAJA_SHORTCODE: '600996',
  DARAJA_CALLBACK_BASE_URL: `http://127.0.0.1:${port}`,
  DARAJA_CALLBACK_SECRET: CALLBACK_SECRET,
});

/** A defender arrested at a protest: not sensitive by rule, so finance and approvers may read it. */
export const arrestCase = {
  channel: 'hotline',
  narrative: 'A human rights defender was arrested at a protest in Kayole and is held at the station.',
  county: 'Nairobi',
  inDangerNow: true,
  violationTypes: ['arbitrary_detention'],
  reporter: { anonymous: true, locale: 'en' },
  victim: { name: 'Defender Test', sex: 'male', ageGroup: 'adult' },
};

export const BENEFICIARY = { name: 'Wanjiru Beneficiary', phone: '0712 345 678' };

export interface FundsTestContext {
  t: TestApp;
  duty: SignedIn;
  approver: SignedIn;
}

/** Request helpers over the app and the sessions a test file signs in. */
export function fundsHelpers(ctx: () => FundsTestContext) {
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, session: Session, payload?: object) =>
    ctx().t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

  async function step(id: string, action: string, session: Session, body: object = {}) {
    const res = await api('POST', `/api/cases/${id}/transitions/${action}`, session, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
  /** Intake → acknowledge → assess → request_decision → approve: an active case. */
  async function activeCase() {
    const { duty, approver } = ctx();
    const res = await api('POST', '/api/cases', duty, arrestCase);
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as { id: string; reference: string };
    await step(c.id, 'acknowledge', duty);
    await step(c.id, 'assess', duty, {
      assessment: {
        severity: 3,
        immediacy: 3,
        feasibility: 2,
        justifications: { severity: 'liberty', immediacy: 'held now', feasibility: 'bail possible' },
      },
    });
    await step(c.id, 'request_decision', duty);
    await step(c.id, 'approve', approver);
    return c;
  }
  async function request(caseId: string, by: Session, body: Record<string, unknown> = {}) {
    const res = await api('POST', `/api/cases/${caseId}/fund-requests`, by, {
      amountCents: 2_000_000,
      purpose: 'bail',
      method: 'mpesa',
      beneficiaryName: BENEFICIARY.name,
      beneficiaryPhone: BENEFICIARY.phone,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; status: string; requiredApprovals: number };
  }
  const decide = (id: string, by: Session, approve = true) =>
    api('POST', `/api/fund-requests/${id}/decision`, by, { approve });
  const disburse = (id: string, by: Session, body: object = { mode: 'mpesa_b2c' }) =>
    api('POST', `/api/fund-requests/${id}/disburse`, by, body);
  async function ledger(by: Session) {
    const res = await api('GET', '/api/funds/ledger', by);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      accounts: { code: string; kind: string; balanceCents: number }[];
      entries: {
        id: string;
        kind: string;
        reference: string | null;
        lines: { accountCode: string; debitCents: number; creditCents: number }[];
      }[];
    };
  }
  /** Every journal entry sums to zero, in the database itself. */
  async function unbalancedEntries(): Promise<number> {
    const r = await ctx().t.database.query<{ n: string }>(
      'select count(*) as n from (select entry_id from journal_lines group by entry_id having sum(amount_cents) <> 0) x',
    );
    return Number(r.rows[0]!.n);
  }
  return { api, activeCase, request, decide, disburse, ledger, unbalancedEntries };
}
