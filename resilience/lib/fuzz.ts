/**
 * Malformed and random requests to the public endpoints: the report form and status check (GET and
 * POST, both languages), and Africa's Talking's SMS, USSD and delivery-report callbacks with the right
 * secret, wrong ones and none. Bodies are mostly plausible with something broken (a wrong type, a huge
 * or hostile value, a duplicated or missing field, a bad encoding), so the requests get past the
 * outer checks and reach the code behind them; a share are plain garbage or malformed HTTP on a raw
 * socket. Seeded, so a failing request can be made again.
 */
import net from 'node:net';

export type Rand = () => number;

/** mulberry32: small, fast, seedable. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzRequest {
  /** What was sent, for the report of a failure (bodies cut short). */
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Malformed HTTP written to a socket as is. */
  raw?: Buffer;
  /** No answer is a legitimate outcome (the request itself was cut short or is over the size limit). */
  mayGoUnanswered?: boolean;
}

export interface FuzzContext {
  secret: string;
  /** Genuine, aged form tokens. */
  tokens: string[];
  /** References that exist (from earlier reports), for the status check and SMS/USSD queries. */
  references: string[];
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number) => r() < p;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

function randomString(r: Rand, len: number, alphabet?: string): string {
  const abc =
    alphabet ?? 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:!?*#+%&=/\\\'"<>()[]{}';
  let s = '';
  for (let i = 0; i < len; i++) s += abc[Math.floor(r() * abc.length)];
  return s;
}

function randomUnicode(r: Rand, len: number): string {
  const ranges: [number, number][] = [
    [0x0000, 0x001f], // control characters, NUL included
    [0x00a0, 0x024f], // Latin-1 and extended
    [0x0590, 0x06ff], // Hebrew, Arabic (right to left)
    [0x200b, 0x202e], // zero width, bidi overrides
    [0x1f300, 0x1f6ff], // emoji
    [0xd800, 0xdfff], // lone surrogates
    [0xfff0, 0xffff], // specials, non-characters
    [0x4e00, 0x4fff], // CJK
  ];
  let s = '';
  for (let i = 0; i < len; i++) {
    const [lo, hi] = pick(r, ranges);
    s += String.fromCodePoint(int(r, lo, hi));
  }
  return s;
}

const hostile = [
  "' OR 1=1 --",
  "'); drop table cases; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  ' ',
  '\r\n\r\n',
  'UA-2026-99999',
  'UA-0000-00000',
  'ua 2026 1',
  '+254700000000',
  '0712345678',
  '+1',
  'STATUS',
  'HALI UA-2026-00001',
  'SOS',
  'MSAADA',
  'YES 1',
  'NDIO 999999999',
  'DONE #0',
];

/** A value for a field: often plausible, often hostile, sometimes enormous. */
function value(r: Rand, plausible: () => string): string {
  const x = r();
  if (x < 0.35) return plausible();
  if (x < 0.5) return pick(r, hostile);
  if (x < 0.6) return '';
  if (x < 0.7) return randomString(r, int(r, 1, 60));
  if (x < 0.8) return randomUnicode(r, int(r, 1, 40));
  if (x < 0.88) return randomString(r, int(r, 200, 6000));
  if (x < 0.92) return plausible() + randomUnicode(r, 5);
  if (x < 0.95) return plausible().repeat(int(r, 2, 50));
  return randomString(r, int(r, 1, 12), '0123456789*#');
}

const phone = (r: Rand) =>
  pick(r, [
    () => `+2547${String(int(r, 0, 99_999_999)).padStart(8, '0')}`,
    () => `07${String(int(r, 0, 99_999_999)).padStart(8, '0')}`,
    () => `+${int(r, 1, 999)}${int(r, 0, 9_999_999)}`,
    () => randomString(r, int(r, 1, 20), '0123456789+ -()'),
  ])();

const narrative = (r: Rand) =>
  pick(r, [
    'Police took my neighbour at night and nobody knows where he is held.',
    'Watu wamevamia nyumba yetu usiku, tunahitaji msaada haraka.',
    'help',
    'Hali ni mbaya hapa, polisi wamewakamata vijana watatu.',
  ]) + (chance(r, 0.5) ? ` ${randomString(r, int(r, 0, 40))}` : '');

type Fields = Record<string, () => string>;

