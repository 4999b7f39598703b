import { randomUUID } from 'node:crypto';
import { downloadMediaMessage, makeWASocket } from '@whiskeysockets/baileys';
import { z } from 'zod';
import { baileysCapabilities } from '../../channels/whatsapp-baileys/capabilities';
import { jidForAddress } from '../../channels/whatsapp-baileys/to-inbound';
import { baileysToOutbound } from '../../channels/whatsapp-baileys/to-outbound';
import { baileysMessages } from '../../channels/whatsapp-baileys/messages';
import { PermanentSendError, type ChannelSender } from '../pipeline/senders';
import type { ChannelModule } from './module';
import {
  createBaileysSession,
  type BaileysRuntime,
  type BaileysSession,
  type BaileysSocketLike,
  type DownloadMedia,
  type MakeSocket,
  type PairingState,
} from './whatsapp-baileys-session';
import { createLocalLeaseStore, createRedisLeaseStore, type LeaseStore } from './whatsapp-baileys-lease';

/** Configuration of the WhatsApp Web channel (the lead maps these from bot/config.ts). */
export const baileysOptionsSchema = z.object({
  /** BAILEYS_LEASE_TTL_MS: a dead process's sessions move after about this long. */
  leaseTtlMs: z.coerce.number().int().min(500).default(30_000),
  /** BAILEYS_SCAN_INTERVAL_MS: how often unowned sessions are looked for. */
  scanIntervalMs: z.coerce.number().int().min(100).default(15_000),
  /** BAILEYS_LEASE_PREFIX: Redis key prefix of the leases. */
  leasePrefix: z.string().min(1).default('mg:baileys:lease'),
  /** BAILEYS_BACKOFF_BASE_MS / BAILEYS_BACKOFF_MAX_MS: reconnect backoff. */
  backoffBaseMs: z.coerce.number().int().min(1).default(1_000),
  backoffMaxMs: z.coerce.number().int().min(1).default(60_000),
  /** BAILEYS_MIN_GAP_MS, BAILEYS_PER_CHAT_PER_MINUTE, BAILEYS_PER_NUMBER_PER_MINUTE. */
  minGapMs: z.coerce.number().int().min(0).default(2_000),
  perDestinationPerMinute: z.coerce.number().int().min(1).default(20),
  perNumberPerMinute: z.coerce.number().int().min(1).default(30),
  /** BAILEYS_TYPING_MS_PER_CHAR, BAILEYS_TYPING_MIN_MS, BAILEYS_TYPING_MAX_MS. */
  typingMsPerChar: z.coerce.number().min(0).default(40),
  typingMinMs: z.coerce.number().int().min(0).default(600),
  typingMaxMs: z.coerce.number().int().min(0).default(6_000),
});
export type BaileysOptions = z.input<typeof baileysOptionsSchema>;

export interface BaileysModuleDeps {
  /** Replaces Baileys' makeWASocket (tests use a fake socket). */
  readonly makeSocket?: MakeSocket;
  /** Replaces Baileys' downloadMediaMessage (tests serve fake audio bytes). */
  readonly downloadMedia?: DownloadMedia;
  /** Leases; defaults to Redis at REDIS_URL, or in-memory when there is no Redis. */
  readonly leases?: LeaseStore;
  /** This process's lease holder id. */
  readonly holderId?: string;
  /** Restricts which accounts this process tries to own (tests running in parallel). */
  readonly accountFilter?: (channelAccountId: string) => boolean;
}

const realMakeSocket =
  (rt: BaileysRuntime): MakeSocket =>
  (cfg) =>
    makeWASocket({
      auth: cfg.auth,
      getMessage: cfg.getMessage,
      msgRetryCounterCache: cfg.msgRetryCounterCache,
      markOnlineOnConnect: false,
      syncFullHistory: false,
      logger: rt.logger.child({ module: 'baileys', channelAccountId: cfg.channelAccountId }, { level: 'error' }) as never,
    }) as unknown as BaileysSocketLike;

