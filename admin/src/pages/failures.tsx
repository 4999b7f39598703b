import { useState } from 'react';
import type { z } from 'zod';
import type { failurePageSchema } from '../../../core/contracts';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { m } from '../messages';
import { Badge, Button, Card, PagedTable, PageHeader } from '../ui/components';
import { dateTime } from '../ui/format';
import { useAction } from '../ui/use-action';

type FailurePage = z.infer<typeof failurePageSchema>;

export const FailuresPage = () => {
  const [page, setPage] = useState(1);
  const list = useApi(() => api.get<FailurePage>('/failures', { page }), [page]);
  const { busy, run } = useAction();
  return (
    <>
      <PageHeader title={m.failures.title} />
      <p className="muted">{m.failures.intro}</p>
      <Card>
        <PagedTable
          state={list}
          skeletonLines={4}
          caption={m.failures.title}
          rowKey={(f) => f.id}
          empty={m.failures.empty}
          onPage={setPage}
          columns={[
            { key: 'w', header: m.failures.when, render: (f) => dateTime(f.createdAt) },
            { key: 'q', header: m.failures.channel, render: (f) => f.queue },
            { key: 'e', header: m.failures.reason, render: (f) => <span className="clip">{f.error}</span> },
            { key: 'a', header: m.failures.attempts, render: (f) => String(f.attempts), numeric: true },
            {
              key: 'x',
              header: <span className="sr-only">{m.failures.retry}</span>,
              render: (f) =>
                f.retriedAt ? (
                  <Badge tone="info">{`Reenviado ${dateTime(f.retriedAt)}`}</Badge>
                ) : (
                  <Button variant="secondary" busy={busy === f.id} onClick={() => void run(f.id, () => api.post(`/failures/${f.id}/retry`), m.failures.retried).then(list.reload)}>
                    {m.failures.retry}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
};
