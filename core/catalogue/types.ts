import { z } from 'zod';
import { findFamily } from '../domain/motorcycles';
import { SERVICE_CODES } from '../domain/services';

/** Largest price a single catalogue item may carry: R$ 100.000,00. */
export const MAX_ITEM_PRICE_CENTS = 10_000_000;
/** Longest labour time a single item may carry: 40 hours. */
export const MAX_LABOUR_MINUTES = 2_400;
/** Quantities carry at most three decimals (e.g. 0,125 L), so totals stay exact. */
export const QUANTITY_DECIMALS = 3;

const hasAtMostThreeDecimals = (n: number): boolean => {
  const scaled = n * 10 ** QUANTITY_DECIMALS;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};

export const catalogueKindSchema = z.enum(['part', 'labour']);
export type CatalogueKind = z.infer<typeof catalogueKindSchema>;

/**
 * One priced line of a shop's catalogue. A service is quoted from the items
 * that share its `serviceCode`: items for the customer's family first, the
 * generic ones (`familyId: null`) as fallback. Labour items carry time, not
 * money, so the shop's hourly rate can change without touching the catalogue.
 */
export const catalogueItemSchema = z
  .object({
    sku: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^\s;"]([^;"]*[^\s;"])?$/, 'sku must not contain ; or quotes nor start/end with spaces'),
    serviceCode: z.enum(SERVICE_CODES),
    familyId: z
      .string()
      .refine((id) => findFamily(id) !== undefined, 'unknown motorcycle family')
      .nullable(),
    kind: catalogueKindSchema,
    description: z.string().trim().min(1).max(200),
    priceCents: z.number().int().min(0).max(MAX_ITEM_PRICE_CENTS),
    quantity: z
      .number()
      .positive()
      .max(1_000)
      .refine(hasAtMostThreeDecimals, `quantity must have at most ${QUANTITY_DECIMALS} decimals`),
    labourMinutes: z.number().int().min(0).max(MAX_LABOUR_MINUTES),
    active: z.boolean(),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'part' && item.labourMinutes !== 0) {
      ctx.addIssue({ code: 'custom', path: ['labourMinutes'], message: 'parts carry no labour minutes' });
    }
    if (item.kind === 'labour') {
      if (item.priceCents !== 0) {
        ctx.addIssue({ code: 'custom', path: ['priceCents'], message: 'labour is priced from minutes, not price' });
      }
      if (item.labourMinutes === 0) {
        ctx.addIssue({ code: 'custom', path: ['labourMinutes'], message: 'labour needs minutes' });
      }
      if (item.quantity !== 1) {
        ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'labour quantity must be 1' });
      }
    }
  });

export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const catalogueSchema = z.array(catalogueItemSchema);
