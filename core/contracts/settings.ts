import { z } from 'zod';
import { planIdSchema } from '../plans/plans';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const openingHoursSchema = z.partialRecord(z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']), z.array(z.tuple([hhmm, hhmm])).max(4));

export const settingsSchema = z.object({
  name: z.string(), legalName: z.string().nullable(), document: z.string().nullable(), phone: z.string().nullable(),
  email: z.string().nullable(), address: z.string().nullable(), city: z.string(), state: z.string(),
  pixKey: z.string().nullable(), pixKeyType: z.string().nullable(), labourRateCents: z.number().int(),
  openingHours: openingHoursSchema, quoteValidityDays: z.number().int(), plan: planIdSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsUpdateBodySchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    legalName: z.string().trim().max(200).nullable(),
    document: z.string().trim().max(20).nullable(),
    phone: z.string().trim().max(30).nullable(),
    email: z.email().max(254).nullable(),
    address: z.string().trim().max(300).nullable(),
    city: z.string().trim().min(2).max(100),
    state: z.string().trim().length(2),
    pixKey: z.string().trim().min(1).max(100).nullable(),
    pixKeyType: z.enum(['cpf', 'cnpj', 'phone', 'email', 'evp']).optional(),
    labourRateCents: z.number().int().min(0).max(10_000_00),
    openingHours: openingHoursSchema,
    quoteValidityDays: z.number().int().min(1).max(90),
  })
  .partial()
  .strict();
export type SettingsUpdate = z.infer<typeof settingsUpdateBodySchema>;

export const planUpdateBodySchema = z.object({ plan: planIdSchema });
