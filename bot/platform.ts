import express, { type Express } from 'express';
import QRCode from 'qrcode';
import type { Logger } from 'pino';
import { createHmac, randomUUID } from 'node:crypto';
import { understand as understandOffline } from '../core/nlu/understand';
import type { NluResult } from '../core/nlu/types';
import { customerFlow } from '../flows/customer/flow';
import type { Flow } from '../flows/types';
import type { Config } from './config';
import { migrate, openDatabase, type Database } from './db/database';
import { createTenantDb, type TenantDb } from './db/tenant-db';
import { verifyIsolation } from './db/verify-isolation';
import { createBullmqQueues } from './queue/bullmq';
import { createInProcessQueues } from './queue/in-process';
import type { QueueSystem } from './queue/types';
import { createLlmNlu } from './ai/llm-nlu';
import { createQuoteAssist } from './ai/quote-assist';
import type { ServiceCode } from '../core/domain/services';
import { createIngest, type IngestResult } from './pipeline/ingest';
import { schedulePurge } from './auth/purge';
import { createRunTurn } from './pipeline/run-turn';
import { createSendMessage, deadLetterSend } from './pipeline/send-message';
import { createRunEffect, type StaffNotifier } from './pipeline/run-effect';
import { QUEUES, type EffectJob, type SendJob, type TurnJob } from './pipeline/jobs';
import { recoverPendingWork } from './pipeline/recover';
import type { ChannelSender } from './pipeline/senders';
import { defaultChannels } from './channels/registry';
import type { ChannelModule, ChannelRuntime } from './channels/module';
import { createRunStaffCommand } from './staff/run-staff-command';
import { parsePaymentOptions, paymentOptionsFromConfig } from './payments/options';
import { portalLink } from './quotes/portal-token';
import { apiRoutes, createReadLane } from './api/routes';
import { createLoginLimiter } from './auth/rate-limit';
import { adminStatic } from './http/admin-static';
import { createTranscriber } from './ai/transcribe';
import { createSecretBox, loadOrCreateKey, type SecretBox } from './security/crypto';
import { runWithContext } from './observability/context';
import { createMetrics, watchBulkhead, type Metrics } from './observability/metrics';
import { healthRoutes } from './http/health';
import { errorHandler, notFound } from './http/errors';

