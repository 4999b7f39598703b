import { z } from 'zod';

/**
 * The one place that reads the environment. Every variable is listed in
 * `.env.example` with its meaning and default. A bad value stops start-up with a
 * message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = z.string().url();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: url.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'deve começar com postgres:// ou postgresql://')
    .optional(),
  DATABASE_ADMIN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'deve começar com postgres:// ou postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Admin API reads (GET) running at once per process; the rest wait in line. Default: the CPUs. */
  API_READ_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  /** Admin API reads allowed to wait; beyond that, 503 SERVER_BUSY. */
  API_READ_QUEUE_MAX: z.coerce.number().int().min(0).max(100_000).default(1000),
  APP_DB_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('motogestor_app'),

  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'deve começar com redis:// ou rediss://')
    .optional(),
  QUEUE_PREFIX: z.string().min(1).default('mg'),
  /** How long a worker holds a job before others consider it stalled (its process died) and retry it. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  BURST_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(2500),
  HANDOFF_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  RUN_WORKERS: bool.default(true),

  /** 32 bytes, hex or base64: encrypts channel secrets at rest. Generated into DATA_DIR when absent in zero-config mode. */
  ENCRYPTION_KEY: z.string().min(32).optional(),
  JWT_SECRET: z.string().min(32).optional(),

  OPENAI_BASE_URL: url.optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  OPENAI_TRANSCRIBE_MODEL: z.string().min(1).default('whisper-1'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),

  WHATSAPP_GRAPH_URL: url.default('https://graph.facebook.com'),
  WHATSAPP_GRAPH_VERSION: z.string().regex(/^v\d+\.\d+$/).default('v21.0'),
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
  WHATSAPP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WHATSAPP_MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(16 * 1024 * 1024),
  TELEGRAM_API_ROOT: url.default('https://api.telegram.org'),
  /** WhatsApp Web sessions: a dead process's sessions move to another after about this long. */
  BAILEYS_LEASE_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  BAILEYS_SCAN_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  TELEGRAM_POLL_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(50).default(25),
  /** HMAC key of customer portal links (≥ 32 chars). Derived from the encryption key when unset. */
  PORTAL_SECRET: z.string().min(32).optional(),
  PORTAL_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(15),
  /** Base URL Twilio signs voice webhooks with (behind a proxy). Defaults to PUBLIC_URL, then the request's host. */
  VOICE_PUBLIC_URL: url.optional(),
  VOICE_REPLY_WAIT_MS: z.coerce.number().int().min(0).max(14_000).default(8000),

  MERCADOPAGO_BASE_URL: url.default('https://api.mercadopago.com'),
  ASAAS_BASE_URL: url.default('https://api.asaas.com'),
  STRIPE_BASE_URL: url.default('https://api.stripe.com'),
  PAYMENT_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),

  AUTH_ACCESS_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  AUTH_REFRESH_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Secure cookies; defaults to true in production, false otherwise (plain http on a laptop). */
  AUTH_COOKIE_SECURE: bool.optional(),
  AUTH_LOGIN_MAX_FAILURES_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  AUTH_LOGIN_MAX_FAILURES_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  AUTH_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  ADMIN_DIST_DIR: z.string().min(1).default('admin/dist'),
  /** Build the admin web at start when it is missing (needs Vite); defaults to false in production. */
  ADMIN_BUILD_IF_MISSING: bool.optional(),

  SEED_DEMO: bool.default(true),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
});

export type Config = z.infer<typeof schema> & {
  readonly mode: { readonly database: 'postgres' | 'embedded'; readonly queue: 'bullmq' | 'in-process' };
};

export class ConfigError extends Error {
  constructor(readonly issues: readonly { variable: string; message: string }[]) {
    super(
      'Configuração inválida:\n' +
        issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n') +
        '\nVeja .env.example para os valores aceitos.',
    );
    this.name = 'ConfigError';
  }
}

export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  // Empty strings mean "unset": docker-compose and .env files often pass VAR= for optional values.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production') {
    const missing = (['ENCRYPTION_KEY', 'JWT_SECRET', 'DATABASE_URL'] as const).filter((k) => !c[k]);
    if (missing.length) {
      throw new ConfigError(missing.map((variable) => ({ variable, message: 'obrigatória em produção' })));
    }
  }
  return {
    ...c,
    mode: {
      database: c.DATABASE_URL ? 'postgres' : 'embedded',
      queue: c.REDIS_URL ? 'bullmq' : 'in-process',
    },
  };
};
