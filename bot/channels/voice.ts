import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { voiceAdapter } from '../../channels/voice/adapter';
import { voiceCapabilities } from '../../channels/voice/capabilities';
import { voiceMessages } from '../../channels/voice/messages';
import { callerPhone, gatherParamsSchema } from '../../channels/voice/to-inbound';
import { outboundMessageSchema, type OutboundMessage } from '../../core/messaging/types';
import type { Prisma } from '../db/generated/client';
import { HttpError } from '../http/errors';
import { QUEUES, type SendJob } from '../pipeline/jobs';
import type { ChannelSender } from '../pipeline/senders';
import { safeJobId } from '../queue/types';
import type { ChannelModule, ChannelRuntime } from './module';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

/** Options the lead maps from config (see the final report for the variable names). */
export const voiceOptionsSchema = z.object({
  /**
   * VOICE_PUBLIC_URL: the public base URL Twilio calls (e.g. https://bot.example.com.br). Signatures are over
   * the exact URL Twilio requested, so behind a proxy set this; unset: PUBLIC_URL, then the request's
   * protocol + Host header.
   */
  publicUrl: z.string().url().optional(),
  /** VOICE_REPLY_WAIT_MS (default 8000): how long a gather waits for the bot's reply before handing over to WhatsApp. */
  replyWaitMs: z.number().int().min(0).max(14_000).default(8000),
  /** How often the committed replies are looked for while waiting. */
  pollMs: z.number().int().min(10).max(1000).default(100),
});
export type VoiceOptions = z.input<typeof voiceOptionsSchema>;

/** channel_accounts.settings for kind 'voice'. */
export const voiceSettingsSchema = z.object({
  voice: z.enum(['Polly.Camila', 'alice']).catch('Polly.Camila').default('Polly.Camila'),
  whatsappNumber: z.string().max(32).optional().catch(undefined),
});

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);
const secretsSchema = z.object({ authToken: z.string().min(1) });

interface VoiceAccount {
  readonly channelAccountId: string;
  readonly tenantId: string;
  readonly slug: string;
  readonly shopName: string;
  readonly authToken: string | null;
  readonly voice: 'Polly.Camila' | 'alice';
  readonly whatsapp: string | null;
}

/** channelMessageId of a voice reply handed over to WhatsApp (the forwarded message's id follows). */
const FORWARDED = 'forwarded:';
const WHATSAPP_KINDS = ['whatsapp_cloud', 'whatsapp_baileys'];
const CLOUD_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Slack past the gather's wait (clock skew between processes and the database, the last poll). */
const CALL_GRACE_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const sameMessage = (payload: unknown, text: string | null, message: OutboundMessage) => {
  const parsed = outboundMessageSchema.safeParse(payload ?? { text });
  return parsed.success && JSON.stringify(parsed.data) === JSON.stringify(message);
};
const followUpTemplate = (settings: unknown): string | undefined => {
  const t = (settings as { templates?: { followUp?: unknown } } | null)?.templates?.followUp;
  return typeof t === 'string' && t ? t : undefined;
};

/**
 * A call has no push: the gather's TwiML speaks the replies committed while the caller waits,
 * and claims them (status 'sent') in the same transaction. A reply this sender is asked to
 * deliver was therefore not spoken yet: once the call's wait is surely over it claims the row
 * itself (conditional update: the route and this sender never both get it) and forwards the
 * reply to the customer's WhatsApp conversation, as the caller was promised.
 */
