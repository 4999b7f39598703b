import { useState } from 'react';
import type { OrderDetail } from '../../../core/contracts';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { m, NEXT_STATUSES, PAYMENT_STATUS_LABEL, PROVIDER_LABEL, QUOTE_STATUS_LABEL, STATUS_LABEL } from '../messages';
import { Link } from '../router';
import { Badge, Button, Card, EmptyState, ErrorState, PageHeader, Select, Skeleton, STATUS_TONE, Table } from '../ui/components';
import { ConfirmButton } from '../ui/confirm';
import { brl, dateTime } from '../ui/format';
import { useAction } from '../ui/use-action';
import { useToast } from '../ui/toast';
import { QuoteEditor } from './quote-editor';

export const OrderPage = ({ id }: { id: string }) => {
  const { data, error, loading, reload } = useApi(() => api.get<OrderDetail>(`/orders/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      <p>
        <Link to="/ordens">{m.orders.back}</Link>
      </p>
      {loading && !data && <Skeleton lines={8} />}
      {error && <ErrorState message={error.message} onRetry={reload} />}
      {data && <OrderBody d={data} reload={reload} />}
    </>
  );
};

const OrderBody = ({ d, reload }: { d: OrderDetail; reload: () => void }) => {
  const { busy, run } = useAction();
  const toast = useToast();
  const [next, setNext] = useState(NEXT_STATUSES[d.order.status]?.[0] ?? '');
  const [editing, setEditing] = useState(false);
  const base = `/orders/${d.order.id}`;
  const current = d.quotes.find((q) => q.status !== 'superseded') ?? d.quotes[0];
  const outstanding = current ? current.totalCents - d.payments.filter((p) => p.status === 'paid').reduce((s, p) => s + p.amountCents, 0) : 0;
  const pending = d.payments.find((p) => p.status === 'pending');
  const after = async (p: Promise<unknown>) => {
    const r = await p;
    if (r !== undefined) reload();
  };
  const nexts = NEXT_STATUSES[d.order.status] ?? [];

  return (
    <>
      <PageHeader title={m.orders.order(d.order.number)}>
        <Badge tone={STATUS_TONE[d.order.status]}>{STATUS_LABEL[d.order.status] ?? d.order.status}</Badge>
      </PageHeader>
      <div className="grid two">
        <Card title={m.orders.customer}>
          <p>
            <Link to={`/clientes/${d.customer.id}`}>{d.customer.name ?? '—'}</Link>
            {d.customer.phone && <span className="muted"> · {d.customer.phone}</span>}
          </p>
          <p>
            {d.vehicle ? [d.vehicle.brand, d.vehicle.model, d.vehicle.year, d.vehicle.plate].filter(Boolean).join(' · ') : '—'}
          </p>
          {d.order.complaint && (
            <p>
              <strong>{m.orders.complaint}:</strong> {d.order.complaint}
            </p>
          )}
        </Card>
        <Card title={m.orders.actions}>
          {nexts.length > 0 && (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                void after(run('status', () => api.post(`${base}/status`, { status: next }), m.orders.statusChanged(STATUS_LABEL[next] ?? next)));
              }}
            >
              <Select label={m.orders.newStatus} value={next} onChange={(e) => setNext(e.target.value)} options={nexts.map((s) => ({ value: s, label: STATUS_LABEL[s] ?? s }))} />
              <Button type="submit" busy={busy === 'status'}>
                {m.orders.apply}
              </Button>
            </form>
          )}
          <div className="row wrap">
            <Button variant="secondary" busy={busy === 'link'} disabled={!current || outstanding <= 0} onClick={() => void after(run('link', () => api.post(`${base}/payment-link`), m.orders.paymentLinkSent))}>
              {m.orders.sendPaymentLink}
            </Button>
            {(pending || outstanding > 0) && (
              <ConfirmButton question={m.orders.markPaidConfirm} busy={busy === 'paid'} onConfirm={() => void after(run('paid', () => api.post(`${base}/mark-paid`, {}), m.orders.markedPaid))}>
                {m.orders.markPaid}
              </ConfirmButton>
            )}
            <Button variant="ghost" busy={busy === 'take'} onClick={() => void run('take', () => api.post(`${base}/takeover`), m.orders.tookOver)}>
              {m.orders.takeOver}
            </Button>
            <Button variant="ghost" busy={busy === 'back'} onClick={() => void run('back', () => api.post(`${base}/handback`), m.orders.handedBack)}>
              {m.orders.handBack}
            </Button>
          </div>
        </Card>
      </div>

      <Card
        title={m.orders.quotes}
        actions={
          !editing && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {m.orders.editQuote}
            </Button>
          )
        }
      >
        {editing && (
          <QuoteEditor
            quote={current}
            busy={busy === 'quote'}
            onCancel={() => setEditing(false)}
            onSave={(body) =>
              void run('quote', () => api.put<{ sentToCustomer?: boolean }>(`${base}/quote`, body)).then((r) => {
                if (r !== undefined) {
                  toast(r.sentToCustomer ? m.orders.quoteSent : m.orders.quoteSaved, 'success');
                  setEditing(false);
                  reload();
                }
              })
            }
          />
        )}
        {d.quotes.length === 0 && !editing && <EmptyState>{m.orders.noQuotes}</EmptyState>}
        {[...d.quotes]
          .sort((a, b) => b.version - a.version)
          .map((q) => (
            <article key={q.id} className="quote" aria-label={m.orders.version(q.version)}>
              <h3>
                {m.orders.version(q.version)} <Badge tone={STATUS_TONE[q.status]}>{QUOTE_STATUS_LABEL[q.status] ?? q.status}</Badge>{' '}
                <span className="quote-total-inline">{brl(q.totalCents)}</span>
              </h3>
              <Table
                caption={m.orders.version(q.version)}
                rows={q.lines}
                rowKey={(l) => String(l.position)}
                columns={[
                  { key: 'd', header: m.orders.description, render: (l) => l.description },
                  { key: 'q', header: m.orders.quantity, render: (l) => String(l.quantity).replace('.', ','), numeric: true },
                  { key: 'u', header: m.orders.unitPrice, render: (l) => brl(l.unitPriceCents), numeric: true },
                  { key: 't', header: m.orders.lineTotal, render: (l) => brl(l.totalCents), numeric: true },
                ]}
              />
              {q.approvals.length > 0 && (
                <div className="evidence">
                  <strong>{m.orders.approval}:</strong>
                  <ul>
                    {q.approvals.map((a, i) => (
                      <li key={i}>
                        {m.orders.approvedBy(`${a.actorType} (${a.channel})`, dateTime(a.at))} · {a.decision} · <code title={a.contentHash}>{a.contentHash.slice(0, 12)}</code>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </article>
          ))}
      </Card>

      <div className="grid two">
        <Card title={m.orders.payments}>
          {d.payments.length ? (
            <Table
              caption={m.orders.payments}
              rows={d.payments}
              rowKey={(p) => p.id}
              columns={[
                { key: 'a', header: m.orders.amount, render: (p) => brl(p.amountCents), numeric: true },
                { key: 'm', header: m.orders.method, render: (p) => PROVIDER_LABEL[p.provider] ?? p.provider },
                { key: 's', header: m.orders.status, render: (p) => <Badge tone={STATUS_TONE[p.status]}>{PAYMENT_STATUS_LABEL[p.status] ?? p.status}</Badge> },
                { key: 'w', header: m.orders.when, render: (p) => dateTime(p.paidAt) },
              ]}
            />
          ) : (
            <EmptyState>{m.orders.noPayments}</EmptyState>
          )}
        </Card>
        <Card title={m.orders.events}>
          {d.events.length ? (
            <ol className="events">
              {d.events.map((e, i) => (
                <li key={i}>
                  <time>{dateTime(e.at)}</time> {e.from ? `${STATUS_LABEL[e.from] ?? e.from} → ` : ''}
                  {STATUS_LABEL[e.to] ?? e.to} <span className="muted">({e.actorType})</span>
                </li>
              ))}
            </ol>
          ) : (
            <EmptyState />
          )}
        </Card>
      </div>

      <Card title={m.orders.timeline}>
        {d.timeline.length ? (
          <ol className="timeline">
            {d.timeline.map((t, i) => (
              <li key={i} className={`bubble bubble-${t.direction}`}>
                <span className="sr-only">{t.direction === 'in' ? m.orders.in : m.orders.out}: </span>
                <p>{t.text ?? '—'}</p>
                <time>{dateTime(t.at)}</time>
              </li>
            ))}
          </ol>
        ) : (
          <EmptyState>{m.orders.noMessages}</EmptyState>
        )}
      </Card>
    </>
  );
};
