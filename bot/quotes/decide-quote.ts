import type { Tx } from '../db/tenant-db';
import { audit, type Actor } from '../pipeline/audit';
import { setOrderStatus } from '../pipeline/order-status';

export type QuoteDecision = 'approved' | 'rejected' | 'partial';

export interface DecisionEvidence {
  /** 'whatsapp_cloud', 'webchat', 'portal', ... */
  readonly channel: string;
  readonly messageId?: string | null;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
}

export interface RecordQuoteDecisionInput {
  readonly tenantId: string;
  readonly quoteId: string;
  readonly decision: QuoteDecision;
  /** Line positions: the approved ones for 'partial'; optional extras to include for 'approved'. */
  readonly lineNumbers?: readonly number[];
  readonly actor: Actor & { readonly type: 'customer' | 'staff' };
  readonly evidence: DecisionEvidence;
  readonly now: Date;
  /** What the customer saw: a decision on any other version or content is refused. */
  readonly expected?: { readonly version: number; readonly contentHash: string };
}

export type RecordQuoteDecisionResult =
  | {
      readonly ok: true;
      readonly quoteId: string;
      readonly orderId: string;
      readonly version: number;
      readonly status: 'approved' | 'partially_approved' | 'rejected';
      readonly approvedLineNumbers: number[];
      readonly approvalId: string;
    }
  | { readonly ok: false; readonly code: 'QUOTE_NOT_FOUND' | 'QUOTE_NOT_PENDING' | 'QUOTE_EXPIRED' | 'QUOTE_CHANGED' | 'NO_LINES' };

/**
 * Records a customer's decision on a quote version with its evidence (CDC art. 40):
 * the same semantics as the chat's decide_quote, for every channel. The quote row is
 * locked first, so two decisions racing (chat and portal) cannot both win.
 * Optional (suggested) lines are approved only when chosen explicitly.
 */
export const recordQuoteDecision = async (tx: Tx, input: RecordQuoteDecisionInput): Promise<RecordQuoteDecisionResult> => {
  await tx.$queryRaw`SELECT id FROM quotes WHERE id = ${input.quoteId}::uuid FOR UPDATE`;
  const quote = await tx.quote.findUnique({ where: { id: input.quoteId }, include: { lines: { orderBy: { position: 'asc' } } } });
  if (!quote) return { ok: false, code: 'QUOTE_NOT_FOUND' };
  if (input.expected && (input.expected.version !== quote.version || input.expected.contentHash !== quote.contentHash)) {
    return { ok: false, code: 'QUOTE_CHANGED' };
  }
  if (quote.status !== 'sent') return { ok: false, code: 'QUOTE_NOT_PENDING' };
  if (quote.validUntil < input.now) return { ok: false, code: 'QUOTE_EXPIRED' };
  const chosen = new Set(input.lineNumbers ?? []);
  const approvedLines =
    input.decision === 'approved'
      ? quote.lines.filter((l) => !l.optional || chosen.has(l.position))
      : input.decision === 'partial'
        ? quote.lines.filter((l) => chosen.has(l.position))
        : [];
  if (input.decision !== 'rejected' && approvedLines.length === 0) return { ok: false, code: 'NO_LINES' };
  const approvedIds = new Set(approvedLines.map((l) => l.id));
  const rejectedIds = quote.lines.filter((l) => !approvedIds.has(l.id)).map((l) => l.id);
  if (approvedIds.size) await tx.quoteLine.updateMany({ where: { id: { in: [...approvedIds] } }, data: { decision: 'approved' } });
  if (rejectedIds.length) await tx.quoteLine.updateMany({ where: { id: { in: rejectedIds } }, data: { decision: 'rejected' } });
  const status = input.decision === 'approved' ? 'approved' : input.decision === 'partial' ? 'partially_approved' : 'rejected';
  await tx.quote.update({ where: { id: quote.id }, data: { status, decidedAt: input.now } });
  const approval = await tx.quoteApproval.create({
    data: {
      tenantId: input.tenantId,
      quoteId: quote.id,
      version: quote.version,
      decision: input.decision,
      lineIds: [...approvedIds],
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      channel: input.evidence.channel,
      messageId: input.evidence.messageId ?? null,
      contentHash: quote.contentHash,
      ip: input.evidence.ip?.slice(0, 100) ?? null,
      userAgent: input.evidence.userAgent?.slice(0, 500) ?? null,
      at: input.now,
    },
    select: { id: true },
  });
  await audit(tx, input.tenantId, input.actor, `quote.${status}`, 'quote', quote.id, {
    after: { version: quote.version, lines: [...approvedIds], channel: input.evidence.channel },
  });
  // A decision on a revised quote during the work keeps the order where it is; only an
  // order still waiting for its first approval moves to aprovada/recusada.
  const order = await tx.serviceOrder.findUniqueOrThrow({ where: { id: quote.orderId }, select: { status: true } });
  if (order.status === 'aberta' || order.status === 'orcamento_enviado') {
    await setOrderStatus(tx, input.tenantId, quote.orderId, input.decision === 'rejected' ? 'recusada' : 'aprovada', input.actor);
  }
  return {
    ok: true,
    quoteId: quote.id,
    orderId: quote.orderId,
    version: quote.version,
    status,
    approvedLineNumbers: approvedLines.map((l) => l.position),
    approvalId: approval.id,
  };
};
