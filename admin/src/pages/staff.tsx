import { useState } from 'react';
import type { z } from 'zod';
import { staffCreateBodySchema, type staffCreatedSchema, type staffUserSchema } from '../../../core/contracts';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useTenant } from '../auth';
import { m } from '../messages';
import { Badge, Button, Card, EmptyState, ErrorState, Field, PageHeader, Skeleton, Table } from '../ui/components';
import { useAction } from '../ui/use-action';

type StaffUser = z.infer<typeof staffUserSchema>;

const AddStaff = ({ onDone }: { onDone: () => void }) => {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useAction();
  const [created, setCreated] = useState<string | null>(null);
  return (
    <form
      className="form-grid"
      aria-label={m.staff.add}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = staffCreateBodySchema.safeParse({ name, email, ...(password ? { password } : {}), role: 'staff' });
        if (!parsed.success) {
          setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), m.common.validation])));
          return;
        }
        setErrors({});
        void run('add', () => api.post<z.infer<typeof staffCreatedSchema>>('/staff', parsed.data)).then((r) => {
          if (!r) return;
          setCreated(m.staff.created(r.password));
          setName('');
          setEmail('');
          setPassword('');
          onDone();
        });
      }}
    >
      <Field label={m.staff.name} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      <Field label={m.staff.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
      <Field label={m.staff.password} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
      <div className="row">
        <Button type="submit" busy={busy === 'add'}>
          {m.staff.add}
        </Button>
      </div>
      {created && (
        <p className="notice" role="status">
          {created}
        </p>
      )}
    </form>
  );
};

export const StaffPage = () => {
  const { data, error, loading, reload } = useApi(() => api.get<{ items: StaffUser[] }>('/staff'));
  const { busy, run } = useAction();
  const { user } = useTenant();
  return (
    <>
      <PageHeader title={m.staff.title} />
      <Card>
        {loading && <Skeleton lines={4} />}
        {error && <ErrorState message={error.message} onRetry={reload} />}
        {data &&
          (data.items.length ? (
            <Table
              caption={m.staff.title}
              rows={data.items}
              rowKey={(u) => u.id}
              columns={[
                { key: 'n', header: m.staff.name, render: (u) => u.name },
                { key: 'e', header: m.staff.email, render: (u) => u.email },
                { key: 'r', header: m.staff.role, render: (u) => m.staff.roles[u.role] ?? u.role },
                { key: 't', header: m.staff.telegram, render: (u) => (u.telegram.length ? u.telegram.map((t) => (t.username ? `@${t.username}` : t.telegramUserId)).join(', ') : <span className="muted">{m.staff.notLinked}</span>) },
                { key: 's', header: m.staff.active, render: (u) => (u.blocked ? <Badge tone="danger">{m.staff.blocked}</Badge> : <Badge tone="success">{m.staff.active}</Badge>) },
                {
                  key: 'x',
                  header: <span className="sr-only">{m.orders.actions}</span>,
                  render: (u) =>
                    u.id === user.id ? null : (
                      <Button variant="ghost" busy={busy === u.id} onClick={() => void run(u.id, () => api.patch(`/staff/${u.id}`, { blocked: !u.blocked }), m.common.saved).then(reload)}>
                        {u.blocked ? m.staff.unblock : m.staff.block}
                      </Button>
                    ),
                },
              ]}
            />
          ) : (
            <EmptyState>{m.staff.empty}</EmptyState>
          ))}
      </Card>
      <Card title={m.staff.add}>
        <AddStaff onDone={reload} />
      </Card>
    </>
  );
};