function reportFields(r: Rand, ctx: FuzzContext): Fields {
  return {
    lang: () => pick(r, ['en', 'sw', 'fr', '']),
    danger: () => pick(r, ['yes', 'no', 'maybe', '']),
    narrative: () => narrative(r),
    violation: () => pick(r, ['arbitrary_detention', 'sexual_assault', 'forced_eviction', 'torture', 'x']),
    county: () => pick(r, ['Nairobi', 'Mombasa', 'Kisumu', 'Narnia', 'nairobi', '']),
    ward: () => pick(r, ['Kawangware', 'Kilimani', 'Nowhere', '']),
    place: () => randomString(r, int(r, 0, 40)),
    date: () => pick(r, ['2025-03-01', '01/03/2025', '2099-01-01', '31/02/2025', '2025-13-45', 'yesterday']),
    precision: () => pick(r, ['day', 'month', 'year', 'approximate', 'minute']),
    anonymous: () => pick(r, ['on', '1', 'true', '']),
    name: () => pick(r, ['Wanjiku Kamau', 'Otieno', '']),
    phone: () => phone(r),
    contact: () => randomString(r, int(r, 0, 30)),
    victim: () => pick(r, ['Brian Ochieng', '']),
    token: () =>
      ctx.tokens.length && chance(r, 0.7)
        ? pick(r, ctx.tokens)
        : pick(r, [
            `${Date.now()}.${randomString(r, 16, 'abcdefghijklmnop')}.${randomString(r, 43)}`,
            'x.y.z',
            '',
          ]),
    website: () => (chance(r, 0.9) ? '' : 'http://spam.example'),
    next: () => (chance(r, 0.85) ? '' : 'place'),
  };
}

function smsFields(r: Rand, ctx: FuzzContext): Fields {
  return {
    from: () => phone(r),
    to: () => pick(r, ['22384', '40404', '']),
    text: () =>
      pick(r, [
        () => narrative(r),
        () => `STATUS ${ctx.references.length ? pick(r, ctx.references) : 'UA-2026-00001'}`,
        () => `HALI ${randomString(r, 12)}`,
        () => `SOS ${narrative(r)}`,
        () => `YES ${int(r, 0, 99)}`,
        () => randomString(r, int(r, 0, 3)),
      ])(),
    date: () => new Date(Date.now() - int(r, 0, 1e9)).toISOString(),
    id: () => `ATXid_fuzz_${randomString(r, 20, '0123456789abcdef')}`,
    linkId: () => randomString(r, 20, '0123456789abcdef'),
  };
}

function deliveryFields(r: Rand): Fields {
  return {
    id: () => `ATXid_${randomString(r, 32, '0123456789abcdef')}`,
    status: () =>
      pick(r, ['Success', 'Failed', 'Rejected', 'Sent', 'Submitted', 'Buffered', 'Queued', 'success']),
    phoneNumber: () => phone(r),
    networkCode: () => pick(r, ['63902', '63903', '99999', '']),
    failureReason: () => pick(r, ['InsufficientCredit', 'UserInBlackList', 'AbsentSubscriber', '']),
    retryCount: () => String(int(r, 0, 10)),
  };
}

/** USSD paths: mostly walks through the real menu (some to the end, which opens a case), some noise. */
function ussdText(r: Rand, ctx: FuzzContext): string {
  const steps = [
    pick(r, ['1', '2', '0', '9', '']),
    pick(r, ['1', '2', '3', '4', '5', '00']),
    pick(r, ['1', '2', '3', '4', '5', '6', '7', '8', '99']),
    pick(r, ['1', '2', '3', '9', 'Nairobi', 'Narnia', '0']),
    narrative(r),
    pick(r, ['1', '2', '3', '4']),
    pick(r, ['1', '2']),
  ];
  if (chance(r, 0.1)) steps[2] = ctx.references.length ? pick(r, ctx.references) : 'UA-2026-00001';
  const n = int(r, 0, steps.length);
  let text = steps.slice(0, n).join('*');
  if (chance(r, 0.15)) text = randomString(r, int(r, 0, 300), '0123456789*#');
  if (chance(r, 0.05)) text = randomUnicode(r, int(r, 1, 50));
  return text;
}

