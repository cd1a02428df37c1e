import { z } from 'zod';
import path from 'node:path';

/**
 * The one schema for Dharura's environment. Parsed once at start-up; the result is frozen so nothing
 * can change configuration at run time.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
      message: 'must be a postgres:// or postgresql:// URL',
    })
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          new URL(v);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'is not a valid URL' },
    ),
  /**
   * A PostgreSQL read replica (streaming standby with hot_standby) for the read-heavy aggregates:
   * dashboards, the public tracker and period reports (docs/SCALING.md). Needs DATABASE_URL.
   */
  DATABASE_READ_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
      message: 'must be a postgres:// or postgresql:// URL',
    }),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['en', 'sw']).default('en'),
  /** Serve the session cookie with Secure and the __Host- prefix; on by default in production. */
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** An SMS from a reporter's phone within this many hours of her open case joins its conversation. */
  CONVERSATION_WINDOW_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 24)
    .default(72),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** Sign-in attempts allowed per client address per minute (the per-account lockout is separate). */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Public report form and status check submissions allowed per client address per minute. */
  PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Base64 32-byte master key(s), comma-separated, current first. Unset: a key file under DATA_DIR/keys. */
  DHARURA_MASTER_KEY: z.string().optional(),
  /** Base64 32-byte key for blind indexes (required with DHARURA_MASTER_KEY). */
  DHARURA_BLIND_INDEX_KEY: z.string().optional(),
  /**
   * Directory of the key state (key-encryption keys and shred register, ADR 0007). Default DATA_DIR/keys;
   * several instances must point at one shared directory.
   */
  DHARURA_KEY_STATE_DIR: z.string().optional(),
  /** Directory of the built web console; served at `/`. */
  WEB_DIR: z.string().optional(),
  /** Start the durable job queue workers in this process. */
  JOBS_ENABLED: bool.default(true),
  /**
   * Bearer token a Prometheus scraper presents at GET /metrics (at least 24 characters). Unset: the
   * endpoint answers 404.
   */
  METRICS_TOKEN: z.string().min(24).optional(),
  /** Where outbound SMS go: `outbox` keeps them in the database (development, demos); `africastalking` sends. */
  SMS_ADAPTER: z.enum(['outbox', 'africastalking']).default('outbox'),
  /** Africa's Talking account (`sandbox` for their sandbox). Required with SMS_ADAPTER=africastalking. */
  AT_USERNAME: z.string().min(1).optional(),
  AT_API_KEY: z.string().min(1).optional(),
  /** Registered sender id or short code; unset: the account's default. */
  AT_SENDER_ID: z.string().min(1).max(11).optional(),
  /** https://api.sandbox.africastalking.com for the sandbox; tests point it at a local fake. */
  AT_BASE_URL: z.string().url().default('https://api.africastalking.com'),
  /** Secret path segment of the SMS, delivery-report and USSD callback URLs; unset: callbacks answer 404. */
  AT_CALLBACK_SECRET: z.string().min(16).max(200).optional(),
  /** How long one call to the gateway may take before it counts as failed. */
  AT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** SMTP server for email notifications (smtp:// or smtps://); unset: the email channel is off. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^smtps?:\/\/[^\s]+$/.test(v), {
      message: 'must be an smtp:// or smtps:// URL',
    }),
  SMTP_FROM: z.string().min(3).max(200).default('Dharura <dharura@localhost>'),
  /** Sending attempts per message before it fails over to the user's next channel. */
  MESSAGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  /** First retry delay; each later one doubles (with jitter). */
  MESSAGE_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** Largest single evidence file, in MiB (resumable uploads; default 4 GiB). */
  EVIDENCE_MAX_FILE_MB: z.coerce.number().int().min(1).default(4096),
  /** Evidence a case may hold in all, in MiB (default 20 GiB). */
  EVIDENCE_MAX_CASE_MB: z.coerce.number().int().min(1).default(20480),
  /** The console's phone simulator (inject SMS/USSD, read the outbox). Default: on with SMS_ADAPTER=outbox. */
  SIMULATOR_ENABLED: bool.optional(),
  /**
   * Safaricom Daraja (M-Pesa B2C) for emergency-fund payments; see docs/FUNDS.md. Sandbox:
   * https://sandbox.safaricom.co.ke; production: https://api.safaricom.co.ke. Tests use a local fake.
   */
  DARAJA_BASE_URL: z.string().url().default('https://sandbox.safaricom.co.ke'),
  DARAJA_CONSUMER_KEY: z.string().min(1).optional(),
  DARAJA_CONSUMER_SECRET: z.string().min(1).optional(),
  /** The B2C initiator (API operator) and its password encrypted with Safaricom's certificate. */
  DARAJA_INITIATOR_NAME: z.string().min(1).optional(),
  DARAJA_SECURITY_CREDENTIAL: z.string().min(1).optional(),
  /** The B2C short code that pays (PartyA). */
  DARAJA_SHORTCODE: z
    .string()
    .regex(/^\d{5,7}$/)
    .optional(),
  /** This server's public https base URL: Daraja posts results to it. */
  DARAJA_CALLBACK_BASE_URL: z.string().url().optional(),
  /** Secret path segment of the result and timeout URLs (Daraja signs nothing). */
  DARAJA_CALLBACK_SECRET: z.string().min(16).max(200).optional(),
  DARAJA_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Web Push: the contact the browsers' push services may use about this server (RFC 8292 VAPID subject). */
  PUSH_CONTACT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'must start with mailto: or https://')
    .default('mailto:admin@dharura.invalid'),
  /** Web Push: one more CA to trust for push services (a private relay, or the tests' fake service). */
  PUSH_CA_FILE: z.string().optional(),
});

export type Config = Readonly<
  Omit<z.infer<typeof configSchema>, 'COOKIE_SECURE' | 'SIMULATOR_ENABLED'> & {
    COOKIE_SECURE: boolean;
    DATA_DIR: string;
    SIMULATOR_ENABLED: boolean;
  }
>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse the environment; throws ConfigError with one line naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  if (c.SMS_ADAPTER === 'africastalking' && (!c.AT_USERNAME || !c.AT_API_KEY)) {
    throw new ConfigError(
      'invalid configuration: SMS_ADAPTER=africastalking needs AT_USERNAME and AT_API_KEY',
    );
  }
  if (c.DATABASE_READ_URL && !c.DATABASE_URL) {
    throw new ConfigError('invalid configuration: DATABASE_READ_URL needs DATABASE_URL (the primary)');
  }
  return Object.freeze({
    ...c,
    DATA_DIR: path.resolve(c.DATA_DIR),
    COOKIE_SECURE: c.COOKIE_SECURE ?? c.NODE_ENV === 'production',
    SIMULATOR_ENABLED: c.SIMULATOR_ENABLED ?? c.SMS_ADAPTER === 'outbox',
  });
}
