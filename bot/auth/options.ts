import { z } from 'zod';

const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

/**
 * Auth settings, parsed once by the caller from config (the lead maps env vars onto this).
 * Defaults are production-safe: secure cookies, 15-minute access tokens.
 */
export const authOptionsSchema = z.object({
  /** AUTH_JWT_SECRET: HS256 key, at least 32 characters. Required. */
  jwtSecret: z.string().min(32, 'AUTH_JWT_SECRET precisa de pelo menos 32 caracteres'),
  /** AUTH_ACCESS_TTL_SECONDS, default 900. */
  accessTtlSeconds: z.coerce.number().int().min(30).max(3600).default(900),
  /** AUTH_REFRESH_TTL_DAYS, default 30. */
  refreshTtlDays: z.coerce.number().int().min(1).max(365).default(30),
  /** AUTH_COOKIE_SECURE, default true; false only for plain-http development and tests. */
  cookieSecure: bool.default(true),
  /** AUTH_LOGIN_MAX_FAILURES_ACCOUNT, default 5 per window. */
  maxFailuresPerAccount: z.coerce.number().int().min(1).max(1000).default(5),
  /** AUTH_LOGIN_MAX_FAILURES_IP, default 20 per window. */
  maxFailuresPerIp: z.coerce.number().int().min(1).max(100_000).default(20),
  /** AUTH_LOGIN_WINDOW_MINUTES, default 15. */
  failureWindowMinutes: z.coerce.number().int().min(1).max(1440).default(15),
});
export type AuthOptionsInput = z.input<typeof authOptionsSchema>;
export type AuthOptions = z.output<typeof authOptionsSchema>;

export const parseAuthOptions = (input: AuthOptionsInput): AuthOptions => authOptionsSchema.parse(input);
