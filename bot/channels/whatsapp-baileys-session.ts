import type { AuthenticationState, BaileysEventMap, CacheStore, WAMessage, WAMessageKey, proto } from '@whiskeysockets/baileys';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { baileysAdapter } from '../../channels/whatsapp-baileys/adapter';
import { baileysMessages } from '../../channels/whatsapp-baileys/messages';
import { emptyGovernorState, planSend, type GovernorLimits, type GovernorState } from '../../channels/whatsapp-baileys/governor';
import { PermanentSendError } from '../pipeline/senders';
import type { ChannelRuntime } from './module';
import { createDbAuthState, type DbAuthState } from './whatsapp-baileys-auth';

type Ev = 'messages.upsert' | 'connection.update' | 'creds.update';

/** The part of Baileys' WASocket we use; the real socket and the test fake both fit. */
export interface BaileysSocketLike {
  readonly ev: { on<E extends Ev>(event: E, listener: (arg: BaileysEventMap[E]) => void): unknown };
  sendMessage(jid: string, content: { text: string }): Promise<{ key?: { id?: string | null } } | undefined>;
  sendPresenceUpdate(type: 'composing' | 'paused', jid?: string): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): unknown;
  logout(msg?: string): Promise<void>;
  /** Asks the sender's phone to re-upload expired media (the real socket has it). */
  updateMediaMessage?(message: WAMessage): Promise<WAMessage>;
}

/** Downloads (and decrypts) a received media message's bytes; replaces Baileys' downloadMediaMessage in tests. */
export type DownloadMedia = (message: WAMessage, sock: BaileysSocketLike | null) => Promise<Uint8Array>;

/** How many recent voice notes a session keeps to download on demand, and for how long. */
const RECENT_AUDIO_MAX = 500;
const RECENT_AUDIO_TTL_MS = 30 * 60_000;

export type MakeSocket = (cfg: {
  readonly auth: AuthenticationState;
  readonly getMessage: (key: WAMessageKey) => Promise<proto.IMessage | undefined>;
  readonly msgRetryCounterCache: CacheStore;
  readonly channelAccountId: string;
}) => BaileysSocketLike;

/** What a Baileys session needs from the platform. */
export type BaileysRuntime = Pick<ChannelRuntime, 'config' | 'logger' | 'tdb' | 'secrets' | 'ingest' | 'now'>;

export interface PairingState {
  readonly status: 'connecting' | 'qr' | 'open' | 'logged_out';
  readonly qr?: string;
  readonly pairingCode?: string;
}

export interface SessionOptions {
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly limits: GovernorLimits;
}

/** Baileys' retry counter store: a small in-memory map whose entries expire. */
export const createTtlCache = (ttlMs: number, maxEntries = 10_000): CacheStore => {
  const map = new Map<string, { v: unknown; until: number }>();
  return {
    get: <T>(key: string) => {
      const e = map.get(key);
      if (!e) return undefined;
      if (e.until <= Date.now()) {
        map.delete(key);
        return undefined;
      }
      return e.v as T;
    },
    set: <T>(key: string, value: T) => {
      if (map.size >= maxEntries) map.delete(map.keys().next().value as string);
      map.set(key, { v: value, until: Date.now() + ttlMs });
    },
    del: (key: string) => {
      map.delete(key);
    },
    flushAll: () => map.clear(),
  };
};

