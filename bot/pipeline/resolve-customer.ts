import { normalizePhone, phoneKey } from '../../core/domain/phone';
import type { InboundMessage } from '../../core/messaging/types';
import type { Tx } from '../db/tenant-db';

export interface ResolvedCustomer {
  readonly customerId: string;
  readonly created: boolean;
}

/**
 * The customer's lookup key: phones are normalised to E.164 with the Brazilian ninth
 * digit reconciled (with or without it, the same person); other addresses as given.
 */
export const identityOf = (from: InboundMessage['from']): { kind: string; address: string; phone: string | null } => {
  const rawPhone = from.kind === 'phone' ? from.address : from.phone;
  const normalised = rawPhone ? normalizePhone(rawPhone) : null;
  const phone = normalised && normalised.ok ? normalised.e164 : null;
  if (from.kind === 'phone' && phone) return { kind: 'phone', address: phoneKey(phone) ?? phone, phone };
  return { kind: from.kind, address: from.address, phone };
};

/**
 * Finds or creates the customer for a sender, inside the tenant's transaction. A
 * transaction-scoped advisory lock per (tenant, address) makes two servers racing on
 * a new customer create exactly one; the unique index on identities backs it up.
 */
export const resolveCustomer = async (tx: Tx, tenantId: string, from: InboundMessage['from']): Promise<ResolvedCustomer> => {
  const id = identityOf(from);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${tenantId}|${id.kind}|${id.address}`}, 0))`;
  const existing = await tx.customerIdentity.findUnique({
    where: { tenantId_kind_address: { tenantId, kind: id.kind, address: id.address } },
    select: { customerId: true },
  });
  if (existing) return { customerId: existing.customerId, created: false };

  // A WhatsApp @lid sender whose phone we know may already be a customer by phone.
  if (id.kind !== 'phone' && id.phone) {
    const byPhone = await tx.customerIdentity.findUnique({
      where: { tenantId_kind_address: { tenantId, kind: 'phone', address: phoneKey(id.phone) ?? id.phone } },
      select: { customerId: true },
    });
    if (byPhone) {
      await tx.customerIdentity.create({ data: { tenantId, customerId: byPhone.customerId, kind: id.kind, address: id.address } });
      return { customerId: byPhone.customerId, created: false };
    }
  }
  const customer = await tx.customer.create({
    data: { tenantId, phoneE164: id.phone, name: from.name?.slice(0, 120) ?? null },
    select: { id: true },
  });
  await tx.customerIdentity.create({ data: { tenantId, customerId: customer.id, kind: id.kind, address: id.address } });
  if (id.phone && id.kind !== 'phone') {
    await tx.customerIdentity.create({
      data: { tenantId, customerId: customer.id, kind: 'phone', address: phoneKey(id.phone) ?? id.phone },
    });
  }
  return { customerId: customer.id, created: true };
};
