import { detectPixKey } from '../../../core/pix/pix-key';
import { planUpdateBodySchema, settingsSchema, settingsUpdateBodySchema, type Settings } from '../../../core/contracts/settings';
import { planIdSchema } from '../../../core/plans/plans';
import type { Prisma } from '../../db/generated/client';
import { HttpError } from '../../http/errors';
import { audit } from '../../pipeline/audit';
import type { ApiDeps } from '../deps';
import { API_MESSAGES as M } from '../messages';
import { route } from '../route';

type Tenant = Prisma.TenantGetPayload<object>;
const toSettings = (t: Tenant): Settings => ({
  name: t.name, legalName: t.legalName, document: t.document, phone: t.phone, email: t.email, address: t.address, city: t.city, state: t.state,
  pixKey: t.pixKey, pixKeyType: t.pixKeyType, labourRateCents: t.labourRateCents, openingHours: (t.openingHours ?? {}) as Settings['openingHours'],
  quoteValidityDays: t.quoteValidityDays, plan: planIdSchema.catch('basico').parse(t.plan),
});

const invalid = (path: string, message: string) =>
  Object.assign(new HttpError(400, 'VALIDATION_FAILED', message), { issues: [{ path, message }] });

export const settingsRoutes = (deps: ApiDeps) => [
  route({
    method: 'get', path: '/settings', tag: 'settings', access: 'owner', summary: 'Dados da oficina', response: settingsSchema,
    handle: ({ auth }) => deps.tdb.withTenant(auth.tenantId, async (tx) => toSettings(await tx.tenant.findUniqueOrThrow({ where: { id: auth.tenantId } }))),
  }),
  route({
    method: 'patch', path: '/settings', tag: 'settings', access: 'owner', summary: 'Altera dados, chave Pix, valor da hora, horário, validade do orçamento',
    body: settingsUpdateBodySchema, response: settingsSchema,
    handle: ({ auth, actor, body }) => {
      const { pixKeyType: hint, ...rest } = body;
      const data: Prisma.TenantUpdateInput = { ...rest };
      if (body.pixKey !== undefined) {
        if (body.pixKey === null) Object.assign(data, { pixKey: null, pixKeyType: null });
        else {
          const key = detectPixKey(body.pixKey, hint);
          if (!key.ok) throw invalid('pixKey', key.code === 'AMBIGUOUS_PIX_KEY' ? M.ambiguousPixKey : M.invalidPixKey);
          Object.assign(data, { pixKey: key.value, pixKeyType: key.type });
        }
      }
      return deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const before = toSettings(await tx.tenant.findUniqueOrThrow({ where: { id: auth.tenantId } }));
        const after = toSettings(await tx.tenant.update({ where: { id: auth.tenantId }, data }));
        const changed = Object.keys(data) as (keyof Settings)[];
        await audit(tx, auth.tenantId, actor, 'settings.updated', 'tenant', auth.tenantId, {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        });
        return after;
      });
    },
  }),
  route({
    method: 'put', path: '/settings/plan', tag: 'settings', access: 'owner', summary: 'Muda o plano da oficina', body: planUpdateBodySchema, response: settingsSchema,
    handle: ({ auth, actor, body }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const before = await tx.tenant.findUniqueOrThrow({ where: { id: auth.tenantId } });
        const after = await tx.tenant.update({ where: { id: auth.tenantId }, data: { plan: body.plan } });
        await audit(tx, auth.tenantId, actor, 'plan.changed', 'tenant', auth.tenantId, { before: { plan: before.plan }, after: { plan: after.plan } });
        return toSettings(after);
      }),
  }),
];
