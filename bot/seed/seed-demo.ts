import { createHash, randomUUID } from 'node:crypto';
import type { CatalogueItem } from '../../core/catalogue/types';
import type { ServiceCode } from '../../core/domain/services';
import { DEMO_CATALOGUE } from '../../prisma/seed/demo-catalogue';
import type { TenantDb, Tx } from '../db/tenant-db';
import { generatePassword, type PasswordHasher } from '../security/password';

/**
 * The demo shop a fresh install shows: a tenant with owner, staff, a web chat channel,
 * the demo catalogue and a handful of customers whose orders sit in every status, so
 * the dashboard has something on it. Running it again does nothing.
 */
export const DEMO_SLUG = 'oficina-demo';
export const DEMO_OWNER_EMAIL = 'dono@oficina-demo.local';
export const ORDER_COUNTER = 'service_order';

export interface SeedDemoOptions {
  readonly hasher: Pick<PasswordHasher, 'hash'>;
  readonly log?: (message: string) => void;
  /** Overridable so parallel tests each get their own demo tenant. */
  readonly slug?: string;
  readonly ownerEmail?: string;
  readonly now?: Date;
}

export interface SeedDemoResult {
  readonly tenantId: string;
  readonly slug: string;
  readonly ownerEmail: string;
  readonly ownerPassword: string;
  readonly staffEmail: string;
  readonly staffPassword: string;
}

const ORDER_PATH = ['aberta', 'orcamento_enviado', 'aprovada', 'em_execucao', 'pronta', 'entregue'] as const;
type OrderStatus = (typeof ORDER_PATH)[number];

interface DemoCustomer {
  readonly name: string;
  readonly phone: string;
  readonly vehicle: { brand: string; model: string; familyId: string; year: number; plate: string; km: number };
  readonly status: OrderStatus;
  readonly complaint: string;
  readonly services: readonly ServiceCode[];
  readonly daysAgo: number;
}

const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { name: 'João Pereira', phone: '+5511987650001', vehicle: { brand: 'Honda', model: 'CG 160 Titan', familyId: 'cg160', year: 2021, plate: 'FQA1B23', km: 32_400 }, status: 'aberta', complaint: 'Corrente fazendo barulho e dando tranco', services: ['chain_kit'], daysAgo: 0 },
  { name: 'Maria Oliveira', phone: '+5511987650002', vehicle: { brand: 'Honda', model: 'Biz 125', familyId: 'biz', year: 2019, plate: 'EZT4C56', km: 18_900 }, status: 'orcamento_enviado', complaint: 'Troca de óleo atrasada', services: ['oil_change'], daysAgo: 1 },
  { name: 'Carlos Souza', phone: '+5511987650003', vehicle: { brand: 'Honda', model: 'XRE 300', familyId: 'xre300', year: 2022, plate: 'GHB7D89', km: 21_000 }, status: 'aprovada', complaint: 'Freio dianteiro chiando', services: ['brake_pads_front', 'brake_fluid'], daysAgo: 2 },
  { name: 'Ana Santos', phone: '+5511987650004', vehicle: { brand: 'Honda', model: 'PCX 160', familyId: 'pcx160', year: 2023, plate: 'RTY2E34', km: 10_200 }, status: 'em_execucao', complaint: 'Revisão dos 10 mil km', services: ['revision', 'oil_change'], daysAgo: 3 },
  { name: 'Pedro Lima', phone: '+5511987650005', vehicle: { brand: 'Yamaha', model: 'Factor 150', familyId: 'factor150', year: 2020, plate: 'FJK5F67', km: 45_300 }, status: 'pronta', complaint: 'Pneu traseiro careca', services: ['tyre_rear'], daysAgo: 4 },
  { name: 'Fernanda Costa', phone: '+5511987650006', vehicle: { brand: 'Yamaha', model: 'Fazer 250', familyId: 'fz25', year: 2018, plate: 'DKL8G90', km: 51_800 }, status: 'entregue', complaint: 'Óleo e corrente', services: ['oil_change', 'chain_adjust'], daysAgo: 6 },
];

export const DEMO_OPENING_HOURS = {
  mon: [['08:00', '18:00']],
  tue: [['08:00', '18:00']],
  wed: [['08:00', '18:00']],
  thu: [['08:00', '18:00']],
  fri: [['08:00', '18:00']],
  sat: [['08:00', '12:00']],
  sun: [],
};

const LABOUR_RATE_CENTS = 9_000;
const QUOTE_VALIDITY_DAYS = 10;
const DAY = 86_400_000;

