import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { whatsappCloudAdapter } from '../../channels/whatsapp-cloud/adapter';
import { fetchGraphMedia, GraphApiError, sendGraphMessage, type FetchedMedia, type GraphOptions } from '../../channels/whatsapp-cloud/graph-client';
import { waMessages } from '../../channels/whatsapp-cloud/messages';
import { sameSecret, verifySignature } from '../../channels/whatsapp-cloud/signature';
import { changesOf, valueToInbound, valueToStatuses, type StatusUpdate, type WaChange } from '../../channels/whatsapp-cloud/to-inbound';
import { templateMessage, toGraphMessages, type GraphMessageBody } from '../../channels/whatsapp-cloud/to-outbound';
import { deliverParts, PermanentSendError, type ChannelSender } from '../pipeline/senders';
import type { ChannelModule, ChannelRuntime } from './module';

/** App-level options (one Meta app serves every shop); per-shop data lives in channel_accounts. */
export const whatsappCloudOptionsSchema = z.object({
  /** Meta app secret: signs every webhook (X-Hub-Signature-256). Webhooks answer 503 without it. */
  appSecret: z.string().min(1).optional(),
  /** Token typed into Meta's webhook settings, echoed back in the GET handshake. */
  verifyToken: z.string().min(1).optional(),
  graphUrl: z.string().url().default('https://graph.facebook.com'),
  graphVersion: z.string().regex(/^v\d+\.\d+$/).default('v21.0'),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  mediaMaxBytes: z.number().int().min(1024).default(16 * 1024 * 1024),
});
export type WhatsappCloudOptions = z.input<typeof whatsappCloudOptionsSchema>;

const KIND = 'whatsapp_cloud';
const WINDOW_MS = 24 * 60 * 60 * 1000;

/** A failure the send queue must retry later (Graph throttling); the message is never dropped. */
export class RetryableSendError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'RetryableSendError';
  }
}

const accountSettingsSchema = z.object({ templates: z.object({ followUp: z.string().min(1).max(512).optional() }).optional() }).passthrough();

const tokenOf = (secrets: Record<string, string>): string => {
  const token = secrets.accessToken;
  if (!token) throw new PermanentSendError('Conta WhatsApp Cloud sem accessToken configurado.', 'WHATSAPP_NO_TOKEN');
  return token;
};

/** The conversation's 24-hour window and the account's follow-up template, read within the tenant. */
const windowFor = async (rt: ChannelRuntime, accountId: string, to: string) => {
  const owner = await rt.tdb.lookup.channelAccountById(accountId);
  if (!owner) throw new PermanentSendError('Conta WhatsApp Cloud não encontrada.', 'WHATSAPP_NO_ACCOUNT');
  return rt.tdb.withTenant(owner.tenantId, async (tx) => {
    const conversation = await tx.conversation.findFirst({ where: { channelAccountId: accountId, replyTo: to }, select: { lastInboundAt: true } });
    const account = await tx.channelAccount.findUnique({ where: { id: accountId }, select: { settings: true } });
    const settings = accountSettingsSchema.safeParse(account?.settings ?? {});
    const last = conversation?.lastInboundAt?.getTime();
    return {
      open: last !== undefined && rt.now().getTime() - last < WINDOW_MS,
      template: settings.success ? settings.data.templates?.followUp : undefined,
    };
  });
};

const asSendError = (err: unknown): Error => {
  if (!(err instanceof GraphApiError)) return err as Error;
  const code = `GRAPH_${err.code ?? err.httpStatus}`;
  if (err.kind === 'rate_limited') return new RetryableSendError(`${waMessages.rateLimited(code)} ${err.message}`, code);
  if (err.kind === 'permanent') return new PermanentSendError(waMessages.graphError(code, err.message), code);
  return err; // transient: the queue retries it as it is
};

