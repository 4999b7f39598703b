import { z } from 'zod';
import { roleSchema } from './common';

export const staffUserSchema = z.object({
  id: z.uuid(), name: z.string(), email: z.string(), role: roleSchema, blocked: z.boolean(),
  telegram: z.array(z.object({ telegramUserId: z.string(), username: z.string().nullable(), linkedAt: z.string() })),
});
export const staffListSchema = z.object({ items: z.array(staffUserSchema) });
export const staffCreateBodySchema = z.object({
  name: z.string().trim().min(2).max(120),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(10).max(200).optional(),
  role: roleSchema.default('staff'),
});
export const staffCreatedSchema = z.object({ user: staffUserSchema, password: z.string().optional() });
export const staffBlockBodySchema = z.object({ blocked: z.boolean() });
export const linkCodeSchema = z.object({ code: z.string(), expiresAt: z.string() });