function ussdFields(r: Rand, ctx: FuzzContext, sessions: string[]): Fields {
  return {
    sessionId: () => {
      if (sessions.length && chance(r, 0.2)) return pick(r, sessions);
      const id = `ATUid_${randomString(r, 16, '0123456789abcdef')}`;
      if (sessions.length < 200) sessions.push(id);
      return id;
    },
    serviceCode: () => pick(r, ['*384*123#', '*483#', '']),
    phoneNumber: () => phone(r),
    networkCode: () => pick(r, ['63902', '']),
    text: () => ussdText(r, ctx),
  };
}

/** Fill a body from its fields: most present and plausible-or-broken, some missing, some doubled. */
function fill(r: Rand, fields: Fields): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, gen] of Object.entries(fields)) {
    if (chance(r, 0.08)) continue;
    const v = chance(r, 0.55) ? gen() : value(r, gen);
    out.push([k, v]);
    if (chance(r, 0.04)) out.push([k, value(r, gen)]);
  }
  if (chance(r, 0.08))
    out.push([pick(r, ['__proto__', 'constructor[prototype][x]', '__proto__[admin]', 'a[b][c]', '']), 'x']);
  if (chance(r, 0.05)) for (let i = 0; i < int(r, 10, 500); i++) out.push([`f${i}`, randomString(r, 5)]);
  return out;
}

