import { z } from 'zod';

/** Channels MotoGestor speaks. */
export const CHANNEL_KINDS = ['whatsapp_cloud', 'whatsapp_baileys', 'telegram', 'voice', 'webchat'] as const;
export const channelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof channelKindSchema>;

/** How the sender is addressed on its channel: a phone (E.164 after normalising), a Telegram user id, ... */
export const ADDRESS_KINDS = ['phone', 'telegram', 'whatsapp_lid', 'webchat'] as const;
export const addressKindSchema = z.enum(ADDRESS_KINDS);
export type AddressKind = z.infer<typeof addressKindSchema>;

export const mediaSchema = z.object({
  kind: z.enum(['image', 'audio', 'video', 'document', 'sticker']),
  /** Vendor media id or URL; fetched by the channel adapter, never by core. */
  ref: z.string().min(1).max(2048),
  mimeType: z.string().max(200).optional(),
  caption: z.string().max(4096).optional(),
  /** Speech-to-text of a voice note, when the channel transcribed it. */
  transcript: z.string().max(10_000).optional(),
});
export type Media = z.infer<typeof mediaSchema>;

/**
 * One message from a customer (or staff member) as the core sees it, whatever the
 * channel. Vendor payloads stop at the channel's to-inbound.ts.
 */
export const inboundMessageSchema = z.object({
  channelAccountId: z.string().uuid(),
  /** The channel's own id for the message: with channelAccountId, the dedupe key. */
  externalMessageId: z.string().min(1).max(256),
  from: z.object({
    kind: addressKindSchema,
    address: z.string().min(1).max(256),
    /** A phone number when the channel also knows it (e.g. a WhatsApp @lid sender). */
    phone: z.string().max(32).optional(),
    name: z.string().max(200).optional(),
  }),
  text: z.string().max(8192).optional(),
  media: mediaSchema.optional(),
  /** A tapped button or list row. */
  choice: z.object({ id: z.string().min(1).max(256), title: z.string().max(256).optional() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().max(256).optional() }).optional(),
  receivedAt: z.string().datetime({ offset: true }),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

export const buttonSchema = z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(40) });
export type Button = z.infer<typeof buttonSchema>;

/** A reply as the core means it; each channel renders it with what it supports. */
export const outboundMessageSchema = z.object({
  text: z.string().min(1).max(4096),
  /** Quick replies: buttons where the channel has them, a numbered list otherwise. */
  buttons: z.array(buttonSchema).max(10).optional(),
  /** A link the customer can open (portal, payment). */
  link: z.object({ url: z.string().url(), title: z.string().max(60) }).optional(),
  /** Text to copy (a Pix "copia e cola" code). */
  copyText: z.string().max(512).optional(),
});
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

export interface ChannelCapabilities {
  readonly buttons: boolean;
  readonly maxButtons: number;
  readonly lists: boolean;
  readonly media: boolean;
  readonly voice: boolean;
  /** Free-form replies only within this many hours of the customer's last message (WhatsApp Cloud: 24). */
  readonly replyWindowHours?: number;
}
