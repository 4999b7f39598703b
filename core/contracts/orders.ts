import { z } from 'zod';
import { orderStatusSchema, pageOf, pageQuerySchema } from './common';

export const orderListQuerySchema = pageQuerySchema.extend({
  status: orderStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
});

export const orderRowSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: orderStatusSchema,
  customerName: z.string().nullable(),
  vehicle: z.string().nullable(),
  openedAt: z.string(),
  totalCents: z.number().int().nullable(),
});
export type OrderRow = z.infer<typeof orderRowSchema>;
export const orderPageSchema = pageOf(orderRowSchema);
export const orderBoardSchema = z.record(z.string(), z.array(orderRowSchema));

export const quoteLineDtoSchema = z.object({
  position: z.number().int(),
  kind: z.enum(['part', 'labour']),
  description: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number().int(),
  totalCents: z.number().int(),
  optional: z.boolean(),
  decision: z.string(),
});

export const orderDetailSchema = z.object({
  order: orderRowSchema.extend({ complaint: z.string().nullable(), conversationId: z.uuid().nullable() }),
  customer: z.object({ id: z.uuid(), name: z.string().nullable(), phone: z.string().nullable() }),
  vehicle: z.object({ brand: z.string().nullable(), model: z.string().nullable(), plate: z.string().nullable(), year: z.number().nullable() }).nullable(),
  timeline: z.array(z.object({ direction: z.enum(['in', 'out']), text: z.string().nullable(), status: z.string(), at: z.string() })),
  quotes: z.array(
    z.object({
      id: z.uuid(), version: z.number().int(), status: z.string(), totalCents: z.number().int(), validUntil: z.string(),
      contentHash: z.string(), lines: z.array(quoteLineDtoSchema),
      approvals: z.array(z.object({ decision: z.string(), actorType: z.string(), channel: z.string(), contentHash: z.string(), at: z.string() })),
    }),
  ),
  payments: z.array(z.object({ id: z.uuid(), provider: z.string(), amountCents: z.number().int(), status: z.string(), paidAt: z.string().nullable() })),
  events: z.array(z.object({ from: z.string().nullable(), to: z.string(), actorType: z.string(), at: z.string() })),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const changeStatusBodySchema = z.object({ status: orderStatusSchema, note: z.string().max(500).optional() });

export const editQuoteBodySchema = z.object({
  lines: z
    .array(
      z.object({
        kind: z.enum(['part', 'labour']),
        description: z.string().trim().min(1).max(500),
        quantity: z.number().positive().max(1000),
        unitPriceCents: z.number().int().min(0).max(10_000_000),
        optional: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(100),
  paymentTerms: z.string().max(500).optional(),
});
export type EditQuoteBody = z.infer<typeof editQuoteBodySchema>;

export const markPaidBodySchema = z.object({ amountCents: z.number().int().positive().max(100_000_000).optional() });