export const createVoiceSender = (rt: ChannelRuntime, opts: z.output<typeof voiceOptionsSchema>): ChannelSender => ({
  send: async ({ account, to, message }) => {
    const owner = await rt.tdb.lookup.channelAccountById(account.id);
    if (!owner) return { externalMessageId: null };
    const tenantId = owner.tenantId;
    const find = () =>
      rt.tdb.withTenant(tenantId, async (tx) => {
        const conv = await tx.conversation.findFirst({ where: { channelAccountId: account.id, replyTo: to } });
        if (!conv) return null;
        const pending = await tx.message.findMany({
          where: { conversationId: conv.id, direction: 'out', status: { in: ['queued', 'failed'] } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, createdAt: true, payload: true, text: true },
        });
        const row = pending.find((m) => sameMessage(m.payload, m.text, message));
        if (!row) return null;
        const turn = await tx.message.findFirst({
          where: { conversationId: conv.id, direction: 'in', createdAt: { lte: row.createdAt } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          select: { createdAt: true },
        });
        return { conv, row, turnAt: turn?.createdAt ?? null };
      });
    const first = await find();
    if (!first) return { externalMessageId: null }; // already spoken on the call
    // While the caller may still be waiting, the call speaks it: wait until the gather gave up.
    const callOverAt = (first.turnAt?.getTime() ?? 0) + opts.replyWaitMs + opts.pollMs + CALL_GRACE_MS;
    await sleep(callOverAt - Date.now());
    const { conv, row } = first;
    const log = rt.logger.child({ channel: 'voice', tenantId, messageId: row.id });
    const forwarded = await rt.tdb.withTenant(tenantId, async (tx) => {
      const wa = { kind: { in: WHATSAPP_KINDS }, status: 'active' };
      let target = await tx.conversation.findFirst({
        where: { customerId: conv.customerId, channelAccount: wa },
        orderBy: [{ lastInboundAt: { sort: 'desc', nulls: 'last' } }, { updatedAt: 'desc' }],
        include: { channelAccount: { select: { kind: true, settings: true } } },
      });
      if (!target) {
        // No WhatsApp conversation of this customer: the shop's first WhatsApp number, to the caller's phone.
        const first = await tx.channelAccount.findFirst({ where: wa, orderBy: { createdAt: 'asc' }, select: { id: true } });
        target = first
          ? await tx.conversation.findFirst({
              where: { channelAccountId: first.id, replyTo: to },
              include: { channelAccount: { select: { kind: true, settings: true } } },
            })
          : null;
      }
      // WhatsApp's rules: the Cloud API needs the 24-hour window or a template; WhatsApp Web never
      // starts a conversation (the customer must have written to that number).
      let deliverable = false;
      if (target?.channelAccount.kind === 'whatsapp_cloud') {
        const last = target.lastInboundAt?.getTime();
        deliverable = (last !== undefined && rt.now().getTime() - last < CLOUD_WINDOW_MS) || followUpTemplate(target.channelAccount.settings) !== undefined;
      } else if (target?.channelAccount.kind === 'whatsapp_baileys') {
        deliverable = (await tx.message.count({ where: { conversationId: target.id, direction: 'in' } })) > 0;
      }
      if (!target || !deliverable) return { status: 'undeliverable' as const };
      const id = randomUUID();
      const claimed = await tx.message.updateMany({
        where: { id: row.id, status: { in: ['queued', 'failed'] } },
        data: { status: 'sent', sentAt: new Date(), channelMessageId: `${FORWARDED}${id}` },
      });
      if (claimed.count === 0) return { status: 'spoken' as const };
      await tx.message.create({
        data: {
          id,
          tenantId,
          conversationId: target.id,
          channelAccountId: target.channelAccountId,
          direction: 'out',
          text: message.text,
          payload: message as Prisma.InputJsonValue,
          status: 'queued',
        },
      });
      return { status: 'forwarded' as const, id, kind: target.channelAccount.kind };
    });
    if (forwarded.status === 'undeliverable') {
      log.warn('late call reply not forwarded: the customer has no WhatsApp conversation this shop may write to');
      return { externalMessageId: null };
    }
    if (forwarded.status === 'spoken') return { externalMessageId: null };
    await rt.queues.add<SendJob>(
      QUEUES.send,
      { tenantId, messageId: forwarded.id, channel: forwarded.kind },
      { jobId: safeJobId('send', forwarded.id), attempts: 8, backoffMs: 1000 },
    );
    log.info({ forwardedId: forwarded.id }, 'late call reply forwarded to WhatsApp');
    return { externalMessageId: `${FORWARDED}${forwarded.id}` };
  },
});

const loadAccount = async (rt: ChannelRuntime, slugRaw: unknown): Promise<VoiceAccount> => {
  const slug = slugSchema.safeParse(slugRaw);
  const found = slug.success ? await rt.tdb.lookup.channelAccount('voice', slug.data) : null;
  if (!slug.success || !found) throw new HttpError(404, 'UNKNOWN_TENANT', 'Oficina não encontrada.');
  const [row, tenant] = await rt.tdb.withTenant(found.tenantId, (tx) =>
    Promise.all([
      tx.channelAccount.findUnique({ where: { id: found.channelAccountId }, select: { secretsEnc: true, settings: true, status: true } }),
      tx.tenant.findUnique({ where: { id: found.tenantId }, select: { name: true } }),
    ]),
  );
  if (!row || !tenant) throw new HttpError(404, 'UNKNOWN_TENANT', 'Oficina não encontrada.');
  let authToken: string | null = null;
  try {
    const parsed = secretsSchema.safeParse(row.secretsEnc ? rt.secrets.openJson(row.secretsEnc) : null);
    authToken = parsed.success ? parsed.data.authToken : null;
  } catch {
    authToken = null;
  }
  if (!authToken) rt.logger.error({ channelAccountId: found.channelAccountId }, 'voice channel has no usable auth token');
  const settings = voiceSettingsSchema.parse(row.settings ?? {});
  const phone = settings.whatsappNumber ? callerPhone(settings.whatsappNumber) : null;
  return {
    channelAccountId: found.channelAccountId,
    tenantId: found.tenantId,
    slug: slug.data,
    shopName: tenant.name,
    authToken,
    voice: settings.voice,
    whatsapp: phone,
  };
};

/** Twilio signs the full URL it requested plus the sorted POST params (HMAC-SHA1, X-Twilio-Signature). */
const verifySignature = (req: Request, authToken: string | null, publicBase: string | undefined): boolean => {
  const signature = req.get('x-twilio-signature');
  if (!authToken || !signature) return false;
  const base = publicBase ? publicBase.replace(/\/+$/, '') : `${req.protocol}://${req.get('host') ?? ''}`;
  const params = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  return twilio.validateRequest(authToken, signature, `${base}${req.originalUrl}`, params);
};

const gatherUrl = (publicBase: string | undefined, slug: string, turn: number) =>
  `${publicBase ? publicBase.replace(/\/+$/, '') : ''}/webhooks/voice/${slug}/gather?t=${turn}`;

const say = (node: { say: VoiceResponse['say'] }, account: VoiceAccount, text: string) =>
  node.say({ language: 'pt-BR', voice: account.voice }, text);

/** Speaks `lines` inside a speech Gather (the caller may talk over them), then closes politely if silent. */
const listen = (account: VoiceAccount, action: string, lines: readonly string[]): string => {
  const vr = new twilio.twiml.VoiceResponse();
  const gather = vr.gather({ input: ['speech'], language: 'pt-BR', action, method: 'POST', speechTimeout: 'auto' });
  for (const line of lines) say(gather, account, line);
  say(vr, account, voiceMessages.noInput(account.whatsapp));
  vr.hangup();
  return vr.toString();
};

const goodbye = (account: VoiceAccount, text: string): string => {
  const vr = new twilio.twiml.VoiceResponse();
  say(vr, account, text);
  vr.hangup();
  return vr.toString();
};

const sendTwiml = (res: Response, xml: string) => res.status(200).type('text/xml').send(xml);

/** The replies committed for the turn that took this inbound message, or null while it is not processed yet. */
const repliesOfTurn = async (rt: ChannelRuntime, account: VoiceAccount, externalMessageId: string): Promise<string[] | null> =>
  rt.tdb.withTenant(account.tenantId, async (tx) => {
    const inbound = await tx.message.findUnique({
      where: { channelAccountId_channelMessageId: { channelAccountId: account.channelAccountId, channelMessageId: externalMessageId } },
      select: { conversationId: true, createdAt: true, status: true },
    });
    if (!inbound || inbound.status === 'received') return null;
    const next = await tx.message.findFirst({
      where: { conversationId: inbound.conversationId, direction: 'in', createdAt: { gt: inbound.createdAt } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { createdAt: true },
    });
    const where = {
      conversationId: inbound.conversationId,
      direction: 'out',
      status: { not: 'dead' },
      createdAt: { gte: inbound.createdAt, ...(next ? { lt: next.createdAt } : {}) },
    };
    // Claim what the caller is about to hear, so the sender does not forward it to WhatsApp.
    // Re-read after the conditional update: a reply the sender claimed first went to WhatsApp.
    await tx.message.updateMany({ where: { ...where, status: { in: ['queued', 'failed'] } }, data: { status: 'sent', sentAt: new Date() } });
    const out = await tx.message.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { payload: true, text: true, channelMessageId: true } });
    return out.flatMap((m) => {
      if (m.channelMessageId?.startsWith(FORWARDED)) return [];
      const msg = outboundMessageSchema.safeParse(m.payload ?? { text: m.text });
      return msg.success ? [voiceAdapter.toOutbound(msg.data, '').speech] : [];
    });
  });

