import { useRef, useState } from 'react';
import type { z } from 'zod';
import { catalogueCreateBodySchema, type catalogueItemDtoSchema } from '../../../core/contracts';
import { SERVICE_CODES, SERVICE_LABELS } from '../../../core/domain/services';
import { api, download, request } from '../api/client';
import { useApi } from '../api/use-api';
import { useTenant } from '../auth';
import { m } from '../messages';
import { Badge, Button, Card, EmptyState, ErrorState, Field, PageHeader, Select, Skeleton, Table } from '../ui/components';
import { ConfirmButton } from '../ui/confirm';
import { brl, parseReais, reais } from '../ui/format';
import { useAction } from '../ui/use-action';

type Item = z.infer<typeof catalogueItemDtoSchema>;
type Draft = { id?: string; sku: string; serviceCode: string; familyId: string; kind: 'part' | 'labour'; description: string; price: string; quantity: string; labourMinutes: string; active: boolean };

const empty: Draft = { sku: '', serviceCode: SERVICE_CODES[0], familyId: '', kind: 'part', description: '', price: '', quantity: '1', labourMinutes: '0', active: true };
const toDraft = (i: Item): Draft => ({
  id: i.id, sku: i.sku, serviceCode: i.serviceCode, familyId: i.familyId ?? '', kind: i.kind, description: i.description,
  price: reais(i.priceCents), quantity: String(i.quantity).replace('.', ','), labourMinutes: String(i.labourMinutes), active: i.active,
});

const ItemForm = ({ draft, onDone }: { draft: Draft; onDone: (saved: boolean) => void }) => {
  const [d, setD] = useState(draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useAction();
  const set = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));
  const save = async () => {
    const body = {
      sku: d.sku.trim(), serviceCode: d.serviceCode, familyId: d.familyId.trim() || null, kind: d.kind, description: d.description,
      priceCents: parseReais(d.price) ?? -1, quantity: Number(d.quantity.replace(',', '.')), labourMinutes: Number(d.labourMinutes), active: d.active,
    };
    const parsed = catalogueCreateBodySchema.safeParse(body);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), m.common.validation])));
      return;
    }
    setErrors({});
    const r = await run('save', () => (d.id ? api.put(`/catalogue/${d.id}`, parsed.data) : api.post('/catalogue', parsed.data)), m.common.saved);
    if (r !== undefined) onDone(true);
  };
  return (
    <form
      className="form-grid"
      aria-label={d.id ? m.catalogue.edit : m.catalogue.newItem}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label={m.catalogue.sku} value={d.sku} onChange={(e) => set({ sku: e.target.value })} error={errors.sku} />
      <Field label={m.catalogue.name} value={d.description} onChange={(e) => set({ description: e.target.value })} error={errors.description} />
      <Select label="Serviço" value={d.serviceCode} onChange={(e) => set({ serviceCode: e.target.value })} options={SERVICE_CODES.map((c) => ({ value: c, label: SERVICE_LABELS[c] }))} />
      <Select label={m.catalogue.kind} value={d.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })} options={[{ value: 'part', label: 'Peça' }, { value: 'labour', label: 'Mão de obra' }]} />
      <Field label={`${m.catalogue.price} (R$)`} inputMode="decimal" value={d.price} onChange={(e) => set({ price: e.target.value })} error={errors.priceCents} />
      <Field label={m.orders.quantity} inputMode="decimal" value={d.quantity} onChange={(e) => set({ quantity: e.target.value })} error={errors.quantity} />
      <Field label="Minutos de mão de obra" inputMode="numeric" value={d.labourMinutes} onChange={(e) => set({ labourMinutes: e.target.value })} error={errors.labourMinutes} />
      <Field label="Família da moto (opcional)" value={d.familyId} onChange={(e) => set({ familyId: e.target.value })} error={errors.familyId} />
      <label className="check">
        <input type="checkbox" checked={d.active} onChange={(e) => set({ active: e.target.checked })} /> {m.catalogue.active}
      </label>
      <div className="row">
        <Button type="submit" busy={busy === 'save'}>
          {m.common.save}
        </Button>
        <Button variant="ghost" onClick={() => onDone(false)}>
          {m.common.cancel}
        </Button>
      </div>
    </form>
  );
};

