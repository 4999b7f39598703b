import { z } from 'zod';
import { catalogueItemSchema } from '../catalogue/types';

export const catalogueItemDtoSchema = z.object({
  id: z.uuid(), sku: z.string(), serviceCode: z.string(), familyId: z.string().nullable(), kind: z.enum(['part', 'labour']),
  description: z.string(), priceCents: z.number().int(), quantity: z.number(), labourMinutes: z.number().int(), active: z.boolean(),
});
export const catalogueListSchema = z.object({ items: z.array(catalogueItemDtoSchema) });
export const catalogueCreateBodySchema = catalogueItemSchema;
/** A full replacement of the item (sku may change): the same rules as creation. */
export const catalogueUpdateBodySchema = catalogueItemSchema;
export const catalogueImportBodySchema = z.object({ csv: z.string().min(1).max(2_000_000), replace: z.boolean().default(false) });
export const catalogueImportResultSchema = z.object({ imported: z.number().int() });