export class IsolationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Isolamento entre oficinas desligado; o servidor não vai iniciar:\n  - ${problems.join('\n  - ')}`);
    this.name = 'IsolationError';
  }
}

export interface Platform {
  readonly config: Config;
  readonly db: Database;
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  readonly app: Express;
  readonly secrets: SecretBox;
  readonly ingest: (msg: unknown) => Promise<IngestResult>;
  readonly runtime: ChannelRuntime;
  readonly metrics: Metrics;
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly flow?: Flow<unknown>;
  /** Channels to run; defaults to bot/channels/registry.ts. */
  readonly channels?: ChannelModule[];
  /** Extra senders/notifiers (tests). */
  readonly senders?: Record<string, ChannelSender>;
  readonly notifiers?: StaffNotifier[];
  /** Writes the customer-facing explanation of a quote; defaults to the model's, when one is configured. */
  readonly explainQuote?: (complaint: string, services: readonly ServiceCode[]) => Promise<string | null>;
  /** Apply migrations before opening (zero-config start, tests). */
  readonly migrate?: boolean;
}

/** The configured OpenAI-compatible chat model, or null (offline). */
const modelOptions = (config: Config) =>
  config.OPENAI_BASE_URL && config.OPENAI_API_KEY
    ? { baseURL: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY, model: config.OPENAI_MODEL, timeoutMs: config.OPENAI_TIMEOUT_MS }
    : null;

export const nluFor = (config: Config, logger: Logger): ((text: string) => Promise<NluResult>) => {
  const model = modelOptions(config);
  if (model) {
    const llm = createLlmNlu({ ...model, logger });
    const assist = createQuoteAssist(model, logger);
    return async (text) => {
      const { source: _source, ...result } = await llm.understand(text);
      // A service request in free text ("a moto ta morrendo na subida") that named no
      // concrete service: the model maps the complaint to catalogue services (offline, a
      // symptom only says "diagnóstico"). Prices never come from the model.
      const services = result.entities.services ?? [];
      if (result.intent === 'quote_request' && services.every((c) => c === 'diagnosis')) {
        const mapped = await assist.assist(text);
        if (mapped.services.length) return { ...result, entities: { ...result.entities, services: mapped.services } };
      }
      return result;
    };
  }
  return async (text) => understandOffline(text);
};

type BaileysPairing = { status: 'connecting' | 'qr' | 'open' | 'logged_out'; qr?: string; pairingCode?: string } | null;

/** WhatsApp Web pairing as the admin web shows it: status and the QR code as an image. */
const pairingStateFrom = (channels: ChannelModule[]) => {
  const baileys = channels.find((c) => c.kind === 'whatsapp_baileys') as
    | (ChannelModule & { getPairingState?: (id: string) => BaileysPairing })
    | undefined;
  if (!baileys?.getPairingState) return undefined;
  return async (channelAccountId: string) => {
    const s = baileys.getPairingState!(channelAccountId);
    if (!s) return { status: 'unavailable' as const };
    if (s.status === 'open') return { status: 'connected' as const };
    if (s.status === 'logged_out') return { status: 'disconnected' as const };
    return { status: 'pairing' as const, ...(s.qr ? { qr: await QRCode.toDataURL(s.qr, { margin: 1, width: 256 }) } : {}) };
  };
};

/** With a model configured: a short explanation of the quoted work, validated to carry no numbers or prices. */
const explainerFor = (config: Config, logger: Logger) => {
  const model = modelOptions(config);
  if (!model) return undefined;
  const assist = createQuoteAssist(model, logger);
  return async (complaint: string, services: readonly ServiceCode[]) => {
    const r = await assist.assist(complaint, { allowed: services });
    return r.source === 'llm' ? r.explanation : null;
  };
};

/** The composition root: everything is built here and passed down; nothing imports it back. */
export const createPlatform = async (config: Config, opts: PlatformOptions): Promise<Platform> => {
  const { logger } = opts;
  const now = opts.now ?? (() => new Date());
  if (opts.migrate ?? config.mode.database === 'embedded') {
    await migrate(config, (m) => logger.info(m));
  }
  const db = await openDatabase(config);
  const report = await verifyIsolation(db.pool, config.APP_DB_ROLE);
  if (!report.ok) {
    await db.close();
    throw new IsolationError(report.problems);
  }
  const tdb = createTenantDb(db, config.APP_DB_ROLE);
  const queues =
    config.mode.queue === 'bullmq'
      ? createBullmqQueues({ url: config.REDIS_URL!, prefix: config.QUEUE_PREFIX, lockMs: config.JOB_LOCK_MS })
      : createInProcessQueues();
  const keyMaterial = config.ENCRYPTION_KEY ?? (await loadOrCreateKey(config.DATA_DIR));
  const secrets = createSecretBox(keyMaterial);
  const derive = (purpose: string) => createHmac('sha256', keyMaterial).update(`motogestor:${purpose}`).digest('hex');
  const portalSecret = config.PORTAL_SECRET ?? derive('portal-links');
  const production = config.NODE_ENV === 'production';
  const loginLimiter = createLoginLimiter({
    windowMs: config.AUTH_LOGIN_WINDOW_MINUTES * 60_000,
    maxPerAccount: config.AUTH_LOGIN_MAX_FAILURES_ACCOUNT,
    maxPerIp: config.AUTH_LOGIN_MAX_FAILURES_IP,
    redisUrl: config.REDIS_URL,
    prefix: `${config.QUEUE_PREFIX}:login`,
  });
  const metrics = createMetrics();
  const rawIngest = createIngest({ tdb, queues, logger, burstWindowMs: config.BURST_WINDOW_MS });
  const ingest = async (msg: unknown) => {
    const r = await rawIngest(msg);
    metrics.inbound.inc({ status: r.status });
    return r;
  };
  const runtime: ChannelRuntime = {
    config,
    logger,
    tdb,
    queues,
    secrets,
    ingest,
    runStaffCommand: createRunStaffCommand({ tdb, queues, now, logger, notifiers: () => notifiers }),
    portalSecret,
    now,
  };
  // One module per kind; a later entry replaces an earlier one (tests override a default).
  const channels = [...new Map((opts.channels ?? defaultChannels(config)).map((c) => [c.kind, c] as const)).values()];
  const senders: Record<string, ChannelSender> = {
    ...Object.fromEntries(channels.flatMap((c) => (c.sender ? [[c.kind, c.sender(runtime)]] : []))),
    ...opts.senders,
  };
  const notifiers = [...channels.flatMap((c) => (c.notifier ? [c.notifier(runtime)] : [])), ...(opts.notifiers ?? [])];
  const buttons = new Map(channels.map((c) => [c.kind, c.buttons]));
  const mediaFetchers = new Map(channels.flatMap((c) => (c.fetchMedia ? [[c.kind, c.fetchMedia(runtime)] as const] : [])));
  const transcriber = createTranscriber(
    { baseURL: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY, model: config.OPENAI_TRANSCRIBE_MODEL, timeoutMs: config.OPENAI_TIMEOUT_MS },
    logger,
  );
  const running: { stop(): Promise<void> }[] = [];

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const traceId = incoming && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', traceId);
    const end = metrics.http.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (res.statusCode === 404 ? 'not_found' : 'other');
      end({ route: String(route), status: `${Math.floor(res.statusCode / 100)}xx` });
    });
    runWithContext({ traceId }, () => next());
  });
  app.use(
    express.json({
      limit: config.MAX_BODY_BYTES,
      verify: (req, _res, buf) => {
        (req as unknown as { rawBody: Buffer }).rawBody = buf; // webhook signatures are over the raw bytes
      },
    }),
  );
  app.use(express.urlencoded({ extended: false, limit: config.MAX_BODY_BYTES }));
  app.use(healthRoutes({ db, queues, startedAt: new Date() }));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  for (const c of channels) if (c.routes) app.use(c.routes(runtime));
  const apiReads = createReadLane(config);
  watchBulkhead(metrics, 'api_reads', apiReads.stats);
  app.use(
    '/api',
    apiRoutes({
      tdb,
      queues,
      secrets,
      logger,
      now,
      limiter: loginLimiter,
      readLane: apiReads,
      pairingState: pairingStateFrom(channels),
      auth: {
        jwtSecret: config.JWT_SECRET ?? derive('jwt'),
        accessTtlSeconds: config.AUTH_ACCESS_TTL_SECONDS,
        refreshTtlDays: config.AUTH_REFRESH_TTL_DAYS,
        cookieSecure: config.AUTH_COOKIE_SECURE ?? production,
        maxFailuresPerAccount: config.AUTH_LOGIN_MAX_FAILURES_ACCOUNT,
        maxFailuresPerIp: config.AUTH_LOGIN_MAX_FAILURES_IP,
        failureWindowMinutes: config.AUTH_LOGIN_WINDOW_MINUTES,
      },
    }),
  );
  app.use('/admin', adminStatic({ distDir: config.ADMIN_DIST_DIR, buildIfMissing: config.ADMIN_BUILD_IF_MISSING ?? !production }));
  app.get('/', (_req, res) => res.redirect('/admin/'));
  app.use(notFound);
  app.use(errorHandler(logger));

  const inContext = <T>(fn: (data: T) => Promise<unknown>) => async (data: T, job: { id: string; queue: string }) => {
    const end = metrics.jobs.startTimer({ queue: job.queue });
    try {
      const result = await runWithContext({ jobId: job.id }, () => fn(data));
      end({ result: typeof result === 'string' ? result : 'ok' });
    } catch (err) {
      end({ result: 'error' });
      throw err;
    }
  };

  return {
    config,
    db,
    tdb,
    queues,
    app,
    secrets,
    ingest,
    runtime,
    metrics,
    startWorkers: async () => {
      const runTurn = createRunTurn({
        tdb,
        queues,
        logger,
        flow: opts.flow ?? (customerFlow as Flow<unknown>),
        understand: nluFor(config, logger),
        now,
        burstWindowMs: config.BURST_WINDOW_MS,
        handoffMinutes: config.HANDOFF_TIMEOUT_MINUTES,
        buttons: (kind) => buttons.get(kind) ?? false,
        explainQuote: opts.explainQuote ?? explainerFor(config, logger),
        voiceNoteText: async (kind, channelAccountId, ref) => {
          const fetch = mediaFetchers.get(kind);
          if (!fetch) return null;
          const media = await fetch(channelAccountId, ref);
          return transcriber.transcribe({ bytes: media.bytes, mimeType: media.mimeType ?? 'audio/ogg' });
        },
        portalLink: (tenantId, orderId) =>
          portalLink(config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, portalSecret, { tenantId, orderId, ttlDays: config.PORTAL_LINK_TTL_DAYS }, now()),
      });
      const send = createSendMessage({
        tdb,
        logger,
        senders,
        openSecrets: (sealed) => (sealed ? secrets.openJson<Record<string, string>>(sealed) : {}),
      });
      const runEffect = createRunEffect({
        tdb,
        queues,
        logger,
        notifiers,
        secrets,
        paymentOptions: parsePaymentOptions(paymentOptionsFromConfig(config)),
      });
      const dlqSend = deadLetterSend({ tdb, logger });
      const concurrency = config.WORKER_CONCURRENCY;
      queues.process<TurnJob>(QUEUES.turn, inContext(runTurn), {
        concurrency,
        onDeadLetter: async (job, err) => logger.error({ messageId: job.messageId, err: err.message }, 'turn failed for good'),
      });
      queues.process<SendJob>(QUEUES.send, inContext((job: SendJob) => send(job, job.channel)), {
        concurrency,
        onDeadLetter: (job, err, info) => {
          metrics.deadLetters.inc({ queue: QUEUES.send });
          return dlqSend(job, err, info.attempt);
        },
      });
      queues.process<EffectJob>(QUEUES.effect, inContext(runEffect), {
        concurrency: Math.max(1, Math.floor(concurrency / 2)),
        onDeadLetter: async (job, err) => logger.error({ effectId: job.effectId, err: err.message }, 'effect failed for good'),
      });
      await recoverPendingWork({ db, queues, logger });
      const stopPurge = schedulePurge(db, logger);
      running.push({ stop: async () => stopPurge() });
      for (const c of channels) if (c.start) running.push(await c.start(runtime));
    },
    close: async () => {
      for (const r of running.splice(0)) await r.stop().catch(() => {});
      await loginLimiter.close();
      await queues.close();
      await db.close();
    },
  };
};
