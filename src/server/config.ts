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
  /** Directory of the built web console; served at `/`. */
  WEB_DIR: z.string().optional(),
  /** Start the durable job queue workers in this process. */
  JOBS_ENABLED: bool.default(true),
});

export type Config = Readonly<
  Omit<z.infer<typeof configSchema>, 'COOKIE_SECURE'> & {
    COOKIE_SECURE: boolean;
    DATA_DIR: string;
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
  return Object.freeze({
    ...c,
    DATA_DIR: path.resolve(c.DATA_DIR),
    COOKIE_SECURE: c.COOKIE_SECURE ?? c.NODE_ENV === 'production',
  });
}
