import { z } from 'zod';

/**
 * Safaricom Daraja, the M-Pesa API: B2C payments to a phone and the Transaction Status query.
 *
 * - OAuth: `GET {base}/oauth/v1/generate?grant_type=client_credentials` with HTTP Basic
 *   (consumer key:secret) → `{ access_token, expires_in }` (seconds, as a string).
 * - B2C: `POST {base}/mpesa/b2c/v3/paymentrequest` with `OriginatorConversationID, InitiatorName,
 *   SecurityCredential, CommandID=BusinessPayment, Amount, PartyA, PartyB, Remarks, QueueTimeOutURL,
 *   ResultURL, Occasion` → `{ ConversationID, OriginatorConversationID, ResponseCode, ResponseDescription }`;
 *   ResponseCode "0" only means *accepted*: the outcome comes later to ResultURL (or QueueTimeOutURL).
 * - Status: `POST {base}/mpesa/transactionstatus/v1/query` (`CommandID=TransactionStatusQuery`,
 *   `TransactionID` or `OriginatorConversationID`, `IdentifierType=4`), answered the same way, with the
 *   outcome posted to its own ResultURL.
 * Daraja never retries a callback that failed: the reconciliation job asks for the status instead.
 */
export interface DarajaOptions {
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  initiatorName: string;
  securityCredential: string;
  shortcode: string;
  timeoutMs: number;
}

/**
 * `rejected`: Daraja refused the request, no money moved (pay again later is safe).
 * `unknown`: the request may have reached M-Pesa (timeout, network error, 5xx): ask for its status.
 */
export class DarajaError extends Error {
  override name = 'DarajaError';
  constructor(
    readonly code: string,
    readonly outcome: 'rejected' | 'unknown',
  ) {
    super(code);
  }
}

export interface B2cPayment {
  originatorConversationId: string;
  /** Whole shillings. */
  amountKes: number;
  /** 2547XXXXXXXX (E.164 without the plus). */
  partyB: string;
  remarks: string;
  occasion: string;
  resultUrl: string;
  queueTimeOutUrl: string;
}

export interface StatusQuery {
  originatorConversationId: string;
  transactionId?: string | null | undefined;
  resultUrl: string;
  queueTimeOutUrl: string;
}

export interface Accepted {
  conversationId: string;
  originatorConversationId: string;
}

/** The port the payment use cases call (tests may pass the real adapter pointed at a fake server). */
export interface MpesaGateway {
  pay(p: B2cPayment): Promise<Accepted>;
  queryStatus(q: StatusQuery): Promise<Accepted>;
}

const syncAnswer = z.object({
  ConversationID: z.string().max(100).optional(),
  OriginatorConversationID: z.string().max(100).optional(),
  ResponseCode: z.union([z.string(), z.number()]).optional(),
  ResponseDescription: z.string().max(500).optional(),
  errorCode: z.string().max(100).optional(),
  errorMessage: z.string().max(500).optional(),
});

/** Daraja's Result envelope (B2C result, status result and queue timeout all use it). */
const kv = z.object({ Key: z.string().max(100), Value: z.unknown().optional() });
export const darajaResultBody = z.object({
  Result: z.object({
    ResultType: z.union([z.number(), z.string()]).optional(),
    ResultCode: z.union([z.number(), z.string()]),
    ResultDesc: z.string().max(1000).default(''),
    OriginatorConversationID: z.string().max(100),
    ConversationID: z.string().max(100).optional(),
    TransactionID: z.string().max(100).optional(),
    ResultParameters: z.object({ ResultParameter: z.union([z.array(kv).max(50), kv]) }).optional(),
    ReferenceData: z.unknown().optional(),
  }),
});
export type DarajaResultBody = z.infer<typeof darajaResultBody>;

/** A result parameter's value by key (`TransactionReceipt`, `TransactionStatus`, `ReceiptNo`, …). */
export function resultParameter(body: DarajaResultBody, key: string): string | null {
  const raw = body.Result.ResultParameters?.ResultParameter;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const hit = list.find((p) => p.Key === key);
  return hit?.Value === undefined || hit.Value === null ? null : String(hit.Value);
}

