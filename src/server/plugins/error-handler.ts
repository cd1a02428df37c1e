import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorMessage, type ErrorBody, type ErrorCode, type FieldIssue } from '../errors.js';
import { requestLocale } from './request-context.js';
import type { Locale } from '../../shared/locale.js';
import { issueMessage } from '../../shared/validation-messages.js';

/** The database refused a second holder of an idempotency key: that request is still being done. */
function isIdempotencyClash(err: unknown): boolean {
  for (
    let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505' && e.constraint?.startsWith('idempotency_keys_')) return true;
  }
  return false;
}

function fromFastifyError(err: FastifyError, locale: Locale): AppError {
  if (isIdempotencyClash(err)) return new AppError('IDEMPOTENCY_IN_PROGRESS');
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields: FieldIssue[] = err.validation.map((v) => ({
      path: (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || String(v.params?.issue ?? ''),
      // The field's sentence in the request's language (the console's Zod error map, shared).
      message: issueMessage({ ...v.params, code: v.keyword, message: v.message }, locale),
    }));
    return new AppError('VALIDATION_FAILED', { fields });
  }
  if (err.validation) return new AppError('VALIDATION_FAILED');
  const byStatus: Record<number, ErrorCode> = {
    400: 'VALIDATION_FAILED',
    401: 'AUTH_REQUIRED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
  };
  const code = err.statusCode ? byStatus[err.statusCode] : undefined;
  return new AppError(code ?? 'INTERNAL');
}

/** The one error handler: stable code, localised message, request id; never a stack trace. */
export function registerErrorHandler(app: FastifyInstance, fallbackLocale: 'en' | 'sw'): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const locale = requestLocale(request, fallbackLocale);
    const appError = err instanceof AppError ? err : fromFastifyError(err, locale);
    if (appError.status >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    const body: ErrorBody = {
      error: {
        code: appError.code,
        message: errorMessage(appError.code, locale),
        requestId: request.id,
        ...(appError.details?.fields ? { fields: appError.details.fields } : {}),
        ...(appError.code === 'CONFLICT' && appError.details?.current !== undefined
          ? { current: appError.details.current }
          : {}),
      },
    };
    void reply.status(appError.status).header('content-language', locale).send(body);
  });
}
