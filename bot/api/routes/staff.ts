import { randomInt } from 'node:crypto';
import { idParamsSchema } from '../../../core/contracts/common';
import { linkCodeSchema, staffBlockBodySchema, staffCreateBodySchema, staffCreatedSchema, staffListSchema, staffUserSchema } from '../../../core/contracts/staff';
import { featuresOf } from '../../../core/plans/plans';
import type { Prisma } from '../../db/generated/client';
import { HttpError } from '../../http/errors';
import { audit } from '../../pipeline/audit';
import { hashToken } from '../../security/crypto';
import { generatePassword, type PasswordHasher } from '../../security/password';
import type { ApiDeps } from '../deps';
import { API_MESSAGES as M } from '../messages';
import { conflict, notFound, route } from '../route';

// Same format as the CLI's staff:link-code: no 0/O, 1/I/L.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LINK_CODE_TTL_MS = 15 * 60_000;

const include = { telegramLinks: { orderBy: { linkedAt: 'asc' } } } satisfies Prisma.UserInclude;
type Row = Prisma.UserGetPayload<{ include: typeof include }>;
const toDto = (u: Row) => ({
  id: u.id, name: u.name, email: u.email, role: u.role === 'owner' ? ('owner' as const) : ('staff' as const), blocked: Boolean(u.blockedAt) || !u.active,
  telegram: u.telegramLinks.map((l) => ({ telegramUserId: l.telegramUserId, username: l.username, linkedAt: l.linkedAt.toISOString() })),
});

export const staffRoutes = (deps: ApiDeps & { hasher: PasswordHasher }) => [
  route({
    method: 'get', path: '/staff', tag: 'staff', access: 'owner', summary: 'Equipe e vínculos do Telegram', response: staffListSchema,
    handle: ({ auth }) => deps.tdb.withTenant(auth.tenantId, async (tx) => ({ items: (await tx.user.findMany({ include, orderBy: { createdAt: 'asc' } })).map(toDto) })),
  }),
  route({
    method: 'post', path: '/staff', tag: 'staff', access: 'owner', summary: 'Cria usuário da equipe (senha gerada se não informada)', body: staffCreateBodySchema, response: staffCreatedSchema,
    handle: async ({ auth, actor, body, res }) => {
      const generated = body.password ? undefined : generatePassword();
      const passwordHash = await deps.hasher.hash(body.password ?? generated!);
      if (await deps.tdb.lookup.login(body.email)) throw conflict(M.emailTaken);
      const max = featuresOf(auth.plan).maxStaff;
      try {
        const user = await deps.tdb.withTenant(auth.tenantId, async (tx) => {
          if ((await tx.user.count({ where: { blockedAt: null } })) >= max) throw new HttpError(403, 'FEATURE_NOT_IN_PLAN', M.staffLimit(max));
          const u = await tx.user.create({ data: { tenantId: auth.tenantId, email: body.email, name: body.name, role: body.role, passwordHash }, include });
          await audit(tx, auth.tenantId, actor, 'staff.created', 'user', u.id, { after: { email: u.email, name: u.name, role: u.role } });
          return u;
        });
        res.status(201);
        return { user: toDto(user), ...(generated ? { password: generated } : {}) };
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') throw conflict(M.emailTaken);
        throw err;
      }
    },
  }),
  route({
    method: 'patch', path: '/staff/:id', tag: 'staff', access: 'owner', summary: 'Bloqueia ou desbloqueia usuário', params: idParamsSchema, body: staffBlockBodySchema, response: staffUserSchema,
    handle: ({ auth, actor, params, body }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const before = await tx.user.findUnique({ where: { id: params.id } });
        if (!before) throw notFound();
        if (before.id === auth.userId && body.blocked) throw conflict(M.cannotBlockSelf);
        const u = await tx.user.update({ where: { id: params.id }, data: { blockedAt: body.blocked ? (before.blockedAt ?? new Date()) : null }, include });
        if (body.blocked) await tx.refreshToken.updateMany({ where: { userId: u.id, revokedAt: null }, data: { revokedAt: new Date() } });
        await audit(tx, auth.tenantId, actor, body.blocked ? 'staff.blocked' : 'staff.unblocked', 'user', u.id, {
          before: { blocked: Boolean(before.blockedAt) }, after: { blocked: body.blocked },
        });
        return toDto(u);
      }),
  }),
  route({
    method: 'post', path: '/staff/:id/link-code', tag: 'staff', access: 'owner', summary: 'Código de vínculo do Telegram (15 min, uso único)', params: idParamsSchema, response: linkCodeSchema,
    handle: ({ auth, actor, params }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const u = await tx.user.findUnique({ where: { id: params.id } });
        if (!u) throw notFound();
        if (!u.active || u.blockedAt) throw conflict(M.userBlocked);
        const code = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
        const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
        const row = await tx.linkCode.create({ data: { tenantId: auth.tenantId, userId: u.id, codeHash: hashToken(code), expiresAt } });
        await audit(tx, auth.tenantId, actor, 'telegram.link_code_created', 'link_code', row.id, { after: { userId: u.id, expiresAt } });
        return { code, expiresAt: expiresAt.toISOString() };
      }),
  }),
];
