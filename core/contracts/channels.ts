import { z } from 'zod';

export const channelKindSchema = z.enum(['whatsapp_cloud', 'whatsapp_baileys', 'telegram', 'voice', 'webchat']);
export const channelDtoSchema = z.object({
  id: z.uuid(), kind: channelKindSchema, externalId: z.string(), displayName: z.string().nullable(), status: z.string(),
  hasSecrets: z.boolean(), settings: z.record(z.string(), z.unknown()),
});
export const channelListSchema = z.object({ items: z.array(channelDtoSchema) });

/** Secrets are write-only: accepted here, sealed at rest, never returned. */
export const channelUpsertBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('whatsapp_cloud'), externalId: z.string().regex(/^\d{5,30}$/), displayName: z.string().max(100).optional(),
    secrets: z.object({ accessToken: z.string().min(10).max(1000), appSecret: z.string().min(8).max(200), verifyToken: z.string().min(8).max(200) }).optional(),
  }),
  z.object({
    kind: z.literal('telegram'), externalId: z.string().regex(/^\d{3,20}$/), displayName: z.string().max(100).optional(),
    secrets: z.object({ botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/), webhookSecret: z.string().min(8).max(256).optional() }).optional(),
  }),
  z.object({
    kind: z.literal('voice'), externalId: z.string().regex(/^\+?\d{8,15}$/), displayName: z.string().max(100).optional(),
    secrets: z.object({ accountSid: z.string().min(5).max(100), authToken: z.string().min(8).max(200) }).optional(),
  }),
]);
export type ChannelUpsertBody = z.infer<typeof channelUpsertBodySchema>;
export const pairingStateSchema = z.object({ status: z.enum(['unavailable', 'pairing', 'connected', 'disconnected']), qr: z.string().optional() });
