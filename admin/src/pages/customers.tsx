import { useState } from 'react';
import type { z } from 'zod';
import type { customerDetailSchema, customerPageSchema } from '../../../core/contracts';
import { api, request, download } from '../api/client';
import { useApi } from '../api/use-api';
import { m, STATUS_LABEL } from '../messages';
import { Link } from '../router';
import { Badge, Button, Card, EmptyState, ErrorState, Field, FilterForm, PagedTable, PageHeader, Skeleton, STATUS_TONE, Table } from '../ui/components';
import { ConfirmButton } from '../ui/confirm';
import { brl, date } from '../ui/format';
import { useAction } from '../ui/use-action';
import { useTenant } from '../auth';

type CustomerPageDto = z.infer<typeof customerPageSchema>;
type CustomerDetail = z.infer<typeof customerDetailSchema>;

export const CustomersPage = () => {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi(() => api.get<CustomerPageDto>('/customers', { q: query, page }), [query, page]);
  return (
    <>
      <PageHeader title={m.customers.title} />
      <Card>
        <FilterForm
          submitLabel={m.common.search}
          onSubmit={() => {
            setPage(1);
            setQuery(q.trim());
          }}
        >
          <Field grow label={m.common.search} type="search" value={q} placeholder={m.customers.searchPlaceholder} onChange={(e) => setQ(e.target.value)} />
        </FilterForm>
        <PagedTable
          state={list}
          caption={m.customers.title}
          rowKey={(c) => c.id}
          empty={m.customers.empty}
          onPage={setPage}
          columns={[
            { key: 'n', header: m.customers.name, render: (c) => <Link to={`/clientes/${c.id}`}>{c.name ?? '—'}</Link> },
            { key: 'p', header: m.customers.phone, render: (c) => c.phone ?? '—' },
            { key: 'd', header: m.orders.opened, render: (c) => date(c.createdAt) },
            { key: 'a', header: m.customers.lgpd, render: (c) => (c.anonymised ? <Badge>Anonimizado</Badge> : null) },
          ]}
        />
      </Card>
    </>
  );
};

export const CustomerPage = ({ id }: { id: string }) => {
  const { data, error, loading, reload } = useApi(() => api.get<CustomerDetail>(`/customers/${encodeURIComponent(id)}`), [id]);
  const { busy, run } = useAction();
  const { isOwner } = useTenant();
  const exportData = async () => {
    const body = await request<unknown>(`/customers/${encodeURIComponent(id)}/export`);
    download(`cliente-${id}.json`, JSON.stringify(body, null, 2), 'application/json');
  };
  return (
    <>
      <p>
        <Link to="/clientes">{m.customers.back}</Link>
      </p>
      {loading && !data && <Skeleton lines={6} />}
      {error && <ErrorState message={error.message} onRetry={reload} />}
      {data && (
        <>
          <PageHeader title={data.customer.name ?? '—'}>{data.customer.anonymised && <Badge>Anonimizado</Badge>}</PageHeader>
          <div className="grid two">
            <Card title={m.customers.vehicles}>
              {data.vehicles.length ? (
                <ul className="plain">
                  {data.vehicles.map((v) => (
                    <li key={v.id}>{[v.brand, v.model, v.year, v.plate].filter(Boolean).join(' · ')}</li>
                  ))}
                </ul>
              ) : (
                <EmptyState>{m.customers.noVehicles}</EmptyState>
              )}
            </Card>
            <Card title={m.customers.lgpd}>
              <p className="muted">
                {data.customer.phone ?? '—'} · {data.customer.email ?? '—'}
              </p>
              {isOwner && (<div className="row wrap">
                <Button variant="secondary" busy={busy === 'export'} onClick={() => void run('export', exportData, m.customers.exported)}>
                  {m.customers.export}
                </Button>
                {!data.customer.anonymised && (
                  <ConfirmButton
                    variant="danger"
                    question={m.customers.anonymiseConfirm}
                    busy={busy === 'anon'}
                    onConfirm={() => void run('anon', () => api.post(`/customers/${encodeURIComponent(id)}/anonymise`), m.customers.anonymised).then((r) => r !== undefined && reload())}
                  >
                    {m.customers.anonymise}
                  </ConfirmButton>
                )}
              </div>)}
            </Card>
          </div>
          <Card title={m.customers.orders}>
            {data.orders.length ? (
              <Table
                caption={m.customers.orders}
                rows={data.orders}
                rowKey={(o) => o.id}
                columns={[
                  { key: 'n', header: m.orders.number, render: (o) => <Link to={`/ordens/${o.id}`}>#{o.number}</Link> },
                  { key: 'v', header: m.orders.vehicle, render: (o) => o.vehicle ?? '—' },
                  { key: 's', header: m.orders.status, render: (o) => <Badge tone={STATUS_TONE[o.status]}>{STATUS_LABEL[o.status]}</Badge> },
                  { key: 'd', header: m.orders.opened, render: (o) => date(o.openedAt) },
                  { key: 't', header: m.orders.total, render: (o) => brl(o.totalCents), numeric: true },
                ]}
              />
            ) : (
              <EmptyState>{m.customers.noOrders}</EmptyState>
            )}
          </Card>
        </>
      )}
    </>
  );
};
