import { normalizePhone, phoneKey } from '../../core/domain/phone';
import type { InboundMessage } from '../../core/messaging/types';

/**
 * The customer's lookup key: phones are normalised to E.164 with the Brazilian ninth
 * digit reconciled (with or without it, the same person); other addresses as given.
 * The database function ingest_inbound finds or creates the customer by this key.
 */
export const identityOf = (from: InboundMessage['from']): { kind: string; address: string; phone: string | null } => {
  const rawPhone = from.kind === 'phone' ? from.address : from.phone;
  const normalised = rawPhone ? normalizePhone(rawPhone) : null;
  const phone = normalised && normalised.ok ? normalised.e164 : null;
  if (from.kind === 'phone' && phone) return { kind: 'phone', address: phoneKey(phone) ?? phone, phone };
  return { kind: from.kind, address: from.address, phone };
};