const createSender = (rt: ChannelRuntime, graph: GraphOptions): ChannelSender => ({
  send: async ({ account, to, message, ...progress }) => {
    const token = tokenOf(account.secrets);
    const post = (body: GraphMessageBody) => sendGraphMessage(graph, account.externalId, token, body);
    // The template replaces what is left of the reply (all of it, or the Pix code when the
    // window closed between two attempts); the row keeps its first part's id if it went out.
    const sendTemplate = async (template: string | undefined, reason: string, code: string) => {
      if (!template) throw new PermanentSendError(reason, code);
      return { externalMessageId: await post(templateMessage(to, template)) };
    };
    const window = await windowFor(rt, account.id, to);
    if (!window.open) return sendTemplate(window.template, waMessages.windowClosed, 'WHATSAPP_WINDOW_CLOSED').catch((e) => Promise.reject(asSendError(e)));
    // The reply, then the Pix code alone so it copies cleanly: each part is recorded as it
    // goes out (progress.onPartSent), so a retry after a failed code never resends the text.
    try {
      return await deliverParts(toGraphMessages(message, to), progress, post);
    } catch (err) {
      if (err instanceof GraphApiError && err.kind === 'reengagement') {
        return sendTemplate(window.template, waMessages.reengagement, 'WHATSAPP_REENGAGEMENT').catch((e) => Promise.reject(asSendError(e)));
      }
      throw asSendError(err); // anything else (the progress write included) as it is
    }
  },
});

// Receipts apply to rows already sent: a reply still being delivered part by part (its first
// part's id recorded, status queued or failed until the last part goes out) is left to its
// send job, which a "delivered" for the first part must not stop by moving the row past 'failed'.
const RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3 };
const FAILABLE = ['sent', 'delivered'];

/** Receipts only move forward (sent → delivered → read); a late "delivered" never hides a "read". */
const applyStatus = async (rt: ChannelRuntime, tenantId: string, channelAccountId: string, s: StatusUpdate) => {
  const from =
    s.status === 'failed' ? FAILABLE : Object.keys(RANK).filter((k) => (RANK[k] ?? 0) < (RANK[s.status] ?? 0));
  await rt.tdb.withTenant(tenantId, (tx) =>
    tx.message.updateMany({
      where: { channelAccountId, channelMessageId: s.externalMessageId, direction: 'out', status: { in: from } },
      data: { status: s.status, ...(s.status === 'failed' ? { error: (s.error ?? 'falha na entrega').slice(0, 500) } : {}) },
    }),
  );
};

/** One change of a delivery: its account's messages are ingested, its receipts applied. */
const handleChange = async (rt: ChannelRuntime, change: WaChange) => {
  const account = await rt.tdb.lookup.channelAccount(KIND, change.phoneNumberId);
  if (!account || account.status !== 'active') {
    // Answered 200 all the same: Meta retries a non-2xx delivery for days, and no retry can fix this.
    rt.logger.warn({ phoneNumberId: change.phoneNumberId, known: Boolean(account) }, 'whatsapp webhook for unknown or inactive number ignored');
    return;
  }
  for (const msg of valueToInbound(change.value, { channelAccountId: account.channelAccountId, now: rt.now() })) {
    const r = await rt.ingest(msg);
    if (r.status === 'invalid') rt.logger.warn({ issues: r.issues, phoneNumberId: change.phoneNumberId }, 'whatsapp message rejected');
  }
  for (const s of valueToStatuses(change.value)) await applyStatus(rt, account.tenantId, account.channelAccountId, s);
};

