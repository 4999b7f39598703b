import type { Logger } from 'pino';
import type { NluResult } from '../../core/nlu/types';
import { outboundMessageSchema } from '../../core/messaging/types';
import { DB_EFFECTS, type DbEffect, type ExternalEffect, type Flow, type FlowContext, type FlowEvent, type OpeningHours } from '../../flows/types';
import type { TenantDb, Tx } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { annotateContext } from '../observability/context';
import { applyDbEffect, type EffectEnv } from './apply-db-effect';
import { QUEUES, type EffectJob, type SendJob, type TurnJob } from './jobs';
import { loadFacts, loadTurn, lockConversation, markProcessed, writeTurn, type TurnFacts } from './turn-sql';
import { audit } from './audit';
import { ttlCache } from './ttl-cache';
import type { ServiceCode } from '../../core/domain/services';
import { VOICE_NOTE_FALLBACK } from '../../channels/voice/messages';

export interface TurnDeps {
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  readonly logger: Logger;
  readonly flow: Flow<unknown>;
  readonly understand: (text: string) => Promise<NluResult>;
  readonly now: () => Date;
  readonly burstWindowMs: number;
  readonly handoffMinutes: number;
  /** A short explanation of the quoted work for the customer (model-written), when a model is configured. */
  readonly explainQuote?: (complaint: string, services: readonly ServiceCode[]) => Promise<string | null>;
  /** Signed customer-portal link for an order (tenant, order). */
  readonly portalLink?: (tenantId: string, orderId: string) => string;
  /** Text of a customer's voice note (download + speech-to-text), or null when it cannot be had. */
  readonly voiceNoteText?: (channel: string, channelAccountId: string, mediaRef: string) => Promise<string | null>;
  /** Whether a channel kind renders buttons. */
  readonly buttons: (channelKind: string) => boolean;
}

export type TurnOutcome = 'processed' | 'already_processed' | 'deferred_to_newer' | 'silenced_handoff' | 'missing';

const MAX_EFFECT_ROUNDS = 8;

type TenantRow = Awaited<ReturnType<Tx['tenant']['findUniqueOrThrow']>>;
type TenantCache = ReturnType<typeof ttlCache<string, TenantRow>>;

const contextOf = async (
  tx: Tx,
  facts: TurnFacts,
  conv: { channel: string; tenantId: string },
  deps: TurnDeps,
  now: Date,
  tenants: TenantCache,
): Promise<FlowContext> => {
  const tenant = await tenants.get(conv.tenantId, () => tx.tenant.findUniqueOrThrow({ where: { id: conv.tenantId } }));
  return {
    now,
    tenant: {
      name: tenant.name,
      timezone: tenant.timezone,
      openingHours: (tenant.openingHours ?? {}) as OpeningHours,
      phone: tenant.phone,
      address: tenant.address,
    },
    ...facts,
    channel: { buttons: deps.buttons(conv.channel) },
  };
};

/**
 * Steps 4-5 of the message path: one conversation turn. Runs under a row lock on the
 * conversation, so turns of one conversation never overlap, and takes every message
 * that arrived unprocessed (a burst of quick messages is one turn). The flow's new
 * state, the messages' status, database effects, outbound replies and outbox effects
 * commit together; sends and effects are enqueued after the commit (and re-enqueued
 * by the recovery sweep if the process dies in between).
 */