export const CataloguePage = () => {
  const { data, error, loading, reload } = useApi(() => api.get<{ items: Item[] }>('/catalogue'));
  const [editing, setEditing] = useState<Draft | null>(null);
  const { busy, run } = useAction();
  const { has, isOwner } = useTenant();
  const file = useRef<HTMLInputElement>(null);
  const exportCsv = async () => download('catalogo.csv', await request<string>('/catalogue/export.csv'), 'text/csv');
  const importCsv = async (f: File) => {
    const csv = await f.text();
    const r = await run('import', () => api.post<{ imported: number }>('/catalogue/import', { csv, replace: false }));
    if (r) {
      reload();
      run('noop', async () => r, m.catalogue.imported(r.imported));
    }
  };
  return (
    <>
      <PageHeader title={m.catalogue.title}>
        {isOwner && <Button onClick={() => setEditing({ ...empty })}>{m.catalogue.newItem}</Button>}
        <Button variant="secondary" busy={busy === 'export'} onClick={() => void run('export', exportCsv)}>
          {m.catalogue.exportCsv}
        </Button>
        {isOwner && has('csvImport') && (
          <>
            <Button variant="secondary" busy={busy === 'import'} onClick={() => file.current?.click()}>
              {m.catalogue.importCsv}
            </Button>
            <input
              ref={file}
              type="file"
              accept=".csv,text/csv"
              hidden
              aria-label={m.catalogue.importCsv}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importCsv(f);
                e.target.value = '';
              }}
            />
          </>
        )}
      </PageHeader>
      {editing && (
        <Card title={editing.id ? m.catalogue.edit : m.catalogue.newItem}>
          <ItemForm
            key={editing.id ?? 'new'}
            draft={editing}
            onDone={(saved) => {
              setEditing(null);
              if (saved) reload();
            }}
          />
        </Card>
      )}
      <Card>
        {loading && <Skeleton lines={8} />}
        {error && <ErrorState message={error.message} onRetry={reload} />}
        {data &&
          (data.items.length ? (
            <Table
              caption={m.catalogue.title}
              rows={data.items}
              rowKey={(i) => i.id}
              columns={[
                { key: 's', header: m.catalogue.sku, render: (i) => <code>{i.sku}</code> },
                { key: 'd', header: m.catalogue.name, render: (i) => i.description },
                { key: 'k', header: m.catalogue.kind, render: (i) => (i.kind === 'part' ? 'Peça' : 'Mão de obra') },
                { key: 'p', header: m.catalogue.price, render: (i) => (i.kind === 'labour' ? `${i.labourMinutes} min` : brl(i.priceCents)), numeric: true },
                { key: 'a', header: m.catalogue.active, render: (i) => (i.active ? <Badge tone="success">{m.common.yes}</Badge> : <Badge>{m.common.no}</Badge>) },
                {
                  key: 'x',
                  header: <span className="sr-only">{m.orders.actions}</span>,
                  render: (i) => isOwner && (
                    <div className="row">
                      <Button variant="ghost" aria-label={`${m.common.edit} ${i.sku}`} onClick={() => setEditing(toDraft(i))}>
                        {m.common.edit}
                      </Button>
                      <ConfirmButton question={m.catalogue.deleteConfirm} onConfirm={() => void run('del', () => api.del(`/catalogue/${i.id}`), m.catalogue.deleted).then(reload)}>
                        {m.common.delete}
                      </ConfirmButton>
                    </div>
                  ),
                },
              ]}
            />
          ) : (
            <EmptyState>{m.catalogue.empty}</EmptyState>
          ))}
      </Card>
    </>
  );
};
