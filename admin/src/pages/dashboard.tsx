import type { Dashboard } from '../../../core/contracts';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { m, OPEN_STATUSES, STATUS_LABEL } from '../messages';
import { BarChart, LineChart } from '../ui/charts';
import { Card, ErrorState, PageHeader, Skeleton } from '../ui/components';
import { brl } from '../ui/format';
import { Link } from '../router';

const Stat = ({ label, value, detail }: { label: string; value: string; detail?: string }) => (
  <Card className="stat">
    <p className="stat-label">{label}</p>
    <p className="stat-value">{value}</p>
    {detail && <p className="stat-detail">{detail}</p>}
  </Card>
);

export const DashboardPage = () => {
  const { data, error, loading, reload } = useApi(() => api.get<Dashboard>('/dashboard'));
  return (
    <>
      <PageHeader title={m.dashboard.title} />
      {loading && (
        <div className="grid stats">
          {[0, 1, 2, 3].map((i) => (
            <Card key={i} className="stat">
              <Skeleton lines={2} />
            </Card>
          ))}
        </div>
      )}
      {error && <ErrorState message={error.message} onRetry={reload} />}
      {data && <DashboardBody d={data} />}
    </>
  );
};

const DashboardBody = ({ d }: { d: Dashboard }) => {
  const open = OPEN_STATUSES.reduce((s, k) => s + (d.openOrdersByStatus[k] ?? 0), 0);
  const pct = Math.round(d.conversion * 1000) / 10; // the API sends a 0..1 ratio
  const byStatus = OPEN_STATUSES.map((k) => ({ label: STATUS_LABEL[k] ?? k, value: d.openOrdersByStatus[k] ?? 0 }));
  const series = d.last30Days.map((p) => ({ label: p.date.slice(5).split('-').reverse().join('/'), value: p.revenueCents }));
  const opened = d.last30Days.map((p) => ({ label: p.date.slice(5).split('-').reverse().join('/'), value: p.ordersOpened }));
  return (
    <>
      <div className="grid stats">
        <Stat label={m.dashboard.openOrders} value={String(open)} />
        <Stat
          label={m.dashboard.conversion}
          value={`${pct.toLocaleString('pt-BR')}%`}
          detail={m.dashboard.conversionDetail(d.quotesSentThisMonth, d.quotesApprovedThisMonth)}
        />
        <Stat label={m.dashboard.revenue} value={brl(d.revenueThisMonthCents)} />
        <Stat label={m.dashboard.avgTime} value={d.averageHoursInShop === null ? '—' : m.dashboard.hours(d.averageHoursInShop)} />
      </div>
      <div className="grid two">
        <Card title={m.dashboard.byStatus} actions={<Link to="/ordens">{m.nav.orders}</Link>}>
          <BarChart data={byStatus} title={m.dashboard.byStatus} />
        </Card>
        <Card title={`${m.dashboard.revenue} · ${m.dashboard.last30}`}>
          {series.length ? <LineChart data={series} title={m.dashboard.last30} format={brl} /> : <p>{m.dashboard.noData}</p>}
          {opened.length > 0 && <p className="muted">{`${opened.reduce((s, x) => s + x.value, 0)} ordens abertas no período`}</p>}
        </Card>
      </div>
    </>
  );
};
