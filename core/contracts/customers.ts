import { z } from 'zod';
import { orderRowSchema } from './orders';
import { pageOf, pageQuerySchema } from './common';

export const customerListQuerySchema = pageQuerySchema.extend({ q: z.string().trim().max(100).optional() });
export const customerRowSchema = z.object({
  id: z.uuid(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(),
  anonymised: z.boolean(), createdAt: z.string(),
});
export const customerPageSchema = pageOf(customerRowSchema);
export const customerDetailSchema = z.object({
  customer: customerRowSchema.extend({ marketingConsent: z.boolean(), notes: z.string().nullable() }),
  vehicles: z.array(z.object({ id: z.uuid(), brand: z.string().nullable(), model: z.string().nullable(), plate: z.string().nullable(), year: z.number().nullable(), km: z.number().nullable() })),
  orders: z.array(orderRowSchema),
});
export const customerExportSchema = z.record(z.string(), z.unknown());
