import { z } from 'zod';
import { intentSchema, nluResultSchema, periodSchema, serviceCodeSchema, type NluResult } from '../../core/nlu/types';

/**
 * What the model is asked to return. OpenAI's strict structured output wants
 * every property required, so optional fields travel as `null` and are
 * dropped before the result is checked against the core `nluResultSchema`.
 */
export const llmNluWireSchema = z
  .object({
    intent: intentSchema,
    confidence: z.number().describe('0..1'),
    entities: z.object({
      motorcycle: z
        .object({
          brand: z.string().nullable(),
          model: z.string().nullable(),
          familyId: z.string().nullable().describe('family id such as cg160, biz, pop110, bros160, xre300, cb300f, fz25, nmax160'),
          year: z.number().int().nullable(),
        })
        .nullable(),
      plate: z.string().nullable().describe('uppercase, no dash: ABC1D23 or ABC1234'),
      km: z.number().int().nullable(),
      services: z.array(serviceCodeSchema).nullable(),
      symptoms: z.array(z.string()).nullable(),
      when: z
        .object({
          dayOffset: z.number().int().nullable(),
          weekday: z.number().int().nullable().describe('0=domingo..6=sabado'),
          hour: z.number().int().nullable(),
          minute: z.number().int().nullable(),
          period: periodSchema.nullable(),
          text: z.string(),
        })
        .nullable(),
      yesNo: z.enum(['yes', 'no']).nullable(),
      name: z.string().nullable(),
      orderNumber: z.string().nullable(),
      lineNumbers: z.array(z.number().int()).nullable(),
    }),
  })
  .describe('Intent and entities of a customer message to a motorcycle repair shop');

export type LlmNluWire = z.infer<typeof llmNluWireSchema>;

const dropNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null && x !== undefined)
        .map(([k, x]) => [k, dropNulls(x)]),
    );
  return v;
};

/** Wire answer → core result; throws (ZodError) when it does not fit the core schema. */
export const wireToNluResult = (wire: unknown): NluResult => {
  const parsed = llmNluWireSchema.parse(wire);
  const plate = parsed.entities.plate?.replace(/[\s-]/g, '').toUpperCase() ?? null;
  return nluResultSchema.parse(dropNulls({ ...parsed, entities: { ...parsed.entities, plate } }));
};
