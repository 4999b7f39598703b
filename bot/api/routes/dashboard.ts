import { dashboardSchema, type Dashboard } from '../../../core/contracts/dashboard';
import type { ApiDeps } from '../deps';
import { route } from '../route';

interface Row {
  open: Record<string, number> | null;
  sent: number;
  approved: number;
  revenue: number;
  avg_hours: number | null;
  series: { date: string; ordersOpened: number; revenueCents: number }[];
}

/** One round trip: every figure of the owner's day, in the shop's own time zone. */
export const dashboardRoutes = (deps: ApiDeps) => [
  route({
    method: 'get', path: '/dashboard', tag: 'dashboard', access: 'staff', summary: 'Resumo do dia e do mês', response: dashboardSchema,
    handle: async ({ auth }): Promise<Dashboard> => {
      const [row] = await deps.tdb.withTenant(auth.tenantId, (tx) => tx.$queryRaw<Row[]>`
        WITH t AS (SELECT timezone AS tz FROM tenants LIMIT 1),
        b AS (SELECT (date_trunc('month', now() AT TIME ZONE t.tz) AT TIME ZONE t.tz) AS month_start,
                     ((date_trunc('day', now() AT TIME ZONE t.tz) - interval '29 days') AT TIME ZONE t.tz) AS since, t.tz FROM t)
        SELECT
          (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM service_orders
             WHERE status NOT IN ('entregue', 'recusada', 'cancelada') GROUP BY status) s) AS open,
          (SELECT count(*)::int FROM quotes, b WHERE sent_at >= b.month_start) AS sent,
          (SELECT count(*)::int FROM quotes, b WHERE decided_at >= b.month_start AND status IN ('approved', 'partially_approved')) AS approved,
          (SELECT coalesce(sum(amount_cents), 0)::int FROM payments, b WHERE status = 'paid' AND paid_at >= b.month_start) AS revenue,
          (SELECT round((avg(extract(epoch FROM delivered_at - opened_at)) / 3600)::numeric, 1)::float8 FROM service_orders WHERE delivered_at IS NOT NULL) AS avg_hours,
          (SELECT coalesce(jsonb_agg(jsonb_build_object('date', to_char(d.day, 'YYYY-MM-DD'), 'ordersOpened', d.opened, 'revenueCents', d.revenue) ORDER BY d.day), '[]'::jsonb)
             FROM (SELECT g.day,
                     (SELECT count(*)::int FROM service_orders o WHERE (o.opened_at AT TIME ZONE b.tz)::date = g.day) AS opened,
                     (SELECT coalesce(sum(p.amount_cents), 0)::int FROM payments p WHERE p.status = 'paid' AND (p.paid_at AT TIME ZONE b.tz)::date = g.day) AS revenue
                   FROM b, generate_series((b.since AT TIME ZONE b.tz)::date, (now() AT TIME ZONE b.tz)::date, interval '1 day') AS g(day)) d) AS series
        FROM b`);
      const sent = row?.sent ?? 0;
      const approved = row?.approved ?? 0;
      return {
        openOrdersByStatus: row?.open ?? {},
        quotesSentThisMonth: sent,
        quotesApprovedThisMonth: approved,
        conversion: sent ? Math.round((approved / sent) * 1000) / 1000 : 0,
        revenueThisMonthCents: row?.revenue ?? 0,
        averageHoursInShop: row?.avg_hours ?? null,
        last30Days: row?.series ?? [],
      };
    },
  }),
];
