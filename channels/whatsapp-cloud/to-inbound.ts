import type { InboundMessage, Media } from '../../core/messaging/types';
import { waMessages } from './messages';
import {
  waChangeValueSchema,
  waMessageSchema,
  waStatusSchema,
  waWebhookSchema,
  type WaChangeValue,
  type WaMessage,
} from './webhook-schema';

export interface WaChange {
  readonly phoneNumberId: string;
  readonly value: WaChangeValue;
}

/** The "messages" changes of a webhook delivery, each with the business phone number it was sent to. */
export const changesOf = (raw: unknown): { ok: true; changes: WaChange[] } | { ok: false; reason: string } => {
  const parsed = waWebhookSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'payload inválido' };
  const changes: WaChange[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== undefined && change.field !== 'messages') continue;
      const value = waChangeValueSchema.safeParse(change.value);
      if (value.success) changes.push({ phoneNumberId: value.data.metadata.phone_number_id, value: value.data });
    }
  }
  return { ok: true, changes };
};

const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;

const mediaOf = (m: WaMessage): Media | undefined => {
  for (const kind of MEDIA_KINDS) {
    const media = m.type === kind ? m[kind] : undefined;
    if (media) {
      return {
        kind,
        ref: media.id,
        ...(media.mime_type ? { mimeType: media.mime_type } : {}),
        ...(media.caption ? { caption: media.caption } : {}),
      };
    }
  }
  return undefined;
};

/** Content of one message, or null for types we do not handle (reactions, system notices, orders...). */
const contentOf = (m: WaMessage): Pick<InboundMessage, 'text' | 'media' | 'choice' | 'location'> | null => {
  switch (m.type) {
    case 'text':
      return m.text?.body.trim() ? { text: m.text.body } : null;
    case 'interactive': {
      const r = m.interactive?.button_reply ?? m.interactive?.list_reply;
      return r ? { text: r.title, choice: { id: r.id, title: r.title } } : null;
    }
    case 'button':
      return m.button ? { text: m.button.text, choice: { id: m.button.payload || m.button.text, title: m.button.text } } : null;
    case 'location':
      return m.location
        ? {
            text: waMessages.location(m.location.name ?? m.location.address),
            location: {
              latitude: m.location.latitude,
              longitude: m.location.longitude,
              ...(m.location.name ? { name: m.location.name } : {}),
            },
          }
        : null;
    default: {
      const media = mediaOf(m);
      return media ? { media, ...(media.caption ? { text: media.caption } : {}) } : null;
    }
  }
};

const receivedAtOf = (m: WaMessage, now: Date): string => {
  const seconds = m.timestamp ? Number(m.timestamp) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : now.toISOString();
};

/** Customer messages of one change as InboundMessages; the sender's wa_id becomes an E.164 phone. */
export const valueToInbound = (value: WaChangeValue, ctx: { readonly channelAccountId: string; readonly now: Date }): InboundMessage[] => {
  const names = new Map((value.contacts ?? []).flatMap((c) => (c.wa_id && c.profile?.name ? [[c.wa_id, c.profile.name]] : [])));
  const out: InboundMessage[] = [];
  for (const item of value.messages ?? []) {
    const parsed = waMessageSchema.safeParse(item);
    if (!parsed.success) continue;
    const m = parsed.data;
    const content = contentOf(m);
    if (!content) continue;
    const name = names.get(m.from)?.trim().slice(0, 200);
    out.push({
      channelAccountId: ctx.channelAccountId,
      externalMessageId: m.id,
      from: { kind: 'phone', address: `+${m.from}`, ...(name ? { name } : {}) },
      ...content,
      receivedAt: receivedAtOf(m, ctx.now),
    });
  }
  return out;
};

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusUpdate {
  readonly externalMessageId: string;
  readonly status: DeliveryStatus;
  /** For failed deliveries: "code: title/details". */
  readonly error?: string;
}

const STATUSES: readonly string[] = ['sent', 'delivered', 'read', 'failed'];

/** Delivery receipts of one change. Unknown statuses (e.g. "deleted") are skipped. */
export const valueToStatuses = (value: WaChangeValue): StatusUpdate[] =>
  (value.statuses ?? []).flatMap((item) => {
    const s = waStatusSchema.safeParse(item);
    if (!s.success || !STATUSES.includes(s.data.status)) return [];
    const e = s.data.errors?.[0];
    const error = e
      ? waMessages.deliveryFailed(String(e.code ?? '?'), e.error_data?.details ?? e.message ?? e.title ?? 'erro desconhecido')
      : undefined;
    return [{ externalMessageId: s.data.id, status: s.data.status as DeliveryStatus, ...(error ? { error } : {}) }];
  });
