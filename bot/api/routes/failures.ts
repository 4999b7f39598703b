import { idParamsSchema, okSchema } from '../../../core/contracts/common';
import { failureListQuerySchema, failurePageSchema } from '../../../core/contracts/failures';
import { audit } from '../../pipeline/audit';
import type { ApiDeps } from '../deps';
import { API_MESSAGES as M } from '../messages';
import { flush, newPending } from '../notify';
import { conflict, iso, notFound, route } from '../route';

export const failureRoutes = (deps: ApiDeps) => [
  route({
    method: 'get', path: '/failures', tag: 'failures', access: 'staff', summary: 'Mensagens que falharam de vez', query: failureListQuerySchema, response: failurePageSchema,
    handle: ({ auth, query }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        // One transaction client runs one statement at a time: awaited in turn, not in parallel.
        const total = await tx.deadLetter.count();
        const rows = await tx.deadLetter.findMany({ orderBy: { createdAt: 'desc' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
        return {
          items: rows.map((r) => ({ id: r.id, queue: r.queue, jobId: r.jobId, error: r.error, attempts: r.attempts, createdAt: r.createdAt.toISOString(), retriedAt: iso(r.retriedAt) })),
          page: query.page, pageSize: query.pageSize, total,
        };
      }),
  }),
  route({
    method: 'post', path: '/failures/:id/retry', tag: 'failures', access: 'staff', summary: 'Reenvia a mensagem', params: idParamsSchema, response: okSchema,
    handle: async ({ auth, actor, params }) => {
      const pending = newPending();
      const retriedAt = new Date();
      await deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const dl = await tx.deadLetter.findUnique({ where: { id: params.id } });
        if (!dl) throw notFound();
        // Claimed once: a double click re-enqueues one job, not two.
        const claimed = await tx.deadLetter.updateMany({ where: { id: dl.id, retriedAt: null }, data: { retriedAt } });
        if (dl.queue !== 'send' || claimed.count !== 1) throw conflict(M.notRetryable);
        const msg = await tx.message.updateMany({ where: { id: dl.jobId }, data: { status: 'queued', error: null } });
        if (msg.count !== 1) throw conflict(M.notRetryable);
        pending.sends.push(dl.jobId);
        await audit(tx, auth.tenantId, actor, 'dead_letter.retried', 'dead_letter', dl.id, { after: { messageId: dl.jobId } });
      });
      // A fresh job id: the dead one may still sit in the queue's history.
      await flush(deps.queues, auth.tenantId, pending, `retry${retriedAt.getTime()}`);
      return { ok: true as const };
    },
  }),
];
