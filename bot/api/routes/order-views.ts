import type { OrderRow } from '../../../core/contracts/orders';
import type { OrderStatusDto } from '../../../core/contracts/common';
import type { Prisma } from '../../db/generated/client';

export const orderRowInclude = {
  customer: { select: { name: true } },
  vehicle: { select: { brand: true, model: true, plate: true } },
  quotes: { orderBy: { version: 'desc' }, take: 1, select: { totalCents: true } },
} satisfies Prisma.ServiceOrderInclude;

type OrderWithRow = Prisma.ServiceOrderGetPayload<{ include: typeof orderRowInclude }>;

export const toOrderRow = (o: OrderWithRow): OrderRow => ({
  id: o.id,
  number: o.number,
  status: o.status as OrderStatusDto,
  customerName: o.customer.name,
  vehicle: o.vehicle ? [o.vehicle.brand, o.vehicle.model, o.vehicle.plate].filter(Boolean).join(' ') || null : null,
  openedAt: o.openedAt.toISOString(),
  totalCents: o.quotes[0]?.totalCents ?? null,
});
