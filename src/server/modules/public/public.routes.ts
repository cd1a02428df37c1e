import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../../../shared/locale.js';
import type { CaseStatus } from '../../../shared/workflow.js';
import { AppError, errorMessage, type ErrorCode } from '../../errors.js';
import { createFormTokens } from './form-token.js';
import type { CopyKey } from './i18n.js';
import { QUICK_EXIT_SCRIPT, messagePage, reportPage, statusPage, thanksPage } from './pages.js';
import { emptyReport, field, parseReport, readReport, type FieldErrors } from './report-form.js';

/**
 * The public report form and status check (DESIGN §4): server-rendered pages for anyone, with no
 * account, no JavaScript and no third-party assets. Abuse resistance (ADR 0005): a per-address rate
 * limit, a signed time-bound form token and a honeypot field.
 */

/** What a reporter may learn about a case: one coarse line, never details. */
const coarseStatus: Record<CaseStatus, CopyKey> = {
  received: 'statusReceived',
  screening: 'statusReceived',
  assessed: 'statusReceived',
  awaiting_decision: 'statusReceived',
  active: 'statusActive',
  follow_up: 'statusActive',
  closed: 'statusClosed',
  not_urgent: 'statusClosed',
  duplicate: 'statusClosed',
  declined: 'statusClosed',
  withdrawn: 'statusClosed',
};

const referencePattern = /^(?:UA)?[\s-]*(\d{4})[\s-]+(\d{1,7})(?:[\s-]+([A-Z2-9]{4}))?$/i;

/**
 * A reference as typed, with or without the reporter's secret suffix: `UA-2026-00123-K7PX`, also
 * `ua 2026 123 k7px` or `2026-00123`. Null when it cannot be a reference.
 */
export function parsePublicReference(raw: string): { reference: string; secret: string | null } | null {
  const m = referencePattern.exec(raw.trim());
  if (!m) return null;
  return { reference: `UA-${m[1]}-${m[2]!.padStart(5, '0')}`, secret: m[3]?.toUpperCase() ?? null };
}

/** `UA-2026-00123` (any secret suffix dropped); null when it cannot be a reference. */
export function normaliseReference(raw: string): string | null {
  return parsePublicReference(raw)?.reference ?? null;
}

