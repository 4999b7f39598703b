import { channelDtoSchema, channelListSchema, channelUpsertBodySchema, pairingStateSchema, type ChannelUpsertBody } from '../../../core/contracts/channels';
import { idParamsSchema } from '../../../core/contracts/common';
import { featuresOf } from '../../../core/plans/plans';
import type { Prisma } from '../../db/generated/client';
import { HttpError } from '../../http/errors';
import { AUTH_MESSAGES } from '../../auth/messages';
import { audit } from '../../pipeline/audit';
import type { ApiDeps } from '../deps';
import { API_MESSAGES as M } from '../messages';
import { conflict, notFound, route } from '../route';
import type { z } from 'zod';

export type PairingState = z.infer<typeof pairingStateSchema>;

type Row = Prisma.ChannelAccountGetPayload<object>;
/** Never the secrets: only whether they are set. */
const toDto = (r: Row) => ({
  id: r.id, kind: r.kind as 'webchat', externalId: r.externalId, displayName: r.displayName, status: r.status,
  hasSecrets: Boolean(r.secretsEnc), settings: (r.settings ?? {}) as Record<string, unknown>,
});

const gate = (plan: string, kind: ChannelUpsertBody['kind']) => {
  const f = featuresOf(plan);
  if (kind === 'voice' && !f.voice) throw new HttpError(403, 'FEATURE_NOT_IN_PLAN', AUTH_MESSAGES.featureNotInPlan('atendimento por voz'));
  if (kind === 'whatsapp_cloud' && !f.whatsappCloud) throw new HttpError(403, 'FEATURE_NOT_IN_PLAN', AUTH_MESSAGES.featureNotInPlan('WhatsApp oficial'));
};

export const channelRoutes = (deps: ApiDeps) => {
  const pairing = deps.pairingState ?? (async (): Promise<PairingState> => ({ status: 'unavailable' }));
  const save = async (tenantId: string, plan: string, actorId: string, body: ChannelUpsertBody, id: string | null) => {
    gate(plan, body.kind);
    const owner = await deps.tdb.lookup.channelAccount(body.kind, body.externalId);
    if (owner && (owner.tenantId !== tenantId || (id && owner.channelAccountId !== id))) throw conflict(M.channelTaken);
    return deps.tdb.withTenant(tenantId, async (tx) => {
      const existing = id ? await tx.channelAccount.findUnique({ where: { id } }) : owner ? await tx.channelAccount.findUnique({ where: { id: owner.channelAccountId } }) : null;
      if (id && (!existing || existing.kind !== body.kind)) throw notFound();
      const data = {
        externalId: body.externalId,
        displayName: body.displayName ?? existing?.displayName ?? null,
        ...(body.secrets ? { secretsEnc: deps.secrets.seal(body.secrets) } : {}),
      };
      const row = existing
        ? await tx.channelAccount.update({ where: { id: existing.id }, data })
        : await tx.channelAccount.create({ data: { tenantId, kind: body.kind, ...data } });
      // Which secret fields changed, never their values.
      await audit(tx, tenantId, { type: 'user', id: actorId }, existing ? 'channel.updated' : 'channel.created', 'channel_account', row.id, {
        before: existing ? { externalId: existing.externalId, displayName: existing.displayName } : undefined,
        after: { kind: body.kind, externalId: row.externalId, displayName: row.displayName, secretsChanged: body.secrets ? Object.keys(body.secrets) : [] },
      });
      return toDto(row);
    });
  };
  return [
    route({
      method: 'get', path: '/channels', tag: 'channels', access: 'owner', summary: 'Canais da oficina (sem segredos)', response: channelListSchema,
      handle: ({ auth }) => deps.tdb.withTenant(auth.tenantId, async (tx) => ({ items: (await tx.channelAccount.findMany({ orderBy: { createdAt: 'asc' } })).map(toDto) })),
    }),
    route({
      method: 'post', path: '/channels', tag: 'channels', access: 'owner', summary: 'Cadastra canal (WhatsApp Cloud, Telegram, voz); segredos só de escrita',
      body: channelUpsertBodySchema, response: channelDtoSchema,
      handle: ({ auth, body }) => save(auth.tenantId, auth.plan, auth.userId, body, null),
    }),
    route({
      method: 'put', path: '/channels/:id', tag: 'channels', access: 'owner', summary: 'Altera canal', params: idParamsSchema, body: channelUpsertBodySchema, response: channelDtoSchema,
      handle: ({ auth, params, body }) => save(auth.tenantId, auth.plan, auth.userId, body, params.id),
    }),
    route({
      method: 'get', path: '/channels/:id/pairing', tag: 'channels', access: 'owner', summary: 'Estado do pareamento do WhatsApp Web', params: idParamsSchema, response: pairingStateSchema,
      handle: async ({ auth, params }) => {
        const row = await deps.tdb.withTenant(auth.tenantId, (tx) => tx.channelAccount.findUnique({ where: { id: params.id } }));
        if (!row) throw notFound();
        return pairingStateSchema.parse(await pairing(row.id));
      },
    }),
  ];
};
