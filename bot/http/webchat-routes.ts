import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { sessionIdSchema, webchatPostSchema, webchatToInbound } from '../../channels/webchat/to-inbound';
import type { TenantDb } from '../db/tenant-db';
import type { IngestResult } from '../pipeline/ingest';
import { HttpError } from './errors';
import { webchatPage } from './webchat-page';

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);

export interface WebchatDeps {
  readonly tdb: TenantDb;
  readonly ingest: (msg: unknown) => Promise<IngestResult>;
  readonly now: () => Date;
}

const resolveAccount = async (tdb: TenantDb, slugRaw: string) => {
  const slug = slugSchema.safeParse(slugRaw);
  if (!slug.success) throw new HttpError(404, 'UNKNOWN_TENANT', 'Oficina não encontrada.');
  const account = await tdb.lookup.channelAccount('webchat', slug.data);
  if (!account) throw new HttpError(404, 'UNKNOWN_TENANT', 'Oficina não encontrada.');
  if (account.status !== 'active') throw new HttpError(403, 'CHANNEL_DISABLED', 'O chat desta oficina está desativado.');
  return account;
};

/**
 * The web chat channel: the same pipeline as WhatsApp, so the product can be tried
 * without a WhatsApp account and tests can hold whole conversations end to end.
 */
export const webchatRoutes = (deps: WebchatDeps): Router => {
  const r = Router();

  r.post('/api/chat/:tenantSlug', async (req, res) => {
    const account = await resolveAccount(deps.tdb, req.params.tenantSlug);
    const body = webchatPostSchema.parse(req.body ?? {});
    const result = await deps.ingest(webchatToInbound(body, account.channelAccountId, deps.now(), () => randomUUID()));
    if (result.status === 'invalid') throw new HttpError(400, 'VALIDATION_FAILED', 'Mensagem inválida.');
    if (result.status === 'unknown_channel') throw new HttpError(404, 'UNKNOWN_TENANT', 'Oficina não encontrada.');
    if (result.status === 'channel_disabled') throw new HttpError(403, 'CHANNEL_DISABLED', 'O chat desta oficina está desativado.');
    res.status(202).json(result.status === 'accepted' ? { status: 'accepted', messageId: result.messageId } : { status: 'duplicate' });
  });

  r.get('/api/chat/:tenantSlug/messages', async (req, res) => {
    const account = await resolveAccount(deps.tdb, req.params.tenantSlug);
    const q = z
      .object({ sessionId: sessionIdSchema, after: z.string().datetime({ offset: true }).optional() })
      .parse(req.query);
    const messages = await deps.tdb.withTenant(account.tenantId, async (tx) => {
      const identity = await tx.customerIdentity.findUnique({
        where: { tenantId_kind_address: { tenantId: account.tenantId, kind: 'webchat', address: q.sessionId } },
      });
      if (!identity) return [];
      const conv = await tx.conversation.findUnique({
        where: {
          tenantId_customerId_channelAccountId: {
            tenantId: account.tenantId,
            customerId: identity.customerId,
            channelAccountId: account.channelAccountId,
          },
        },
      });
      if (!conv) return [];
      return tx.message.findMany({
        where: {
          conversationId: conv.id,
          ...(q.after ? { createdAt: { gt: new Date(q.after) } } : {}),
          OR: [{ direction: 'in' }, { direction: 'out', status: { in: ['sent', 'delivered', 'read'] } }],
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 200,
      });
    });
    res.json({
      messages: messages.map((m) => {
        const p = (m.payload ?? {}) as { buttons?: unknown; copyText?: unknown; link?: unknown };
        return {
          id: m.id,
          direction: m.direction,
          text: m.text,
          buttons: m.direction === 'out' ? (p.buttons ?? []) : [],
          copyText: m.direction === 'out' ? (p.copyText ?? null) : null,
          link: m.direction === 'out' ? (p.link ?? null) : null,
          createdAt: m.createdAt.toISOString(),
        };
      }),
    });
  });

  r.get('/chat/:tenantSlug', async (req, res) => {
    await resolveAccount(deps.tdb, req.params.tenantSlug);
    res.type('html').send(webchatPage(req.params.tenantSlug));
  });
  return r;
};
