import { useState } from 'react';
import type { OrderRow } from '../../../core/contracts';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { m, OPEN_STATUSES, ORDER_STATUSES, STATUS_LABEL } from '../messages';
import { Link, useRouter } from '../router';
import { Badge, Button, Card, ErrorState, Field, FilterForm, PagedTable, PageHeader, Select, Skeleton, STATUS_TONE, type Column } from '../ui/components';
import { brl, date } from '../ui/format';

type Page = { items: OrderRow[]; page: number; pageSize: number; total: number };

export const OrderCard = ({ o }: { o: OrderRow }) => (
  <li className="board-card">
    <Link to={`/ordens/${o.id}`} className="board-link">
      <strong>{m.orders.order(o.number)}</strong> · {o.customerName ?? '—'}
    </Link>
    <div className="muted">{o.vehicle ?? '—'}</div>
    <div className="board-meta">
      <span>{date(o.openedAt)}</span>
      <span>{brl(o.totalCents)}</span>
    </div>
  </li>
);

const Board = () => {
  const { data, error, loading, reload } = useApi(() => api.get<Record<string, OrderRow[]>>('/orders/board'));
  if (loading) return <Skeleton lines={6} />;
  if (error) return <ErrorState message={error.message} onRetry={reload} />;
  return (
    <div className="board" aria-label={m.orders.board}>
      {OPEN_STATUSES.map((s) => {
        const items = data?.[s] ?? [];
        return (
          <section key={s} className="board-col" aria-labelledby={`col-${s}`}>
            <h2 id={`col-${s}`}>
              {STATUS_LABEL[s]} <Badge tone={STATUS_TONE[s]}>{items.length}</Badge>
            </h2>
            {items.length ? (
              <ul>
                {items.map((o) => (
                  <OrderCard key={o.id} o={o} />
                ))}
              </ul>
            ) : (
              <p className="muted">{m.orders.emptyColumn}</p>
            )}
          </section>
        );
      })}
    </div>
  );
};

const columns: Column<OrderRow>[] = [
  { key: 'n', header: m.orders.number, render: (o) => <Link to={`/ordens/${o.id}`}>#{o.number}</Link> },
  { key: 'c', header: m.orders.customer, render: (o) => o.customerName ?? '—' },
  { key: 'v', header: m.orders.vehicle, render: (o) => o.vehicle ?? '—' },
  { key: 's', header: m.orders.status, render: (o) => <Badge tone={STATUS_TONE[o.status]}>{STATUS_LABEL[o.status] ?? o.status}</Badge> },
  { key: 'd', header: m.orders.opened, render: (o) => date(o.openedAt) },
  { key: 't', header: m.orders.total, render: (o) => brl(o.totalCents), numeric: true },
];

const List = () => {
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi(() => api.get<Page>('/orders', { status, q: query, page }), [status, query, page]);
  return (
    <>
      <FilterForm
        submitLabel={m.common.filter}
        onSubmit={() => {
          setPage(1);
          setQuery(q.trim());
        }}
      >
        <Select
          label={m.orders.status}
          value={status}
          onChange={(e) => {
            setPage(1);
            setStatus(e.target.value);
          }}
          options={[{ value: '', label: m.orders.allStatuses }, ...ORDER_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] ?? s }))]}
        />
        <Field grow label={m.common.search} type="search" value={q} placeholder={m.orders.searchPlaceholder} onChange={(e) => setQ(e.target.value)} />
      </FilterForm>
      <PagedTable state={list} columns={columns} rowKey={(o) => o.id} caption={m.orders.title} empty={m.orders.empty} onPage={setPage} />
    </>
  );
};

export const OrdersPage = () => {
  const { search, navigate } = useRouter();
  const view = search.get('ver') === 'lista' ? 'list' : 'board';
  return (
    <>
      <PageHeader title={m.orders.title}>
        <div className="segmented" role="group" aria-label="Visualização">
          <Button variant={view === 'board' ? 'primary' : 'secondary'} aria-pressed={view === 'board'} onClick={() => navigate('/ordens')}>
            {m.orders.board}
          </Button>
          <Button variant={view === 'list' ? 'primary' : 'secondary'} aria-pressed={view === 'list'} onClick={() => navigate('/ordens?ver=lista')}>
            {m.orders.list}
          </Button>
        </div>
      </PageHeader>
      <Card>{view === 'board' ? <Board /> : <List />}</Card>
    </>
  );
};