const realDownloadMedia =
  (rt: BaileysRuntime): DownloadMedia =>
  async (message, sock) => {
    const logger = rt.logger.child({ module: 'baileys-media' }, { level: 'error' }) as never;
    const reupload = sock?.updateMediaMessage?.bind(sock);
    const buf = await downloadMediaMessage(message, 'buffer', {}, reupload ? { reuploadRequest: reupload, logger } : undefined);
    return new Uint8Array(buf);
  };

const NIL_TENANT = '00000000-0000-0000-0000-000000000000';

/** Every whatsapp_baileys account, across tenants, through the SECURITY DEFINER function. */
const listAccounts = async (rt: BaileysRuntime) =>
  rt.tdb.withTenant(NIL_TENANT, (tx) =>
    tx.$queryRaw<{ channel_account_id: string; tenant_id: string; status: string }[]>`SELECT * FROM list_baileys_channel_accounts()`,
  );

/**
 * Runs the WhatsApp Web sessions this process owns. Each session is owned through a
 * lease (renewed every ttl/3); a process that loses it stops that session at once, and
 * the periodic scan picks up sessions whose owner died.
 */
export const createBaileysManager = (rt: BaileysRuntime, options: BaileysOptions = {}, deps: BaileysModuleDeps = {}) => {
  const opts = baileysOptionsSchema.parse(options);
  const holder = deps.holderId ?? `${process.pid}-${randomUUID()}`;
  const leases =
    deps.leases ?? (rt.config.REDIS_URL ? createRedisLeaseStore(rt.config.REDIS_URL, opts.leasePrefix) : createLocalLeaseStore());
  const makeSocket = deps.makeSocket ?? realMakeSocket(rt);
  const downloadMedia = deps.downloadMedia ?? realDownloadMedia(rt);
  const sessions = new Map<string, { session: BaileysSession; renew: NodeJS.Timeout }>();
  const ended = new Map<string, PairingState>();
  let scanTimer: NodeJS.Timeout | null = null;
  let scanning: Promise<void> = Promise.resolve();
  let closed = false;
  const log = rt.logger.child({ channel: 'whatsapp_baileys', holder });

  const drop = async (id: string, release: boolean) => {
    const s = sessions.get(id);
    if (!s) return;
    sessions.delete(id);
    clearInterval(s.renew);
    await s.session.stop();
    if (release) await leases.release(id, holder).catch(() => {});
  };

  const own = async (account: { channel_account_id: string; tenant_id: string }) => {
    const id = account.channel_account_id;
    if (sessions.has(id) || !(await leases.acquire(id, holder, opts.leaseTtlMs))) return;
    // The scan's list may be stale: a session that just logged out marks its account
    // before releasing the lease, so re-read the account now that we hold the lease.
    const fresh = await rt.tdb.withTenant(account.tenant_id, (tx) =>
      tx.channelAccount.findUnique({ where: { id }, select: { status: true } }),
    );
    if (fresh?.status !== 'active' || sessions.has(id)) {
      await leases.release(id, holder).catch(() => {});
      return;
    }
    const session = createBaileysSession({
      rt,
      tenantId: account.tenant_id,
      channelAccountId: id,
      makeSocket,
      downloadMedia,
      options: { backoffBaseMs: opts.backoffBaseMs, backoffMaxMs: opts.backoffMaxMs, limits: opts },
      onEnded: () => {
        ended.set(id, session.pairingState());
        void drop(id, true);
      },
    });
    const renew = setInterval(() => {
      leases.renew(id, holder, opts.leaseTtlMs).then(
        (ok) => {
          if (!ok) {
            log.warn({ channelAccountId: id }, 'baileys lease lost; session stopped');
            void drop(id, false);
          }
        },
        () => {
          // Redis unreachable: we cannot prove ownership, so we must not keep running.
          void drop(id, false);
        },
      );
    }, Math.max(100, Math.floor(opts.leaseTtlMs / 3)));
    sessions.set(id, { session, renew });
    ended.delete(id);
    log.info({ channelAccountId: id }, 'baileys session owned');
    await session.start();
  };

  const scan = async () => {
    const accounts = await listAccounts(rt);
    for (const a of accounts) {
      if (closed) return;
      if (a.status !== 'active' || (deps.accountFilter && !deps.accountFilter(a.channel_account_id))) continue;
      await own(a).catch((err: Error) => log.error({ err: err.message, channelAccountId: a.channel_account_id }, 'baileys own failed'));
    }
  };

  return {
    holder,
    start: async () => {
      const tick = () => {
        scanning = scan().catch((err: Error) => log.error({ err: err.message }, 'baileys scan failed'));
        return scanning;
      };
      await tick();
      scanTimer = setInterval(() => void tick(), opts.scanIntervalMs);
    },
    /** Stops every session and releases their leases. */
    stop: async () => {
      closed = true;
      if (scanTimer) clearInterval(scanTimer);
      await scanning;
      await Promise.all([...sessions.keys()].map((id) => drop(id, true)));
      if (!deps.leases) await leases.close();
    },
    /** Tests: dies like a killed process (no release, no more renewals). */
    crash: async () => {
      closed = true;
      if (scanTimer) clearInterval(scanTimer);
      await scanning;
      await Promise.all([...sessions.keys()].map((id) => drop(id, false)));
    },
    owned: (): string[] => [...sessions.keys()],
    getPairingState: (channelAccountId: string): PairingState | null =>
      sessions.get(channelAccountId)?.session.pairingState() ?? ended.get(channelAccountId) ?? null,
    requestPairingCode: async (channelAccountId: string, phone: string): Promise<string | null> => {
      const s = sessions.get(channelAccountId);
      return s ? s.session.requestPairingCode(phone) : null;
    },
    session: (channelAccountId: string): BaileysSession | null => sessions.get(channelAccountId)?.session ?? null,
  };
};
export type BaileysManager = ReturnType<typeof createBaileysManager>;