const statusCodeOf = (err: unknown): number | undefined =>
  (err as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;

const STOP_CODES = new Set<number>([DisconnectReason.loggedOut, DisconnectReason.connectionReplaced, DisconnectReason.forbidden]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * One WhatsApp Web number, run by the process that holds its lease: keeps the socket
 * connected (backoff by disconnect reason), ingests customer messages in order, and
 * sends replies through the governor.
 */
export const createBaileysSession = (deps: {
  readonly rt: BaileysRuntime;
  readonly tenantId: string;
  readonly channelAccountId: string;
  readonly makeSocket: MakeSocket;
  readonly downloadMedia: DownloadMedia;
  readonly options: SessionOptions;
  /** Called once when the session ends by itself (logged out, replaced). */
  readonly onEnded: () => void;
}) => {
  const { rt, tenantId, channelAccountId, options } = deps;
  const log = rt.logger.child({ channel: 'whatsapp_baileys', channelAccountId, tenantId });
  const retryCache = createTtlCache(10 * 60_000);
  // Voice notes received by this session, by key id, so the turn can download them later.
  // Kept in memory (bounded, expiring) rather than rebuilt from the database: downloading
  // needs the message's mediaKey, a decryption secret we do not want stored in plain rows,
  // and the turn runs seconds after the message arrives. A note received by another
  // process, or long ago, is unknown here and the customer is asked to write.
  const recentAudio = createTtlCache(RECENT_AUDIO_TTL_MS, RECENT_AUDIO_MAX);
  let auth: DbAuthState | null = null;
  let sock: BaileysSocketLike | null = null;
  let open = false;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let pairing: PairingState = { status: 'connecting' };
  let governor: GovernorState = emptyGovernorState();
  let inboundChain: Promise<unknown> = Promise.resolve();
  const sendChains = new Map<string, Promise<unknown>>();
  const lastSentAt = new Map<string, number>();

  const getMessage = async (key: WAMessageKey): Promise<proto.IMessage | undefined> => {
    if (!key.id) return undefined;
    const row = await rt.tdb.withTenant(tenantId, (tx) =>
      tx.message.findUnique({ where: { channelAccountId_channelMessageId: { channelAccountId, channelMessageId: key.id! } } }),
    );
    return row?.text ? { conversation: row.text } : undefined;
  };

  const onUpsert = (event: BaileysEventMap['messages.upsert']) => {
    for (const raw of event.messages) {
      if (raw.message?.audioMessage && raw.key?.id && !raw.key.fromMe) recentAudio.set(raw.key.id, raw);
    }
    const converted = baileysAdapter.toInbound(event, { channelAccountId, now: rt.now() });
    if (!converted.ok) return;
    for (const m of converted.messages) {
      inboundChain = inboundChain
        .then(async () => {
          const r = await rt.ingest(m);
          if (r.status !== 'accepted' && r.status !== 'duplicate') log.warn({ status: r.status }, 'baileys inbound not accepted');
        })
        .catch((err: Error) => log.error({ err: err.message }, 'baileys inbound failed'));
    }
  };

  const markLoggedOut = async () => {
    pairing = { status: 'logged_out' };
    await auth?.clear();
    await rt.tdb.withTenant(tenantId, async (tx) => {
      const account = await tx.channelAccount.update({ where: { id: channelAccountId }, data: { status: 'logged_out' } });
      const name = account.displayName ?? account.externalId;
      await tx.notification.upsert({
        where: { tenantId_idempotencyKey: { tenantId, idempotencyKey: `baileys-logged-out:${channelAccountId}:${account.updatedAt.toISOString()}` } },
        create: {
          tenantId,
          kind: 'whatsapp_logged_out',
          text: baileysMessages.loggedOut(name),
          idempotencyKey: `baileys-logged-out:${channelAccountId}:${account.updatedAt.toISOString()}`,
        },
        update: {},
      });
    });
  };

  const scheduleReconnect = () => {
    const delay = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** attempt);
    attempt++;
    log.warn({ attempt, delay }, 'baileys reconnecting');
    timer = setTimeout(() => void connect(), delay);
  };

  const onConnection = async (u: BaileysEventMap['connection.update']) => {
    if (u.qr) pairing = { status: 'qr', qr: u.qr, ...(pairing.pairingCode ? { pairingCode: pairing.pairingCode } : {}) };
    if (u.connection === 'open') {
      open = true;
      attempt = 0;
      pairing = { status: 'open' };
      log.info('baileys session open');
    }
    if (u.connection !== 'close' || stopped) return;
    open = false;
    sock = null;
    const code = statusCodeOf(u.lastDisconnect?.error);
    if (code !== undefined && STOP_CODES.has(code)) {
      stopped = true;
      if (code === DisconnectReason.loggedOut) await markLoggedOut().catch((err: Error) => log.error({ err: err.message }, 'mark logged out failed'));
      log.warn({ code }, 'baileys session ended');
      deps.onEnded();
      return;
    }
    if (code === DisconnectReason.badSession) {
      await auth?.clear();
      auth = null; // fresh creds: the number pairs again
    }
    if (code === DisconnectReason.restartRequired) attempt = 0; // expected right after pairing
    scheduleReconnect();
  };

  const connect = async () => {
    if (stopped) return;
    try {
      auth ??= await createDbAuthState({ tdb: rt.tdb, secrets: rt.secrets, tenantId, channelAccountId });
      const a = auth;
      if (pairing.status !== 'qr') pairing = { status: 'connecting' };
      const s = deps.makeSocket({ auth: a.state, getMessage, msgRetryCounterCache: retryCache, channelAccountId });
      sock = s;
      s.ev.on('creds.update', (update) => {
        Object.assign(a.state.creds, update);
        a.saveCreds().catch((err: Error) => log.error({ err: err.message }, 'baileys creds save failed'));
      });
      s.ev.on('connection.update', (u) => void onConnection(u).catch((err: Error) => log.error({ err: err.message }, 'connection handler failed')));
      s.ev.on('messages.upsert', onUpsert);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'baileys connect failed');
      scheduleReconnect();
    }
  };

  return {
    channelAccountId,
    tenantId,
    start: () => connect(),
    /** Ends the socket without logging out: the number stays paired for the next owner. */
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const s = sock;
      sock = null;
      open = false;
      await Promise.resolve(s?.end(undefined)).catch(() => {});
      await inboundChain;
    },
    pairingState: (): PairingState => pairing,
    requestPairingCode: async (phone: string): Promise<string> => {
      if (!sock) throw new Error(baileysMessages.notConnected);
      const code = await sock.requestPairingCode(phone.replace(/\D/g, ''));
      pairing = { ...pairing, pairingCode: code };
      return code;
    },
    /** Downloads a voice note this session received (ref = its message key id). */
    downloadAudio: async (ref: string): Promise<{ bytes: Uint8Array; mimeType: string | null }> => {
      const msg = await recentAudio.get<WAMessage>(ref);
      if (!msg?.message?.audioMessage) throw new Error(baileysMessages.audioUnknown);
      const bytes = await deps.downloadMedia(msg, sock);
      return { bytes, mimeType: msg.message.audioMessage.mimetype ?? null };
    },
    /** Sends one text, spaced by the governor; refuses numbers that never wrote to us. */
    send: (jid: string, text: string, customerWroteFirst: boolean): Promise<string | null> => {
      const plan = planSend(governor, { to: jid, now: Date.now(), textLength: text.length, customerWroteFirst }, options.limits);
      if (!plan.ok) return Promise.reject(new PermanentSendError(baileysMessages.coldOutreach, plan.code));
      governor = plan.state;
      // One chat's messages go out one after another, each at least minGap after the
      // previous one actually left, even when timers fire late under load.
      const run = async (): Promise<string | null> => {
        await sleep(plan.sendAt - plan.typingMs - Date.now());
        if (!sock || !open) throw new Error(baileysMessages.notConnected);
        const s = sock;
        await s.sendPresenceUpdate('composing', jid).catch(() => {});
        await sleep(Math.max(plan.sendAt, (lastSentAt.get(jid) ?? 0) + options.limits.minGapMs) - Date.now());
        const sent = await s.sendMessage(jid, { text });
        lastSentAt.set(jid, Date.now());
        await s.sendPresenceUpdate('paused', jid).catch(() => {});
        return sent?.key?.id ?? null;
      };
      const result = (sendChains.get(jid) ?? Promise.resolve()).then(run, run);
      const tail = result.catch(() => undefined);
      sendChains.set(jid, tail);
      void tail.then(() => {
        if (sendChains.get(jid) === tail) sendChains.delete(jid);
      });
      return result;
    },
  };
};

export type BaileysSession = ReturnType<typeof createBaileysSession>;
