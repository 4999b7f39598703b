import { z } from 'zod';
import { SERVICE_CODES } from '../domain/services';

export const quoteLineSourceSchema = z.enum(['catalogue_family', 'catalogue_generic']);
export type QuoteLineSource = z.infer<typeof quoteLineSourceSchema>;

/**
 * One itemised line of a quote (orçamento), as CDC art. 40 asks: what, how
 * many, unit price and total. Labour is one line per service with quantity 1.
 */
export const quoteLineSchema = z.object({
  serviceCode: z.enum(SERVICE_CODES),
  kind: z.enum(['part', 'labour']),
  description: z.string().min(1),
  quantity: z.number().positive(),
  unitPriceCents: z.number().int().min(0),
  totalCents: z.number().int().min(0),
  /** Catalogue SKU; a labour line built from several items joins them with "+". */
  sku: z.string().min(1),
  source: quoteLineSourceSchema,
});
export type QuoteLine = z.infer<typeof quoteLineSchema>;

export const unpricedServiceSchema = z.object({
  serviceCode: z.enum(SERVICE_CODES),
  /** pt-BR, shown to staff and customer. */
  reason: z.string().min(1),
});
export type UnpricedService = z.infer<typeof unpricedServiceSchema>;

export const builtQuoteSchema = z
  .object({
    lines: z.array(quoteLineSchema),
    totalCents: z.number().int().min(0),
    validUntil: z.date(),
    confidence: z.number().min(0).max(1),
    unpriced: z.array(unpricedServiceSchema),
    needsStaffReview: z.boolean(),
  })
  .refine((q) => q.lines.reduce((sum, l) => sum + l.totalCents, 0) === q.totalCents, {
    message: 'totalCents must equal the sum of line totals',
    path: ['totalCents'],
  });
export type BuiltQuote = z.infer<typeof builtQuoteSchema>;