/** Replies through the session this process owns; refuses numbers that never wrote to the shop. */
const baileysSender = (rt: BaileysRuntime, manager: () => BaileysManager | null): ChannelSender => ({
  send: async ({ account, to, message, fromPart }) => {
    // One WhatsApp text per reply (the Pix code inside it): a recorded part means it went out.
    if (fromPart >= 1) return { externalMessageId: null };
    const jid = jidForAddress(to);
    if (!jid) throw new PermanentSendError(`destino inválido para WhatsApp: ${to.slice(0, 4)}…`, 'INVALID_DESTINATION');
    const session = manager()?.session(account.id);
    if (!session) throw new Error(baileysMessages.notOwned);
    const wrote = await rt.tdb.withTenant(session.tenantId, (tx) =>
      tx.message.findFirst({
        where: { channelAccountId: account.id, direction: 'in', conversation: { replyTo: to } },
        select: { id: true },
      }),
    );
    const id = await session.send(jid, baileysToOutbound(message).text, wrote !== null);
    return { externalMessageId: id, partsSent: 1 };
  },
});

/**
 * The WhatsApp Web channel. `handle.manager` exposes pairing state (QR / pairing code)
 * for the admin web once the module has started.
 */
export const whatsappBaileysChannel = (options: BaileysOptions = {}, deps: BaileysModuleDeps = {}) => {
  let manager: BaileysManager | null = null;
  const module: ChannelModule = {
    kind: 'whatsapp_baileys',
    buttons: baileysCapabilities.buttons,
    sender: (rt) => baileysSender(rt, () => manager),
    // Only the process running the number's session holds the received message (and its
    // media key); elsewhere this throws and the turn asks the customer to write.
    fetchMedia: () => async (channelAccountId, ref) => {
      const session = manager?.session(channelAccountId);
      if (!session) throw new Error(baileysMessages.notOwned);
      return session.downloadAudio(ref);
    },
    start: async (rt) => {
      const m = createBaileysManager(rt, options, deps);
      manager = m;
      await m.start();
      return { stop: () => m.stop() };
    },
  };
  return Object.assign(module, {
    manager: () => manager,
    /** For the admin web: the latest QR / pairing code, or null when this process does not run that number. */
    getPairingState: (channelAccountId: string) => manager?.getPairingState(channelAccountId) ?? null,
    requestPairingCode: async (channelAccountId: string, phone: string) => (manager ? manager.requestPairingCode(channelAccountId, phone) : null),
  });
};