export const createRunTurn = (deps: TurnDeps) => {
  // Shop settings (name, hours, time zone) change rarely; a few seconds of staleness is fine.
  const tenants: TenantCache = ttlCache(5_000);
  return async (job: TurnJob): Promise<TurnOutcome> => {
  annotateContext({ tenantId: job.tenantId, conversationId: job.conversationId });
  const enqueue: { sends: string[]; effects: string[]; channel?: string } = { sends: [], effects: [] };
  const outcome = await deps.tdb.withTenant(
    job.tenantId,
    async (tx): Promise<TurnOutcome> => {
      const conv = await lockConversation(tx, job.conversationId);
      if (!conv) return 'missing';
      enqueue.channel = conv.channel;
      const loaded = await loadTurn(tx, conv.id, conv.customerId, job.messageId);
      if (!loaded.triggerStatus) return 'missing';
      if (loaded.triggerStatus !== 'received') return 'already_processed';
      const pending = loaded.pending;
      if (!pending.length) return 'already_processed';
      const now = deps.now();
      const newest = pending[pending.length - 1]!;
      const oldest = pending[0]!;
      // A newer message's own turn will take this one too, unless the burst has gone on too long.
      if (newest.id !== job.messageId && now.getTime() - oldest.createdAt.getTime() < deps.burstWindowMs * 4) {
        return 'deferred_to_newer';
      }
      await markProcessed(tx, pending.map((m) => m.id));
      const base = { tenantId: job.tenantId, conversationId: conv.id, channelAccountId: conv.channelAccountId };

      if (conv.handledBy === 'human') {
        if (!conv.handoffUntil || conv.handoffUntil > now) {
          // The bot stays silent; the staff member handling the chat gets the message.
          const text = pending.map((m) => m.text ?? '[mídia]').join('\n').slice(0, 1500);
          const written = await writeTurn(tx, {
            ...base,
            replies: [],
            effects: [{
              idempotencyKey: `${newest.id}:handoff`,
              kind: 'notify_staff',
              payload: { type: 'notify_staff', kind: 'handoff', text: `💬 ${loaded.facts.customer.name ?? 'Cliente'}: ${text}`, customerId: conv.customerId },
            }],
          });
          enqueue.effects.push(...written.effects);
          return 'silenced_handoff';
        }
        await tx.conversation.update({ where: { id: conv.id }, data: { handledBy: 'bot', assignedUserId: null, handoffUntil: null } });
        await audit(tx, job.tenantId, { type: 'system' }, 'conversation.handoff_expired', 'conversation', conv.id);
      }

      // Voice notes become text when they can be transcribed; otherwise the customer is asked to write.
      let untranscribed = 0;
      for (const m of pending) {
        const media = m.media as { kind?: string; ref?: string } | null;
        if (m.text || media?.kind !== 'audio' || !media.ref) continue;
        const transcript = deps.voiceNoteText
          ? await deps.voiceNoteText(conv.channel, conv.channelAccountId, media.ref).catch((err: Error) => {
              deps.logger.warn({ err: err.message, messageId: m.id }, 'voice note could not be transcribed');
              return null;
            })
          : null;
        if (transcript) {
          m.text = transcript;
          await tx.message.update({ where: { id: m.id }, data: { text: transcript, media: { ...media, transcript } } });
        } else untranscribed++;
      }
      const text = pending.map((m) => m.text ?? '').filter(Boolean).join('\n');
      if (!text && untranscribed > 0) {
        const written = await writeTurn(tx, { ...base, replies: [{ text: VOICE_NOTE_FALLBACK, payload: { text: VOICE_NOTE_FALLBACK } }], effects: [] });
        enqueue.sends.push(...written.sends);
        return 'processed';
      }
      const lastChoice = [...pending].reverse().map((m) => (m.payload as { choice?: { id?: string } } | null)?.choice?.id).find(Boolean);
      const nlu = await deps.understand(text);
      const env: EffectEnv = {
        tenantId: job.tenantId,
        customerId: conv.customerId,
        conversationId: conv.id,
        channel: conv.channel,
        now,
        handoffMinutes: deps.handoffMinutes,
        ...(deps.explainQuote ? { explainQuote: deps.explainQuote } : {}),
        ...(deps.portalLink ? { portalLink: (orderId: string) => deps.portalLink!(job.tenantId, orderId) } : {}),
      };
      const ctxConv = { channel: conv.channel, tenantId: job.tenantId };
      let ctx = await contextOf(tx, loaded.facts, ctxConv, deps, now, tenants);
      let state = deps.flow.load(conv.state);
      const external: ExternalEffect[] = [];
      const events: FlowEvent[] = [{ type: 'message', messageId: newest.id, text, nlu, ...(lastChoice ? { choiceId: lastChoice } : {}) }];
      for (let round = 0; events.length && round < MAX_EFFECT_ROUNDS; round++) {
        const result = deps.flow.step(state, events.shift()!, ctx);
        state = result.state;
        let changed = false;
        for (const effect of result.effects) {
          if (DB_EFFECTS.has(effect.type)) {
            const follow = await applyDbEffect(tx, env, effect as DbEffect);
            changed = true;
            if (follow) events.push(follow);
          } else external.push(effect as ExternalEffect);
        }
        if (changed) ctx = await contextOf(tx, await loadFacts(tx, conv.customerId), ctxConv, deps, now, tenants);
      }
      const replies: { text: string | null; payload: unknown }[] = [];
      const effects: { idempotencyKey: string; kind: string; payload: unknown }[] = [];
      let i = 0;
      for (const effect of external) {
        const key = `${newest.id}:${i++}`;
        if (effect.type === 'reply') {
          const message = outboundMessageSchema.parse(effect.message);
          replies.push({ text: message.text ?? null, payload: message });
        } else {
          effects.push({ idempotencyKey: key, kind: effect.type, payload: { ...effect, customerId: conv.customerId } });
        }
      }
      const written = await writeTurn(tx, { ...base, state: { value: state, version: deps.flow.version }, replies, effects });
      enqueue.sends.push(...written.sends);
      enqueue.effects.push(...written.effects);
      return 'processed';
    },
    { timeout: 30_000 },
  );
  await Promise.all([
    ...enqueue.sends.map((messageId) =>
      deps.queues.add<SendJob>(QUEUES.send, { tenantId: job.tenantId, messageId, channel: enqueue.channel }, { jobId: safeJobId('send', messageId), attempts: 8, backoffMs: 1000 }),
    ),
    ...enqueue.effects.map((effectId) =>
      deps.queues.add<EffectJob>(QUEUES.effect, { tenantId: job.tenantId, effectId }, { jobId: safeJobId('effect', effectId), attempts: 8, backoffMs: 1000 }),
    ),
  ]);
  if (outcome !== 'processed') deps.logger.debug({ outcome, messageId: job.messageId }, 'turn skipped');
  return outcome;
  };
};
