import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../core/catalogue/csv';
import { DEMO_CATALOGUE } from '../../prisma/seed/demo-catalogue';
import { createSecretBox, hashToken } from '../security/crypto';
import { createPasswordHasher } from '../security/password';
import { openTestDb, type TestDb } from '../test-support/db';
import { CliError } from './cli-error';
import { catalogueExport } from './commands/catalogue-export';
import { catalogueImport } from './commands/catalogue-import';
import { channelAdd } from './commands/channel-add';
import { migrate } from './commands/migrate';
import { staffAdd } from './commands/staff-add';
import { staffLinkCode } from './commands/staff-link-code';
import { tenantCreate } from './commands/tenant-create';
import { tenantList } from './commands/tenant-list';
import type { CliDeps } from './deps';
import { runCli } from './main';

const ENCRYPTION_KEY = randomBytes(32).toString('hex');
const hasher = createPasswordHasher({ concurrency: 2, N: 2 ** 10 });

let t: TestDb;
let tmp: string;
beforeAll(async () => {
  t = await openTestDb({ ENCRYPTION_KEY });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'mg-cli-'));
});
afterAll(async () => {
  await t?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const capture = () => {
  const lines: string[] = [];
  const deps: CliDeps = { config: t.config, out: (l) => lines.push(l), hasher };
  return { deps, lines, text: () => lines.join('\n') };
};

const uid = () => randomUUID().slice(0, 8);
const newTenant = async (extra: string[] = []) => {
  const slug = `oficina-${uid()}`;
  const email = `dono-${uid()}@exemplo.com.br`;
  const c = capture();
  const r = await tenantCreate(c.deps, ['--name', 'Oficina do Zé', '--slug', slug, '--city', 'Campinas', '--owner-email', email, ...extra]);
  return { ...r, slug, email, lines: c.lines };
};

/** Runs through the dispatcher, as the terminal does, and collects the exit code and stderr. */
const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), deps: { config: t.config, hasher } });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('tenant:create', () => {
  it('creates a shop whose owner can log in with the printed password', async () => {
    const r = await newTenant(['--plan', 'pro', '--pix-key', 'pix@zeoficina.com.br', '--owner-name', 'José']);
    expect(r.lines.join('\n')).toContain(r.ownerPassword);
    expect(r.lines.join('\n')).toContain(r.tenantId);
    expect(r.ownerEmail).toBe(r.email);

    const login = await t.tdb.lookup.login(r.email.toUpperCase());
    expect(login?.tenantId).toBe(r.tenantId);
    expect((await t.tdb.lookup.tenantBySlug(r.slug))?.tenantId).toBe(r.tenantId);
    const { tenant, owner, audit } = await t.tdb.withTenant(r.tenantId, async (tx) => ({
      tenant: await tx.tenant.findUniqueOrThrow({ where: { id: r.tenantId } }),
      owner: await tx.user.findUniqueOrThrow({ where: { id: login!.userId } }),
      audit: await tx.auditLog.findMany(),
    }));
    expect(tenant).toMatchObject({ name: 'Oficina do Zé', city: 'Campinas', state: 'SP', plan: 'pro', pixKey: 'pix@zeoficina.com.br' });
    expect(owner).toMatchObject({ role: 'owner', name: 'José', email: r.email });
    expect(owner.passwordHash).not.toContain(r.ownerPassword);
    expect(await hasher.verify(r.ownerPassword, owner.passwordHash)).toBe(true);
    expect(audit.map((a) => a.action)).toEqual(['tenant.created']);
  });

  it('refuses a slug that is already taken, with a clear message', async () => {
    const first = await newTenant();
    const c = capture();
    const again = tenantCreate(c.deps, ['--name', 'Outra', '--slug', first.slug, '--city', 'Santos', '--owner-email', `x-${uid()}@b.com`]);
    await expect(again).rejects.toThrow(CliError);
    await expect(again).rejects.toThrow(`Já existe uma oficina com o slug "${first.slug}"`);
    const viaCli = await run(['tenant:create', '--name', 'Outra', '--slug', first.slug, '--city', 'Santos', '--owner-email', `y-${uid()}@b.com`]);
    expect(viaCli.code).toBe(1);
    expect(viaCli.err).toContain('Já existe uma oficina');
  });

  it('refuses an e-mail that already has a login', async () => {
    const first = await newTenant();
    const r = await run(['tenant:create', '--name', 'Outra', '--slug', `o-${uid()}`, '--city', 'Santos', '--owner-email', first.email]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Já existe um usuário com o e-mail ${first.email}`);
  });
});

describe('bad arguments', () => {
  const base = ['--name', 'Oficina', '--slug', 'oficina-ok', '--city', 'Campinas', '--owner-email', 'a@b.com'];
  it.each([
    [['tenant:create', ...base.slice(2)], 'A opção --name é obrigatória.'],
    [['tenant:create', ...base.slice(0, 6)], 'A opção --owner-email é obrigatória.'],
    [['tenant:create', ...base.slice(0, 7), 'nao-e-email'], 'E-mail inválido: "nao-e-email".'],
    [['tenant:create', '--name', 'X', '--slug', 'Oficina X', '--city', 'C', '--owner-email', 'a@b.com'], 'Slug inválido: "Oficina X"'],
    [['tenant:create', ...base, '--plan', 'ouro'], 'Valor inválido para --plan: "ouro". Use um de: basico, pro, premium.'],
    [['tenant:create', ...base, '--cor', 'azul'], 'Opção desconhecida: --cor.'],
    [['tenant:create', ...base, 'solto'], 'Argumento inesperado: "solto"'],
    [['tenant:create', '--name'], 'A opção --name precisa de um valor.'],
    [['tenant:create', ...base, '--name', '  '], 'A opção --name não pode ficar vazia.'],
    [['channel:add', '--tenant', 'oficina-ok', '--kind', 'sms', '--external-id', '1'], 'Valor inválido para --kind: "sms"'],
    [['channel:add', '--tenant', 'oficina-ok', '--kind', 'telegram', '--external-id', '1', '--secret', 'semigual'], 'Segredo inválido'],
    [['staff:add', '--tenant', 'oficina-ok', '--email', 'a@b.com', '--name', 'A', '--role', 'admin'], 'Valor inválido para --role'],
    [['staff:link-code', '--tenant', 'oficina-ok'], 'A opção --email é obrigatória.'],
    [['catalogue:import', '--tenant', 'oficina-ok'], 'A opção --file é obrigatória.'],
  ])('%j → usage error', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('rejects an unknown command, and no command at all', async () => {
    const r = await run(['tenant:delete']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Comando desconhecido: "tenant:delete"');
    expect((await run([])).code).toBe(2);
    expect((await run(['toString'])).code).toBe(2);
  });

  it('prints help in Portuguese', async () => {
    const r = await run(['help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Uso: npm run mg -- <comando>');
  });

  it('names an unknown tenant, by slug or by id, and rejects a malformed reference', async () => {
    const bySlug = await run(['staff:add', '--tenant', `nao-existe-${uid()}`, '--email', 'a@b.com', '--name', 'A']);
    expect(bySlug.code).toBe(1);
    expect(bySlug.err).toContain('Oficina não encontrada');
    const byId = await run(['catalogue:export', '--tenant', randomUUID()]);
    expect(byId.code).toBe(1);
    expect(byId.err).toContain('Oficina não encontrada');
    const bad = await run(['catalogue:export', '--tenant', 'Nome Com Espaço']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Slug inválido');
  });
});

describe('channel:add', () => {
  it('stores secrets sealed and the lookup resolves the tenant', async () => {
    const shop = await newTenant();
    const externalId = `1065${uid()}`;
    const token = `EAAG-super-secret-${uid()}`;
    const c = capture();
    const r = await channelAdd(c.deps, [
      '--tenant', shop.slug, '--kind', 'whatsapp_cloud', '--external-id', externalId,
      '--secret', `accessToken=${token}`, '--secret', 'appSecret=a=b=c',
    ]);
    expect(c.text()).not.toContain(token);
    expect(await t.tdb.lookup.channelAccount('whatsapp_cloud', externalId)).toEqual({
      channelAccountId: r.channelAccountId, tenantId: shop.tenantId, status: 'active',
    });
    const admin = new pg.Client({ connectionString: t.config.DATABASE_ADMIN_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ secrets_enc: string }>('SELECT secrets_enc FROM channel_accounts WHERE id = $1', [r.channelAccountId]);
      const stored = rows[0]!.secrets_enc;
      expect(stored).toMatch(/^v1\./);
      expect(stored).not.toContain(token);
      expect(createSecretBox(ENCRYPTION_KEY).openJson(stored)).toEqual({ accessToken: token, appSecret: 'a=b=c' });
    } finally {
      await admin.end();
    }
  });

  it('accepts the tenant id, and refuses a channel that is already registered', async () => {
    const shop = await newTenant();
    const externalId = `bot-${uid()}`;
    await channelAdd(capture().deps, ['--tenant', shop.tenantId, '--kind', 'telegram', '--external-id', externalId]);
    const again = await run(['channel:add', '--tenant', shop.slug, '--kind', 'telegram', '--external-id', externalId]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`O canal telegram com id externo "${externalId}" já está cadastrado.`);
  });
});

describe('staff:add and staff:link-code', () => {
  it('adds a user who can log in, then issues a hashed one-time link code valid for 15 minutes', async () => {
    const shop = await newTenant();
    const email = `mecanico-${uid()}@exemplo.com`;
    const added = await staffAdd(capture().deps, ['--tenant', shop.slug, '--email', email, '--name', 'Lucas']);
    expect((await t.tdb.lookup.login(email))?.tenantId).toBe(shop.tenantId);
    const user = await t.tdb.withTenant(shop.tenantId, (tx) => tx.user.findUniqueOrThrow({ where: { email } }));
    expect(user.role).toBe('staff');
    expect(await hasher.verify(added.password, user.passwordHash)).toBe(true);

    const now = new Date('2026-12-01T12:00:00Z');
    const c = capture();
    const link = await staffLinkCode({ ...c.deps, now: () => now }, ['--tenant', shop.slug, '--email', email]);
    expect(link.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(c.text()).toContain(link.code);
    expect((await t.tdb.lookup.linkCode(hashToken(link.code)))?.tenantId).toBe(shop.tenantId);
    const stored = await t.tdb.withTenant(shop.tenantId, (tx) => tx.linkCode.findFirstOrThrow({ where: { userId: user.id } }));
    expect(stored.codeHash).not.toContain(link.code);
    expect(stored.expiresAt.getTime() - now.getTime()).toBe(15 * 60_000);
    expect(stored.usedAt).toBeNull();

    const missing = await run(['staff:link-code', '--tenant', shop.slug, '--email', `ninguem-${uid()}@x.com`]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('não encontrado na oficina');
  });
});

describe('catalogue:export / catalogue:import', () => {
  it('round-trips the catalogue through a CSV file and upserts by SKU', async () => {
    const shop = await newTenant();
    const items = DEMO_CATALOGUE.slice(0, 40);
    const inFile = path.join(tmp, `${shop.slug}-in.csv`);
    await writeFile(inFile, toCsv(items));
    const c = capture();
    expect(await catalogueImport(c.deps, ['--tenant', shop.slug, '--file', inFile])).toEqual({ created: 40, updated: 0 });
    expect(c.text()).toContain('40 item(ns) novo(s)');

    const outFile = path.join(tmp, `${shop.slug}-out.csv`);
    const exported = await catalogueExport(capture().deps, ['--tenant', shop.slug, '--out', outFile]);
    expect(exported.items).toBe(40);
    const back = fromCsv(await readFile(outFile, 'utf8'));
    expect(back.ok).toBe(true);
    const bySku = (a: { sku: string }, b: { sku: string }) => a.sku.localeCompare(b.sku);
    expect(back.ok && [...back.items].sort(bySku)).toEqual([...items].sort(bySku));

    // Same SKUs again (one with a new price) plus a new SKU: 40 updates, 1 insert.
    const changed = [{ ...items[0]!, priceCents: items[0]!.priceCents + 1000 }, ...items.slice(1), { ...items[0]!, sku: `NOVO-${uid()}` }];
    await writeFile(inFile, toCsv(changed));
    expect(await catalogueImport(capture().deps, ['--tenant', shop.slug, '--file', inFile])).toEqual({ created: 1, updated: 40 });
    const row = await t.tdb.withTenant(shop.tenantId, (tx) =>
      tx.catalogueItem.findUniqueOrThrow({ where: { tenantId_sku: { tenantId: shop.tenantId, sku: items[0]!.sku } } }),
    );
    expect(row.priceCents).toBe(items[0]!.priceCents + 1000);

    const stdout = capture();
    await catalogueExport(stdout.deps, ['--tenant', shop.slug]);
    expect(stdout.lines[0]).toBe('sku;servico;familia;tipo;descricao;preco;quantidade;minutos;ativo');
    expect(stdout.lines).toHaveLength(42);
  });

  it('imports nothing when any line is bad, and lists the bad lines in Portuguese', async () => {
    const shop = await newTenant();
    const good = toCsv(DEMO_CATALOGUE.slice(0, 3), { bom: false, eol: '\n' });
    const bad = good + 'X-1;troca_magica;;peca;Coisa;10,00;1;0;sim\nX-2;oil_change;;peca;Óleo;dez reais;1;0;sim\n';
    const file = path.join(tmp, `${shop.slug}-bad.csv`);
    await writeFile(file, bad);
    const r = await run(['catalogue:import', '--tenant', shop.slug, '--file', file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('linha 5: Serviço desconhecido: "troca_magica"');
    expect(r.out).toContain('linha 6: Preço inválido: "dez reais"');
    expect(r.err).toContain('Nenhum item foi importado: 2 erros');
    expect(await t.tdb.withTenant(shop.tenantId, (tx) => tx.catalogueItem.count())).toBe(0);

    const missing = await run(['catalogue:import', '--tenant', shop.slug, '--file', path.join(tmp, 'nao-existe.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Não foi possível ler o arquivo');
  });
});

describe('tenant:list and migrate', () => {
  it('lists every shop across tenants on the admin connection', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const c = capture();
    const rows = await tenantList(c.deps, []);
    expect(rows.map((r) => r.slug)).toEqual(expect.arrayContaining([a.slug, b.slug]));
    expect(rows.find((r) => r.slug === a.slug)?.users).toBe(1);
    expect(c.text()).toContain(b.slug);
  });

  it('migrate is idempotent on a migrated database', async () => {
    const c = capture();
    const r = await migrate(c.deps, []);
    expect(r.applied).toEqual([]);
    expect(r.skipped.length).toBeGreaterThan(0);
    expect(c.text()).toContain('0 migração(ões) aplicada(s)');
  });
});