interface Line {
  kind: string;
  serviceCode: string;
  sku: string;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

/** The family's items for a service, or the generic ones when the family has none. */
const linesFor = (services: readonly ServiceCode[], familyId: string): Line[] =>
  services.flatMap((code) => {
    const active = DEMO_CATALOGUE.filter((i) => i.active && i.serviceCode === code);
    const own = active.filter((i) => i.familyId === familyId);
    return (own.length > 0 ? own : active.filter((i) => i.familyId === null)).map((i: CatalogueItem) => {
      const unit = i.kind === 'labour' ? Math.round((i.labourMinutes * LABOUR_RATE_CENTS) / 60) : i.priceCents;
      return {
        kind: i.kind, serviceCode: code, sku: i.sku, description: i.description,
        quantity: i.quantity, unitPriceCents: unit, totalCents: Math.round(unit * i.quantity),
      };
    });
  });

const seedOrder = async (tx: Tx, tenantId: string, number: number, c: DemoCustomer, now: Date): Promise<void> => {
  const customer = await tx.customer.create({ data: { tenantId, name: c.name, phoneE164: c.phone } });
  await tx.customerIdentity.create({ data: { tenantId, customerId: customer.id, kind: 'phone', address: c.phone } });
  const vehicle = await tx.vehicle.create({ data: { tenantId, customerId: customer.id, ...c.vehicle } });
  const openedAt = new Date(now.getTime() - c.daysAgo * DAY);
  const reached = ORDER_PATH.indexOf(c.status);
  const at = (step: number) => new Date(openedAt.getTime() + step * 3_600_000);
  const order = await tx.serviceOrder.create({
    data: {
      tenantId, number, customerId: customer.id, vehicleId: vehicle.id, status: c.status, complaint: c.complaint,
      services: [...c.services], openedAt, statusChangedAt: at(reached),
      readyAt: reached >= 4 ? at(4) : null, deliveredAt: reached >= 5 ? at(5) : null,
      paidAt: reached >= 5 ? at(5) : null, closedAt: reached >= 5 ? at(5) : null,
    },
  });
  await tx.orderEvent.createMany({
    data: ORDER_PATH.slice(0, reached + 1).map((toState, i) => ({
      tenantId, orderId: order.id, fromState: i === 0 ? null : ORDER_PATH[i - 1]!, toState,
      actorType: i === 0 ? 'customer' : 'staff', at: at(i),
    })),
  });
  if (reached < 1) return;
  const lines = linesFor(c.services, c.vehicle.familyId);
  const totalCents = lines.reduce((s, l) => s + l.totalCents, 0);
  const approved = reached >= 2;
  const quote = await tx.quote.create({
    data: {
      tenantId, orderId: order.id, version: 1, status: approved ? 'approved' : 'sent', totalCents,
      validUntil: new Date(at(1).getTime() + QUOTE_VALIDITY_DAYS * DAY), source: 'catalogue',
      contentHash: createHash('sha256').update(JSON.stringify(lines)).digest('hex'),
      createdAt: at(1), sentAt: at(1), decidedAt: approved ? at(2) : null,
    },
  });
  await tx.quoteLine.createMany({
    data: lines.map((l, position) => ({ tenantId, quoteId: quote.id, position, ...l, decision: approved ? 'approved' : 'pending' })),
  });
  if (reached >= 5) {
    await tx.payment.create({
      data: { tenantId, orderId: order.id, quoteId: quote.id, provider: 'pix_static', txid: `DEMO${number}`, amountCents: totalCents, status: 'paid', confirmedBy: 'staff', paidAt: at(5) },
    });
  }
};

const isUniqueViolation = (err: unknown): boolean =>
  (err as { code?: string }).code === 'P2002' || /unique constraint/i.test(String((err as Error).message));

export const seedDemo = async (tdb: TenantDb, options: SeedDemoOptions): Promise<SeedDemoResult | null> => {
  const log = options.log ?? (() => {});
  const slug = options.slug ?? DEMO_SLUG;
  const ownerEmail = (options.ownerEmail ?? (options.slug ? `dono@${slug}.local` : DEMO_OWNER_EMAIL)).toLowerCase();
  const staffEmail = `equipe@${slug}.local`;
  const now = options.now ?? new Date();
  if (await tdb.lookup.tenantBySlug(slug)) {
    log(`oficina demo "${slug}" já existe; nada a fazer`);
    return null;
  }
  const ownerPassword = generatePassword();
  const staffPassword = generatePassword();
  const [ownerHash, staffHash] = await Promise.all([options.hasher.hash(ownerPassword), options.hasher.hash(staffPassword)]);
  const tenantId = randomUUID();
  try {
    await tdb.withTenant(
      tenantId,
      async (tx) => {
        await tx.tenant.create({
          data: {
            id: tenantId, slug, name: 'Moto Center Demo', city: 'São Paulo', state: 'SP', plan: 'pro',
            phone: '+551130000000', email: 'contato@motocenterdemo.com.br', address: 'Rua das Motos, 100 - Mooca',
            labourRateCents: LABOUR_RATE_CENTS, pixKey: 'pix@motocenterdemo.com.br', pixKeyType: 'email',
            openingHours: DEMO_OPENING_HOURS, timezone: 'America/Sao_Paulo', quoteValidityDays: QUOTE_VALIDITY_DAYS,
          },
        });
        await tx.user.createMany({
          data: [
            { tenantId, email: ownerEmail, name: 'Roberto (dono)', passwordHash: ownerHash, role: 'owner' },
            { tenantId, email: staffEmail, name: 'Lucas (mecânico)', passwordHash: staffHash, role: 'staff' },
          ],
        });
        await tx.channelAccount.create({ data: { tenantId, kind: 'webchat', externalId: slug, displayName: 'Chat do site' } });
        await tx.catalogueItem.createMany({ data: DEMO_CATALOGUE.map((i) => ({ tenantId, ...i })) });
        let number = 0;
        for (const customer of DEMO_CUSTOMERS) await seedOrder(tx, tenantId, ++number, customer, now);
        await tx.tenantCounter.create({ data: { tenantId, name: ORDER_COUNTER, value: number } });
        await tx.auditLog.create({
          data: { tenantId, actorType: 'system', action: 'tenant.created', entity: 'tenant', entityId: tenantId, after: { slug, plan: 'pro', demo: true } },
        });
      },
      { timeout: 60_000 },
    );
  } catch (err) {
    // Two processes seeding at once: the slug's unique index lets exactly one win.
    if (isUniqueViolation(err) && (await tdb.lookup.tenantBySlug(slug))) {
      log(`oficina demo "${slug}" criada por outro processo; nada a fazer`);
      return null;
    }
    throw err;
  }
  log(`oficina demo criada: ${slug} (${DEMO_CATALOGUE.length} itens de catálogo, ${DEMO_CUSTOMERS.length} ordens de serviço)`);
  return { tenantId, slug, ownerEmail, ownerPassword, staffEmail, staffPassword };
};