/** M-Pesa codes are short upper-case alphanumerics; keep only that much of whatever arrives. */
export const safeCode = (v: unknown): string =>
  String(v ?? '')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .slice(0, 40);

export function createDaraja(opts: DarajaOptions): MpesaGateway {
  const base = opts.baseUrl.replace(/\/+$/, '');
  let token: { value: string; until: number } | undefined;

  async function call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs) });
    } catch (err) {
      const name = (err as Error).name;
      throw new DarajaError(
        name === 'TimeoutError' || name === 'AbortError' ? 'daraja:timeout' : 'daraja:network',
        'unknown',
      );
    }
  }

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const basic = Buffer.from(`${opts.consumerKey}:${opts.consumerSecret}`).toString('base64');
    const res = await call(`${base}/oauth/v1/generate?grant_type=client_credentials`, {
      method: 'GET',
      headers: { Authorization: `Basic ${basic}` },
    });
    // No payment was sent yet: any failure here is a refusal, safe to try again.
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new DarajaError(`daraja:oauth_${res.status}`, 'rejected');
    }
    const body = z
      .object({ access_token: z.string().min(1), expires_in: z.union([z.string(), z.number()]) })
      .safeParse(await res.json().catch(() => null));
    if (!body.success) throw new DarajaError('daraja:oauth_bad_response', 'rejected');
    const seconds = Number(body.data.expires_in) || 3599;
    // Refresh a minute early so a token never expires between here and Daraja.
    token = { value: body.data.access_token, until: Date.now() + Math.max(0, seconds - 60) * 1000 };
    return token.value;
  }

  async function post(path: string, payload: Record<string, unknown>): Promise<Accepted> {
    const bearer = await accessToken();
    const res = await call(`${base}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (res.status === 401) token = undefined;
    const parsed = syncAnswer.safeParse(await res.json().catch(() => null));
    if (res.status >= 500) throw new DarajaError(`daraja:http_${res.status}`, 'unknown');
    if (!res.ok || !parsed.success) {
      const code = parsed.success ? safeCode(parsed.data.errorCode) : '';
      throw new DarajaError(`daraja:${code || `http_${res.status}`}`, 'rejected');
    }
    const a = parsed.data;
    if (String(a.ResponseCode) !== '0' || !a.ConversationID) {
      throw new DarajaError(`daraja:response_${safeCode(a.ResponseCode) || 'missing'}`, 'rejected');
    }
    return {
      conversationId: a.ConversationID,
      originatorConversationId: a.OriginatorConversationID ?? String(payload.OriginatorConversationID),
    };
  }

  return {
    pay: (p) =>
      post('/mpesa/b2c/v3/paymentrequest', {
        OriginatorConversationID: p.originatorConversationId,
        InitiatorName: opts.initiatorName,
        SecurityCredential: opts.securityCredential,
        CommandID: 'BusinessPayment',
        Amount: p.amountKes,
        PartyA: opts.shortcode,
        PartyB: p.partyB,
        Remarks: p.remarks,
        QueueTimeOutURL: p.queueTimeOutUrl,
        ResultURL: p.resultUrl,
        Occasion: p.occasion,
      }),
    queryStatus: (q) =>
      post('/mpesa/transactionstatus/v1/query', {
        Initiator: opts.initiatorName,
        SecurityCredential: opts.securityCredential,
        CommandID: 'TransactionStatusQuery',
        ...(q.transactionId ? { TransactionID: q.transactionId } : {}),
        OriginatorConversationID: q.originatorConversationId,
        PartyA: opts.shortcode,
        IdentifierType: '4',
        ResultURL: q.resultUrl,
        QueueTimeOutURL: q.queueTimeOutUrl,
        Remarks: 'Reconcile',
        Occasion: 'Reconcile',
      }),
  };
}
