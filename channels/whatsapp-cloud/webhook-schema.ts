import { z } from 'zod';

/**
 * The WhatsApp Business Account webhook as Meta documents it (object
 * "whatsapp_business_account", entry[].changes[].value with metadata, contacts,
 * messages and statuses). Only the fields we use are declared; unknown ones are dropped.
 */
const mediaObject = z.object({
  id: z.string().min(1).max(512),
  mime_type: z.string().max(200).optional(),
  caption: z.string().max(4096).optional(),
  filename: z.string().max(512).optional(),
  sha256: z.string().optional(),
  voice: z.boolean().optional(),
});

export const waMessageSchema = z.object({
  from: z.string().regex(/^\d{6,20}$/),
  id: z.string().min(1).max(256),
  timestamp: z.string().regex(/^\d{1,12}$/).optional(),
  type: z.string().max(40),
  text: z.object({ body: z.string().max(8192) }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string().min(1).max(256), title: z.string().max(256) }).optional(),
      list_reply: z.object({ id: z.string().min(1).max(256), title: z.string().max(256), description: z.string().optional() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().max(256).optional(), text: z.string().max(256) }).optional(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: z.string().max(256).optional(), address: z.string().max(512).optional() })
    .optional(),
  image: mediaObject.optional(),
  audio: mediaObject.optional(),
  video: mediaObject.optional(),
  document: mediaObject.optional(),
  sticker: mediaObject.optional(),
});
export type WaMessage = z.infer<typeof waMessageSchema>;

export const waStatusSchema = z.object({
  id: z.string().min(1).max(256),
  status: z.string().max(40),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  errors: z
    .array(
      z.object({
        code: z.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.object({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
export type WaStatus = z.infer<typeof waStatusSchema>;

export const waChangeValueSchema = z.object({
  messaging_product: z.literal('whatsapp').optional(),
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string().min(1).max(64) }),
  contacts: z.array(z.object({ wa_id: z.string().optional(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
  // Items are parsed one by one below, so one odd message never hides the others.
  messages: z.array(z.unknown()).max(100).optional(),
  statuses: z.array(z.unknown()).max(100).optional(),
});
export type WaChangeValue = z.infer<typeof waChangeValueSchema>;

export const waWebhookSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.object({
        id: z.string().optional(),
        changes: z.array(z.object({ field: z.string().optional(), value: z.unknown() })).max(100),
      }),
    )
    .max(100),
});
export type WaWebhook = z.infer<typeof waWebhookSchema>;