const createRoutes = (rt: ChannelRuntime, o: z.output<typeof whatsappCloudOptionsSchema>): Router => {
  const router = Router();
  router.get('/webhooks/whatsapp', (req: Request, res: Response) => {
    const q = req.query as Record<string, unknown>;
    const mode = typeof q['hub.mode'] === 'string' ? q['hub.mode'] : undefined;
    const token = typeof q['hub.verify_token'] === 'string' ? q['hub.verify_token'] : undefined;
    const challenge = typeof q['hub.challenge'] === 'string' ? q['hub.challenge'] : '';
    if (mode === 'subscribe' && o.verifyToken && sameSecret(token, o.verifyToken) && challenge.length <= 256) {
      res.status(200).type('text/plain').send(challenge);
      return;
    }
    res.status(403).json({ code: 'FORBIDDEN', message: 'Token de verificação inválido.' });
  });

  router.post('/webhooks/whatsapp', async (req: Request, res: Response) => {
    if (!o.appSecret) {
      rt.logger.error('whatsapp webhook received but WHATSAPP_APP_SECRET is not set');
      res.status(503).json({ code: 'WHATSAPP_NOT_CONFIGURED', message: 'WhatsApp Cloud não configurado.' });
      return;
    }
    const rawBody = (req as unknown as { rawBody?: Buffer }).rawBody;
    if (!verifySignature(rawBody, req.get('x-hub-signature-256'), o.appSecret)) {
      res.status(401).json({ code: 'INVALID_SIGNATURE', message: 'Assinatura inválida.' });
      return;
    }
    const parsed = changesOf(req.body);
    if (!parsed.ok) {
      res.status(400).json({ code: 'INVALID_PAYLOAD', message: 'Payload do WhatsApp inválido.' });
      return;
    }
    // Ingest before answering: it commits in a few ms, and a 200 then means "stored". If
    // storing fails we answer 500 and Meta redelivers; the (account, wamid) dedupe makes
    // the redelivery harmless.
    try {
      for (const change of parsed.changes) await handleChange(rt, change);
    } catch (err) {
      rt.logger.error({ err: (err as Error).message }, 'whatsapp webhook processing failed; asking Meta to redeliver');
      res.status(500).json({ code: 'INTERNAL', message: 'Erro interno. Tente novamente em instantes.' });
      return;
    }
    res.sendStatus(200);
  });
  return router;
};

/** Downloads a customer's media (voice note, photo) for a channel account, e.g. for transcription. */
export interface WhatsappMediaFetcher {
  fetch(args: { readonly channelAccountId: string; readonly mediaId: string }): Promise<FetchedMedia>;
}

const createMediaFetcher = (rt: ChannelRuntime, graph: GraphOptions, maxBytes: number): WhatsappMediaFetcher => ({
  fetch: async ({ channelAccountId, mediaId }) => {
    const owner = await rt.tdb.lookup.channelAccountById(channelAccountId);
    if (!owner || owner.kind !== KIND) throw new Error('conta WhatsApp Cloud não encontrada');
    const sealed = await rt.tdb.withTenant(owner.tenantId, (tx) =>
      tx.channelAccount.findUnique({ where: { id: channelAccountId }, select: { secretsEnc: true } }),
    );
    const secrets = sealed?.secretsEnc ? rt.secrets.openJson<Record<string, string>>(sealed.secretsEnc) : {};
    return fetchGraphMedia(graph, tokenOf(secrets), mediaId, maxBytes);
  },
});

/**
 * The WhatsApp Cloud API channel: Meta's webhook (handshake + signed deliveries) in,
 * Graph API sends out. Accounts: kind "whatsapp_cloud", external_id = phone_number_id,
 * secrets sealed as { accessToken }, settings.templates.followUp = approved template name.
 */
export const whatsappCloudChannel = (options: WhatsappCloudOptions = {}): ChannelModule & { media(rt: ChannelRuntime): WhatsappMediaFetcher } => {
  const o = whatsappCloudOptionsSchema.parse(options);
  const graph: GraphOptions = { baseUrl: o.graphUrl, version: o.graphVersion, timeoutMs: o.timeoutMs };
  return {
    kind: KIND,
    buttons: whatsappCloudAdapter.capabilities.buttons,
    sender: (rt) => createSender(rt, graph),
    routes: (rt) => createRoutes(rt, o),
    media: (rt) => createMediaFetcher(rt, graph, o.mediaMaxBytes),
    fetchMedia: (rt) => {
      const fetcher = createMediaFetcher(rt, graph, o.mediaMaxBytes);
      return (channelAccountId, ref) => fetcher.fetch({ channelAccountId, mediaId: ref });
    },
  };
};
