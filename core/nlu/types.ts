import { z } from 'zod';
import { SERVICE_CODES } from '../domain/services';

export const INTENTS = [
  'greeting',
  'quote_request',
  'schedule',
  'order_status',
  'approve',
  'reject',
  'pay',
  'human',
  'cancel',
  'opt_out',
  'provide_data',
  'thanks_bye',
  'other',
] as const;

export const intentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof intentSchema>;

export const serviceCodeSchema = z.enum(SERVICE_CODES);

export const motorcycleSchema = z.object({
  brand: z.string().optional(),
  model: z.string().optional(),
  familyId: z.string().optional(),
  year: z.number().int().min(1990).max(2027).optional(),
});
export type MotorcycleEntity = z.infer<typeof motorcycleSchema>;

export const periodSchema = z.enum(['manha', 'tarde', 'noite']);
export type Period = z.infer<typeof periodSchema>;

/** A moment as the customer said it, still relative ("amanhã cedo", "sexta 14h"); see resolveWhen. */
export const whenSchema = z.object({
  dayOffset: z.number().int().min(0).max(60).optional(),
  weekday: z.number().int().min(0).max(6).optional(),
  hour: z.number().int().min(0).max(23).optional(),
  minute: z.number().int().min(0).max(59).optional(),
  period: periodSchema.optional(),
  text: z.string(),
});
export type When = z.infer<typeof whenSchema>;

export const entitiesSchema = z.object({
  motorcycle: motorcycleSchema.optional(),
  plate: z.string().regex(/^[A-Z]{3}\d[A-Z0-9]\d{2}$/).optional(),
  km: z.number().int().min(0).max(2_000_000).optional(),
  services: z.array(serviceCodeSchema).optional(),
  symptoms: z.array(z.string()).optional(),
  when: whenSchema.optional(),
  yesNo: z.enum(['yes', 'no']).optional(),
  name: z.string().optional(),
  orderNumber: z.string().optional(),
  lineNumbers: z.array(z.number().int().min(1)).optional(),
});
export type Entities = z.infer<typeof entitiesSchema>;

export const nluResultSchema = z.object({
  intent: intentSchema,
  confidence: z.number().min(0).max(1),
  entities: entitiesSchema,
});
export type NluResult = z.infer<typeof nluResultSchema>;
