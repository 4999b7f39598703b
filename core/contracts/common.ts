import { z } from 'zod';
import { ORDER_STATUSES } from '../domain/order-status';

/** Every API error: a stable code for code, a pt-BR message for people. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const uuidSchema = z.uuid();
export const idParamsSchema = z.object({ id: z.uuid() });

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });

export const okSchema = z.object({ ok: z.literal(true) });

export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatusDto = z.infer<typeof orderStatusSchema>;

export const roleSchema = z.enum(['owner', 'staff']);
export type Role = z.infer<typeof roleSchema>;

export const isoDate = z.string();