export async function publicRoutes(app: FastifyInstance): Promise<void> {
  const { config, clock, services, vault } = app.ctx;
  const tokens = createFormTokens(vault.keyring.blindIndexKey, clock);
  const rateLimit = {
    max: config.PUBLIC_FORM_RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    // After the body is read, so a refused report can be shown again with everything in it.
    hook: 'preHandler' as const,
  };

  /** `?lang`, then the form's own `lang`, then the path (`/ripoti`), then Accept-Language. */
  const pageLocale = (request: FastifyRequest): Locale => {
    const q = (request.query as Record<string, unknown> | undefined)?.lang;
    if (isLocale(q)) return q;
    const b = field(request.body, 'lang');
    if (isLocale(b)) return b;
    if (request.url.startsWith('/ripoti') || request.url.startsWith('/hali')) return 'sw';
    return localeFromAcceptLanguage(request.headers['accept-language'], config.DEFAULT_LOCALE);
  };
  const send = (reply: FastifyReply, locale: Locale, status: number, page: string) =>
    reply.status(status).type('text/html; charset=utf-8').header('content-language', locale).send(page);

  // Pages about people in danger are never cached, by the browser or anything in between.
  app.addHook('onRequest', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });

  const showForm = async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = pageLocale(request);
    const page = reportPage({
      locale,
      values: emptyReport,
      errors: {},
      token: tokens.issue(),
      showPlace: false,
    });
    return send(reply, locale, 200, page);
  };
  const opts = { config: { permission: 'public' as const }, schema: { hide: true } };
  app.get('/quick-exit.js', opts, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(QUICK_EXIT_SCRIPT),
  );
  app.get('/report', opts, showForm);
  app.get('/ripoti', opts, showForm);

  /** The form again, with everything as typed; a genuine token is kept so the minimum age still counts. */
  const formAgain = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    errors: FieldErrors,
    notice?: CopyKey,
  ) => {
    const locale = pageLocale(request);
    const posted = field(request.body, 'token', 200);
    const page = reportPage({
      locale,
      values: readReport(request.body),
      errors,
      token: tokens.isGenuine(posted) && tokens.check(posted) !== 'expired' ? posted : tokens.issue(),
      notice,
      showPlace: true,
    });
    return send(reply, locale, status, page);
  };

  app.post('/report', { ...opts, config: { ...opts.config, rateLimit } }, async (request, reply) => {
    const locale = pageLocale(request);
    const values = readReport(request.body);

    // Step two without JavaScript: list the chosen county's sub-counties and wards. Nothing is saved.
    if (field(request.body, 'next') === 'place') {
      return values.county
        ? formAgain(request, reply, 200, {}, 'placeStep')
        : formAgain(request, reply, 400, { county: 'countyFirst' });
    }

    // A field people never see: whoever fills it is a bot. It is told nothing useful.
    if (field(request.body, 'website').trim() !== '') {
      request.log.info({ reason: 'honeypot' }, 'public report refused');
      return send(reply, locale, 200, thanksPage({ locale, anonymous: true }));
    }

    const postedToken = field(request.body, 'token', 200);
    const token = tokens.check(postedToken);
    const parsed = parseReport(values, locale, clock.now());
    const errors = parsed.ok ? {} : parsed.errors;
    if (token !== 'ok') {
      request.log.info({ reason: `token_${token}` }, 'public report refused');
      return formAgain(request, reply, 400, errors, token === 'too_fresh' ? 'tokenTooFresh' : 'tokenExpired');
    }
    // Single use: the same form sent again (a double click, Back and resend, a replay) is the same report.
    const thanks = (reference: string) =>
      send(reply, locale, 200, thanksPage({ locale, reference, anonymous: values.anonymous }));
    const earlier = await services.intake.caseOfFormToken(postedToken);
    if (earlier) {
      request.log.info({ reason: 'token_reused' }, 'public report already received');
      return thanks(earlier);
    }
    if (!parsed.ok) return formAgain(request, reply, 400, errors);

    try {
      const c = await services.intake.receive(
        parsed.input,
        { userId: null, label: 'public-form' },
        { formToken: postedToken },
      );
      // The reference with its status-check secret, shown once; a replay above gets the plain reference.
      return thanks(c.publicReference);
    } catch (err) {
      // Sent twice at the same moment: the other request made the case.
      const raced = await services.intake.caseOfFormToken(postedToken);
      if (raced) return thanks(raced);
      // Our checks are stricter than the intake's; should they ever disagree, keep what was typed.
      if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
        request.log.warn(
          { fields: err.details?.fields?.map((f) => f.path) },
          'intake refused a public report',
        );
        return formAgain(request, reply, 400, {}, 'errorSummary');
      }
      throw err;
    }
  });

  // The status check, at /status and in Kiswahili at /hali (the same page, its language from the path).
  const showStatus = async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = pageLocale(request);
    return send(reply, locale, 200, statusPage({ locale, reference: '' }));
  };
  app.get('/status', opts, showStatus);
  app.get('/hali', opts, showStatus);

  const checkStatus = async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = pageLocale(request);
    const typed = field(request.body, 'reference', 40);
    const parsed = parsePublicReference(typed);
    // Unknown reference, missing or wrong secret suffix, a case made before secrets existed: all get the
    // same one line (the intake's status check answers null for each, after the same HMAC).
    const status = await services.intake.statusOf(parsed?.reference ?? null, parsed?.secret ?? null);
    const answer: CopyKey = status ? (coarseStatus[status] ?? 'statusReceived') : 'statusUnknown';
    return send(reply, locale, 200, statusPage({ locale, reference: typed, answer }));
  };
  app.post('/status', { ...opts, config: { ...opts.config, rateLimit } }, checkStatus);
  app.post('/hali', { ...opts, config: { ...opts.config, rateLimit } }, checkStatus);

  // Refusals on these pages are pages too, in the reader's language; a refused report keeps its text.
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
    const locale = pageLocale(request);
    if (status >= 500) request.log.error({ err }, 'public page failed');
    else request.log.info({ status }, 'public page refused');
    void reply.header('cache-control', 'no-store');
    const byStatus: Record<number, ErrorCode> = {
      413: 'PAYLOAD_TOO_LARGE',
      415: 'UNSUPPORTED_MEDIA_TYPE',
      429: 'RATE_LIMITED',
    };
    const code: ErrorCode = byStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    const httpStatus = status >= 400 && status < 600 ? status : 500;
    if (status === 429 && request.method === 'POST' && request.routeOptions.url === '/report') {
      return formAgain(request, reply, 429, {}, 'notSaved');
    }
    if (
      status === 429 &&
      request.method === 'POST' &&
      ['/status', '/hali'].includes(request.routeOptions.url ?? '')
    ) {
      const reference = field(request.body, 'reference', 40);
      return send(reply, locale, 429, statusPage({ locale, reference, notice: errorMessage(code, locale) }));
    }
    return send(reply, locale, httpStatus, messagePage(locale, errorMessage(code, locale)));
  });
}
