import { auditListQuerySchema, auditPageSchema } from '../../../core/contracts/audit';
import type { Prisma } from '../../db/generated/client';
import type { ApiDeps } from '../deps';
import { route } from '../route';

export const auditRoutes = (deps: ApiDeps) => [
  route({
    method: 'get', path: '/audit', tag: 'audit', access: 'owner', feature: 'auditLog', summary: 'Histórico de auditoria', query: auditListQuerySchema, response: auditPageSchema,
    handle: ({ auth, query }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const where: Prisma.AuditLogWhereInput = {
          ...(query.entity ? { entity: query.entity } : {}),
          ...(query.action ? { action: query.action } : {}),
          ...(query.actor ? { OR: [{ actorId: query.actor }, { actorType: query.actor }] } : {}),
          ...(query.from || query.to ? { at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lte: new Date(query.to) } : {}) } } : {}),
        };
        // One transaction client runs one statement at a time: awaited in turn, not in parallel.
        const total = await tx.auditLog.count({ where });
        const rows = await tx.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize });
        return {
          items: rows.map((r) => ({ id: r.id, actorType: r.actorType, actorId: r.actorId, action: r.action, entity: r.entity, entityId: r.entityId, before: r.before, after: r.after, at: r.at.toISOString() })),
          page: query.page, pageSize: query.pageSize, total,
        };
      }),
  }),
];
