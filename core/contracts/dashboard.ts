import { z } from 'zod';

export const dashboardSchema = z.object({
  openOrdersByStatus: z.record(z.string(), z.number().int()),
  quotesSentThisMonth: z.number().int(),
  quotesApprovedThisMonth: z.number().int(),
  conversion: z.number(),
  revenueThisMonthCents: z.number().int(),
  averageHoursInShop: z.number().nullable(),
  last30Days: z.array(z.object({ date: z.string(), ordersOpened: z.number().int(), revenueCents: z.number().int() })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
