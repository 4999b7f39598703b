import { useState } from 'react';
import type { z } from 'zod';
import type { auditPageSchema } from '../../../core/contracts';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { m } from '../messages';
import { Card, FilterForm, Field, PagedTable, PageHeader } from '../ui/components';
import { dateTime } from '../ui/format';

type AuditPage = z.infer<typeof auditPageSchema>;
interface Filters {
  entity: string;
  action: string;
  actor: string;
  from: string;
  to: string;
}
const none: Filters = { entity: '', action: '', actor: '', from: '', to: '' };
/** A date input (yyyy-mm-dd) as an ISO instant at the start/end of that day in local time. */
const iso = (d: string, end: boolean) => (d ? new Date(`${d}T${end ? '23:59:59' : '00:00:00'}`).toISOString() : undefined);

export const AuditPage = () => {
  const [draft, setDraft] = useState<Filters>(none);
  const [f, setF] = useState<Filters>(none);
  const [page, setPage] = useState(1);
  const list = useApi(
    () => api.get<AuditPage>('/audit', { entity: f.entity, action: f.action, actor: f.actor, from: iso(f.from, false), to: iso(f.to, true), page }),
    [f, page],
  );
  const set = (p: Partial<Filters>) => setDraft((x) => ({ ...x, ...p }));
  return (
    <>
      <PageHeader title={m.audit.title} />
      <Card>
        <FilterForm
          submitLabel={m.common.filter}
          onSubmit={() => {
            setPage(1);
            setF(draft);
          }}
        >
          <Field label={m.audit.entity} value={draft.entity} onChange={(e) => set({ entity: e.target.value })} />
          <Field label={m.audit.action} value={draft.action} onChange={(e) => set({ action: e.target.value })} />
          <Field label={m.audit.actor} value={draft.actor} onChange={(e) => set({ actor: e.target.value })} />
          <Field label={m.audit.from} type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
          <Field label={m.audit.to} type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
        </FilterForm>
        <PagedTable
          state={list}
          caption={m.audit.title}
          rowKey={(r) => r.id}
          empty={m.audit.empty}
          onPage={setPage}
          columns={[
            { key: 'w', header: m.audit.when, render: (r) => dateTime(r.at) },
            { key: 'a', header: m.audit.actor, render: (r) => `${r.actorType}${r.actorId ? ` · ${r.actorId.slice(0, 8)}` : ''}` },
            { key: 'c', header: m.audit.action, render: (r) => <code>{r.action}</code> },
            { key: 'e', header: m.audit.entity, render: (r) => `${r.entity}${r.entityId ? ` · ${r.entityId.slice(0, 8)}` : ''}` },
          ]}
        />
      </Card>
    </>
  );
};