const waitForReplies = async (rt: ChannelRuntime, opts: z.output<typeof voiceOptionsSchema>, account: VoiceAccount, id: string) => {
  const deadline = Date.now() + opts.replyWaitMs;
  for (;;) {
    const replies = await repliesOfTurn(rt, account, id);
    if (replies !== null || Date.now() >= deadline) return replies;
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
};

const voiceRoutes = (rt: ChannelRuntime, opts: z.output<typeof voiceOptionsSchema>): Router => {
  const publicBase = opts.publicUrl ?? rt.config.PUBLIC_URL;
  const r = Router();

  const verified = async (req: Request): Promise<VoiceAccount> => {
    const account = await loadAccount(rt, req.params.tenantSlug);
    if (!req.is('application/x-www-form-urlencoded')) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Envie application/x-www-form-urlencoded.');
    if (!verifySignature(req, account.authToken, publicBase)) {
      rt.logger.warn({ channelAccountId: account.channelAccountId }, 'voice webhook with a bad signature rejected');
      throw new HttpError(403, 'INVALID_SIGNATURE', 'Assinatura inválida.');
    }
    return account;
  };

  r.post('/webhooks/voice/:tenantSlug', async (req, res) => {
    const account = await verified(req);
    sendTwiml(res, listen(account, gatherUrl(publicBase, account.slug, 1), [voiceMessages.greeting(account.shopName)]));
  });

  r.post('/webhooks/voice/:tenantSlug/gather', async (req, res) => {
    const account = await verified(req);
    const raw = { ...(req.body as Record<string, unknown>), turn: req.query.t };
    const params = gatherParamsSchema.safeParse(raw);
    if (!params.success) throw new HttpError(400, 'INVALID_GATHER', 'Parâmetros da ligação inválidos.');
    const parsed = voiceAdapter.toInbound(raw, { channelAccountId: account.channelAccountId, now: rt.now() });
    const msg = parsed.ok ? parsed.messages[0] : undefined;
    if (!msg) {
      if (!callerPhone(params.data.From)) return sendTwiml(res, goodbye(account, voiceMessages.callerUnknown));
      return sendTwiml(res, listen(account, gatherUrl(publicBase, account.slug, params.data.turn), [voiceMessages.listening]));
    }
    const result = await rt.ingest(msg);
    if (result.status === 'invalid') throw new HttpError(400, 'INVALID_GATHER', 'Parâmetros da ligação inválidos.');
    if (result.status === 'unknown_channel') throw new HttpError(404, 'UNKNOWN_TENANT', 'Oficina não encontrada.');
    if (result.status === 'channel_disabled') return sendTwiml(res, goodbye(account, voiceMessages.unavailable));
    const replies = await waitForReplies(rt, opts, account, msg.externalMessageId);
    if (!replies?.length) return sendTwiml(res, goodbye(account, voiceMessages.noReplyInTime(account.whatsapp)));
    sendTwiml(res, listen(account, gatherUrl(publicBase, account.slug, params.data.turn + 1), replies));
  });
  return r;
};

/**
 * The phone channel (Twilio-compatible Programmable Voice webhooks). One account per shop:
 * kind 'voice', external_id = the shop's slug, secrets { authToken }, settings { voice, whatsappNumber? }.
 */
export const voiceChannel = (input: VoiceOptions = {}): ChannelModule => {
  const opts = voiceOptionsSchema.parse(input);
  return {
    kind: 'voice',
    buttons: voiceCapabilities.buttons,
    sender: (rt) => createVoiceSender(rt, opts),
    routes: (rt) => voiceRoutes(rt, opts),
  };
};
