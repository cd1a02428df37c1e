import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Paths that must never reach a log line: secrets and personal data. Services log ids and events,
 * not content; this is the net under that rule.
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.secret',
  '*.totpSecret',
  'email',
  '*.email',
  'phone',
  '*.phone',
  '*.phoneNumber',
  '*.from',
  '*.to',
  '*.text',
  '*.name',
  '*.displayName',
  '*.narrative',
  '*.testimony',
  'body',
  '*.body',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'dharura' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      // The route pattern, never the concrete URL: paths and query strings can carry references,
      // phone numbers or callback secrets.
      req(req: { method?: string; id?: string; routeOptions?: { url?: string } }) {
        return { method: req.method, route: req.routeOptions?.url ?? 'unmatched', id: req.id };
      },
      res(res: { statusCode?: number }) {
        return { statusCode: res.statusCode };
      },
    },
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
