import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../api/routes';
import { adminStatic } from '../http/admin-static';
import type { Platform } from '../platform';
import { seedDemo, type SeedDemoResult } from '../seed/seed-demo';
import { createPasswordHasher } from '../security/password';
import { chromiumAvailable, CHROMIUM_PATH, collectPageErrors, DESKTOP_VIEWPORT, launchChromium, listen, PHONE_VIEWPORT } from '../test-support/browser';
import { createTestPlatform, silentLogger, waitFor } from '../test-support/platform';

/**
 * The admin web in a real browser against a real platform: the built React app served by
 * adminStatic, the REST API on the test database, headless Chromium from the distro.
 */
const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`[admin e2e] pulando: Chromium não encontrado em ${CHROMIUM_PATH} (defina CHROMIUM_PATH)`);

describe.skipIf(!hasChromium)('admin web (browser)', () => {
  const hasher = createPasswordHasher({ N: 1024 });
  let platform: Platform;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let seeded: SeedDemoResult;
  let distRoot: string;
  const sessionId = randomUUID().replace(/-/g, '');

  beforeAll(async () => {
    distRoot = mkdtempSync(join(tmpdir(), 'mg-admin-e2e-'));
    platform = await createTestPlatform({ queue: 'in-process' });
    await platform.startWorkers();
    const s = await seedDemo(platform.tdb, { hasher, slug: `oficina-${randomUUID().slice(0, 8)}` });
    if (!s) throw new Error('seed failed');
    seeded = s;
    // Pedro's motorcycle is ready: give his order a web chat conversation so a payment link can reach him.
    await platform.tdb.withTenant(seeded.tenantId, async (tx) => {
      const account = await tx.channelAccount.findFirstOrThrow({ where: { kind: 'webchat' } });
      const order = await tx.serviceOrder.findFirstOrThrow({ where: { status: 'pronta' } });
      const conv = await tx.conversation.create({
        data: { tenantId: seeded.tenantId, customerId: order.customerId, channelAccountId: account.id, channel: 'webchat', replyTo: sessionId },
      });
      await tx.serviceOrder.update({ where: { id: order.id }, data: { conversationId: conv.id } });
    });
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.use(
      '/api',
      apiRoutes({
        tdb: platform.tdb,
        queues: platform.queues,
        secrets: platform.secrets,
        logger: silentLogger,
        auth: { jwtSecret: `e2e-${'x'.repeat(40)}`, cookieSecure: false },
        hasher,
      }),
    );
    app.use('/admin', adminStatic({ distDir: join(distRoot, 'dist'), buildIfMissing: true, configFile: join(process.cwd(), 'admin/vite.config.ts') }));
    server = await listen(app);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await platform?.close();
    if (distRoot) rmSync(distRoot, { recursive: true, force: true });
  });

  const newPage = async (viewport: { width: number; height: number } = DESKTOP_VIEWPORT): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> => {
    const ctx = await browser.newContext({ viewport, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    return { ctx, page, errors: collectPageErrors(page) };
  };

  const login = async (page: Page, email: string, password: string) => {
    await page.goto(`${server.url}/admin/`);
    await page.waitForURL('**/admin/login');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Senha').fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
  };

  const toast = (page: Page, text: string) => page.locator('.toast', { hasText: text }).waitFor();

  it('owner logs in, edits a quote from the board, sends a payment link and marks it paid', async () => {
    const { ctx, page, errors } = await newPage();
    await page.goto(`${server.url}/admin/`);
    await page.waitForURL('**/admin/login');
    await page.getByLabel('E-mail').fill(seeded.ownerEmail);
    await page.getByLabel('Senha').fill('senha-errada-123');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail ou senha incorretos.' }).waitFor();
    errors.length = 0; // the browser logs the expected 401 of the wrong password
    await page.getByLabel('Senha').fill(seeded.ownerPassword);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();

    // Dashboard: five open orders in the demo shop; money as R$.
    const open = page.locator('.stat', { hasText: 'Ordens abertas' }).locator('.stat-value');
    await expect.poll(() => open.textContent()).toBe('5');
    expect(await page.locator('.stat', { hasText: 'Faturamento do mês' }).locator('.stat-value').textContent()).toMatch(/^R\$ \d/);

    // Board → Maria's quote (sent, awaiting approval) → edit the first line's price.
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Ordens de serviço' }).click();
    const sentColumn = page.getByRole('region', { name: /Orçamento enviado/ });
    await sentColumn.getByRole('link', { name: /Maria Oliveira/ }).click();
    await page.getByRole('heading', { level: 1, name: /OS #\d+/ }).waitFor();
    await page.getByRole('button', { name: 'Editar orçamento' }).click();
    await page.getByLabel('Preço unitário (R$) 1').fill('150,00');
    await page.getByLabel('Descrição 1').fill('Óleo 10W30 sintético');
    await page.getByRole('button', { name: 'Salvar e enviar nova versão' }).click();
    await toast(page, 'Nova versão do orçamento');
    const v2 = page.getByRole('article', { name: 'Versão 2' });
    await v2.waitFor();
    expect(await v2.locator('.badge').first().textContent()).toBe('Enviado');
    expect(await v2.textContent()).toContain('Óleo 10W30 sintético');
    expect(await v2.textContent()).toContain('R$ 150,00');
    expect(await page.getByRole('article', { name: 'Versão 1' }).locator('.badge').first().textContent()).toBe('Substituído');

    // Board → Pedro's ready motorcycle → payment link → paid by static Pix, confirmed by hand.
    await page.getByRole('link', { name: '← Voltar para as ordens' }).click();
    await page.getByRole('region', { name: /Pronta/ }).getByRole('link', { name: /Pedro Lima/ }).click();
    await page.getByRole('heading', { level: 1, name: /OS #\d+/ }).waitFor();
    await page.getByRole('button', { name: 'Enviar link de pagamento' }).click();
    await toast(page, 'Link de pagamento enviado ao cliente.');
    // The customer gets the charge on the web chat.
    await waitFor(
      () => platform.tdb.withTenant(seeded.tenantId, (tx) => tx.message.count({ where: { direction: 'out', conversation: { replyTo: sessionId } } })),
      (n) => n >= 1,
    );
    await page.getByRole('button', { name: 'Marcar como pago' }).click();
    await page.getByRole('button', { name: 'Confirmar' }).click();
    await toast(page, 'Pagamento registrado.');
    const payments = page.locator('section.card', { has: page.getByRole('heading', { name: 'Pagamentos' }) });
    await payments.getByText('Pago', { exact: true }).waitFor();
    const paid = await platform.tdb.withTenant(seeded.tenantId, (tx) => tx.payment.findMany({ where: { status: 'paid', order: { status: 'pronta' } } }));
    expect(paid).toHaveLength(1);
    expect(await payments.textContent()).toContain(`R$ ${(paid[0]!.amountCents / 100).toFixed(2).replace('.', ',')}`.replace(/(\d)(?=(\d{3})+,)/g, '$1.'));
    expect(await page.getByRole('button', { name: 'Marcar como pago' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/admin-order-desktop.png', fullPage: true });

    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('every page renders without console errors, and the phone layout collapses the nav', async () => {
    const { ctx, page, errors } = await newPage();
    await login(page, seeded.ownerEmail, seeded.ownerPassword);
    const ids = await platform.tdb.withTenant(seeded.tenantId, async (tx) => ({
      order: (await tx.serviceOrder.findFirstOrThrow({ where: { status: 'em_execucao' } })).id,
      customer: (await tx.customer.findFirstOrThrow({ where: { name: 'Ana Santos' } })).id,
    }));
    const pages: [string, string][] = [
      ['/', 'Painel'],
      ['/ordens', 'Ordens de serviço'],
      ['/ordens?ver=lista', 'Ordens de serviço'],
      [`/ordens/${ids.order}`, 'OS #'],
      ['/clientes', 'Clientes'],
      [`/clientes/${ids.customer}`, 'Ana Santos'],
      ['/catalogo', 'Catálogo'],
      ['/canais', 'Canais'],
      ['/equipe', 'Equipe'],
      ['/falhas', 'Falhas'],
      ['/auditoria', 'Auditoria'],
      ['/configuracoes', 'Configurações'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(`${server.url}/admin${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expect.poll(() => page.locator('.skeleton').count(), { message: `${path} keeps loading` }).toBe(0);
      expect(await page.locator('.error-state').count(), `${path} shows an error`).toBe(0);
      if (process.env.E2E_DEBUG) console.log('ok', path);
    }
    // Lists have rows; the list view filters by status.
    await page.goto(`${server.url}/admin/ordens?ver=lista`);
    await page.getByLabel('Status').selectOption('pronta');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.goto(`${server.url}/admin/catalogo`);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.goto(`${server.url}/admin/auditoria`);
    await page.locator('tbody tr').first().waitFor();

    // Phone: the nav is a drawer behind the menu button.
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${server.url}/admin/`);
    await page.locator('.stat').first().waitFor();
    await expect.poll(() => page.locator('.skeleton').count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Principal' });
    expect(await nav.isVisible()).toBe(false);
    await page.screenshot({ path: '/tmp/admin-dashboard-phone.png', fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await nav.isVisible()).toBe(true);
    await nav.getByRole('link', { name: 'Clientes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clientes' }).waitFor();
    expect(await nav.isVisible()).toBe(false);

    expect(errors).toEqual([]);
    await ctx.close();
  }, 90_000);

  it('staff sees no owner pages; logout sends back to login', async () => {
    const { ctx, page, errors } = await newPage();
    await login(page, seeded.staffEmail, seeded.staffPassword);
    const nav = page.getByRole('navigation', { name: 'Principal' });
    expect(await nav.getByRole('link', { name: 'Equipe' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Configurações' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/configuracoes`);
    await page.getByRole('alert').filter({ hasText: 'Sem permissão' }).waitFor();
    await page.getByRole('button', { name: 'Sair' }).click();
    await page.waitForURL('**/admin/login');
    await page.goto(`${server.url}/admin/ordens`);
    await page.waitForURL('**/admin/login');
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    await ctx.close();
  });
});
