import type { Prisma } from '../db/generated/client';
import type { Tx } from '../db/tenant-db';
import { currentContext } from '../observability/context';

export interface Actor {
  readonly type: 'customer' | 'staff' | 'user' | 'system' | 'operator';
  readonly id?: string | null;
}

/** Appends to the tenant's audit trail, in the caller's transaction. */
export const audit = (
  tx: Tx,
  tenantId: string,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | null,
  change: { before?: unknown; after?: unknown } = {},
) =>
  tx.auditLog.create({
    data: {
      tenantId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      action,
      entity,
      entityId,
      before: (change.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (change.after ?? undefined) as Prisma.InputJsonValue | undefined,
      traceId: currentContext()?.traceId ?? null,
    },
  });