function encode(
  r: Rand,
  pairs: [string, string][],
): { type: string; body: string | Buffer; mayGoUnanswered?: boolean } {
  const x = r();
  if (x < 0.6)
    return { type: 'application/x-www-form-urlencoded', body: new URLSearchParams(pairs).toString() };
  if (x < 0.75) {
    // JSON, sometimes with values of the wrong type.
    const obj: Record<string, unknown> = {};
    for (const [k, v] of pairs) {
      obj[k] = pick(r, [v, v, v, Number(v) || 42, [v], { v }, null, true]);
    }
    return {
      type: pick(r, ['application/json', 'application/json; charset=utf-8']),
      body: JSON.stringify(obj),
    };
  }
  if (x < 0.8) {
    const junk = [
      '{"text":',
      '[]',
      '"just a string"',
      '12',
      'null',
      '{"__proto__":{"polluted":true},"id":"x"}',
      '['.repeat(5000) + ']'.repeat(5000),
      '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
    ];
    return { type: 'application/json', body: pick(r, junk) };
  }
  if (x < 0.85) {
    const raw = ['a=%zz&b=%', '%E0%A4%A', '&&&==&', 'text=%F0%9F', '=', ';;;', 'a=1;b=2', '%'];
    return { type: 'application/x-www-form-urlencoded', body: pick(r, raw) };
  }
  if (x < 0.9) {
    const bytes = Buffer.alloc(int(r, 1, 2000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
    return {
      type: pick(r, ['application/x-www-form-urlencoded', 'application/json', 'application/octet-stream']),
      body: bytes,
    };
  }
  if (x < 0.93) {
    return {
      type: pick(r, [
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/xml',
        'x/y',
        ';;',
        'application/x-www-form-urlencoded; charset=utf-7',
      ]),
      body: new URLSearchParams(pairs).toString(),
    };
  }
  if (x < 0.96) {
    // Over the body limit (256 KB).
    return {
      type: pick(r, ['application/x-www-form-urlencoded', 'application/json']),
      body: `text=${'A'.repeat(300 * 1024)}`,
      mayGoUnanswered: true,
    };
  }
  return { type: '', body: new URLSearchParams(pairs).toString() };
}

function headers(r: Rand): Record<string, string> {
  const h: Record<string, string> = {};
  if (chance(r, 0.3))
    h['accept-language'] = pick(r, ['sw-KE,sw;q=0.9', 'en', '*', 'xx;q=abc', 'sw;q=2', randomString(r, 200)]);
  if (chance(r, 0.1))
    h.cookie = pick(r, ['__Host-sid=abc', 'sid=' + randomString(r, 300, 'abcdef0123456789'), '=;=;', 'a']);
  if (chance(r, 0.05)) h['x-csrf-token'] = randomString(r, 40);
  if (chance(r, 0.05)) h['x-forwarded-for'] = pick(r, ['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
  if (chance(r, 0.03)) h['content-encoding'] = pick(r, ['gzip', 'br', 'identity', 'xyz']);
  if (chance(r, 0.05)) h.accept = pick(r, ['application/json', 'text/html', '*/*', '']);
  return h;
}

function query(r: Rand): string {
  if (chance(r, 0.7)) return '';
  return `?${pick(r, [
    'lang=sw',
    'lang=en',
    'lang=xx',
    'lang[]=en',
    'lang=%ff',
    '__proto__[x]=1',
    'a=1&a=2',
    `q=${'x'.repeat(int(r, 100, 8000))}`,
    '%%%',
    'lang=sw&lang=en',
  ])}`;
}

function rawRequest(r: Rand, secret: string): FuzzRequest {
  const crlf = '\r\n';
  const path = pick(r, [
    '/report',
    '/status',
    `/api/channels/at/sms/${secret}`,
    `/api/channels/at/ussd/${secret}`,
    '/',
  ]);
  const variants: { label: string; text: string; unanswered?: boolean }[] = [
    { label: 'garbage request line', text: `GARBAGE${crlf}${crlf}` },
    { label: 'no version', text: `GET ${path}${crlf}${crlf}` },
    { label: 'HTTP/0.9-ish', text: `GET ${path} HTTP/0.9${crlf}${crlf}` },
    {
      label: 'header without colon',
      text: `GET ${path} HTTP/1.1${crlf}Host: x${crlf}Broken header${crlf}${crlf}`,
    },
    {
      label: 'content-length and chunked',
      text: `POST ${path} HTTP/1.1${crlf}Host: x${crlf}Content-Length: 4${crlf}Transfer-Encoding: chunked${crlf}Content-Type: application/x-www-form-urlencoded${crlf}${crlf}0${crlf}${crlf}`,
    },
    {
      label: 'bad chunk size',
      text: `POST ${path} HTTP/1.1${crlf}Host: x${crlf}Transfer-Encoding: chunked${crlf}Content-Type: application/x-www-form-urlencoded${crlf}${crlf}zz${crlf}abc${crlf}0${crlf}${crlf}`,
    },
    {
      label: 'short body',
      text: `POST ${path} HTTP/1.1${crlf}Host: x${crlf}Content-Length: 100${crlf}Content-Type: application/x-www-form-urlencoded${crlf}${crlf}text=abc`,
      unanswered: true,
    },
    {
      label: 'negative content-length',
      text: `POST ${path} HTTP/1.1${crlf}Host: x${crlf}Content-Length: -5${crlf}${crlf}`,
    },
    {
      label: 'huge header',
      text: `GET ${path} HTTP/1.1${crlf}Host: x${crlf}X-Big: ${'a'.repeat(70_000)}${crlf}${crlf}`,
    },
    { label: 'non-ASCII path', text: `GET /report/\u00ff\u0000 HTTP/1.1${crlf}Host: x${crlf}${crlf}` },
    { label: 'absolute URI', text: `GET http://evil.example${path} HTTP/1.1${crlf}Host: x${crlf}${crlf}` },
    { label: 'HTTP/1.0 no host', text: `GET ${path} HTTP/1.0${crlf}${crlf}` },
    {
      label: 'expect continue',
      text: `POST ${path} HTTP/1.1${crlf}Host: x${crlf}Expect: 100-continue${crlf}Content-Length: 5${crlf}Content-Type: application/x-www-form-urlencoded${crlf}${crlf}a=b&c`,
    },
    { label: 'unknown method', text: `BREW ${path} HTTP/1.1${crlf}Host: x${crlf}${crlf}` },
  ];
  const v = pick(r, variants);
  return {
    label: `raw: ${v.label}`,
    method: 'RAW',
    path,
    headers: {},
    raw: Buffer.from(v.text, 'latin1'),
    mayGoUnanswered: v.unanswered ?? false,
  };
}

/** One random request. */
export function fuzzRequest(r: Rand, ctx: FuzzContext, sessions: string[]): FuzzRequest {
  if (chance(r, 0.06)) return rawRequest(r, ctx.secret);
  const wrongSecret = () =>
    pick(r, [
      randomString(r, 32, 'abcdef0123456789'),
      '',
      `${ctx.secret}x`,
      ctx.secret.toUpperCase(),
      ctx.secret.slice(1),
      Array.from({ length: int(r, 1, 6) }, () => `%${int(r, 0, 255).toString(16).padStart(2, '0')}`).join(''),
      'a'.repeat(int(r, 150, 400)),
      '..%2f..%2f',
    ]);
  const secret = () => (chance(r, 0.75) ? ctx.secret : wrongSecret());
  const targets: { weight: number; make: () => FuzzRequest }[] = [
    {
      weight: 6,
      make: () => get(pick(r, ['/report', '/ripoti', '/status', '/report/', '/REPORT', '//report'])),
    },
    {
      weight: 18,
      make: () => post(pick(r, ['/report', '/report', '/report', '/ripoti']), reportFields(r, ctx)),
    },
    {
      weight: 8,
      make: () =>
        post('/status', {
          reference: () => pick(r, [...ctx.references, 'UA-2026-00001', 'ua 2026 12', '2026-1']),
          lang: () => pick(r, ['en', 'sw']),
        }),
    },
    { weight: 20, make: () => post(`/api/channels/at/sms/${secret()}`, smsFields(r, ctx)) },
    { weight: 20, make: () => post(`/api/channels/at/ussd/${secret()}`, ussdFields(r, ctx, sessions)) },
    { weight: 12, make: () => post(`/api/channels/at/delivery/${secret()}`, deliveryFields(r)) },
    {
      weight: 6,
      make: () => ({
        label: 'method',
        method: pick(r, ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'GET']),
        path: pick(r, [
          '/report',
          '/status',
          `/api/channels/at/sms/${secret()}`,
          `/api/channels/at/ussd/${secret()}`,
          `/api/channels/at/delivery/${secret()}`,
          '/api/channels/at/sms/',
          '/api/channels/at/',
          '/healthz',
        ]),
        headers: headers(r),
      }),
    },
    {
      weight: 4,
      make: () =>
        get(
          pick(r, [
            '/%2e%2e/%2e%2e/etc/passwd',
            '/report%00',
            '/report/../status',
            '/api/channels/at/sms',
            `/api/channels/at/sms/${secret()}/extra`,
            '/status?reference=UA-2026-00001',
            `/${randomString(r, int(r, 1, 300), 'abc/%.')}`,
            '/api/openapi.json',
            '/readyz',
          ]),
        ),
    },
  ];
  function get(path: string): FuzzRequest {
    const p = path + query(r);
    return { label: `GET ${p.slice(0, 80)}`, method: 'GET', path: p, headers: headers(r) };
  }
  function post(path: string, fields: Fields): FuzzRequest {
    const enc = encode(r, fill(r, fields));
    const h = headers(r);
    if (enc.type) h['content-type'] = enc.type;
    const p = path + query(r);
    const excerpt = (typeof enc.body === 'string' ? enc.body : `<${enc.body.length} random bytes>`).slice(
      0,
      160,
    );
    return {
      label: `POST ${p.slice(0, 80)} [${enc.type}] ${excerpt}`,
      method: 'POST',
      path: p,
      headers: h,
      body: enc.body,
      ...(enc.mayGoUnanswered ? { mayGoUnanswered: true } : {}),
    };
  }
  const total = targets.reduce((s, t) => s + t.weight, 0);
  let x = r() * total;
  for (const t of targets) {
    x -= t.weight;
    if (x < 0) return t.make();
  }
  return targets[0]!.make();
}

/** Send one request; the status, or 0 when no answer came. */
export async function send(base: string, req: FuzzRequest): Promise<number> {
  if (req.raw) return sendRaw(base, req.raw);
  try {
    const res = await fetch(`${base}${req.path}`, {
      method: req.method,
      headers: req.headers,
      ...(req.body !== undefined && req.method !== 'GET' && req.method !== 'HEAD'
        ? { body: typeof req.body === 'string' ? req.body : new Uint8Array(req.body) }
        : {}),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return 0;
  }
}

/** The final status of a raw response: the last status line that is not 100 Continue; 0 for none. */
function statusOf(data: string): number {
  const all = [...data.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
  return all.filter((s) => s !== 100).pop() ?? 0;
}

function sendRaw(base: string, raw: Buffer): Promise<number> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port), u.hostname);
    let data = '';
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(statusOf(data));
    };
    socket.setTimeout(3000, done);
    socket.on('data', (d) => {
      data += d.toString('latin1');
      if (statusOf(data)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(raw);
  });
}
