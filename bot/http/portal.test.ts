import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChannels } from '../channels/registry';
import type { Platform } from '../platform';
import { createTestPlatform, seedShop, waitFor, type TestShop } from '../test-support/platform';
import { addQuoteVersion, createOrder, pdfText } from '../quotes/fixtures.test-support';
import { portalLink, signPortalToken } from '../quotes/portal-token';
import { portalModule } from './portal-routes';

const SECRET = 'portal-test-secret-0123456789abcdef';
const HOST = '127.0.0.1';

const pathOf = (link: string) => new URL(link).pathname;
const linkFor = (tenantId: string, orderId: string, ttlDays = 15) => pathOf(portalLink('http://portal.test', SECRET, { tenantId, orderId, ttlDays }));

/** Reads the hidden fields of the decision form, as a browser would submit them. */
const formFields = (html: string) => {
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
  return { quoteId: field('quoteId')!, version: field('version')!, contentHash: field('contentHash')! };
};

describe('customer portal', () => {
  let p: Platform;
  let shop: TestShop;
  let other: TestShop;
  beforeAll(async () => {
    p = await createTestPlatform({ platform: { channels: [...defaultChannels(), portalModule({ secret: SECRET, pdfCompress: false })] } });
    await p.startWorkers();
    shop = await seedShop(p);
    other = await seedShop(p);
  });
  afterAll(async () => p?.close());

  const post = (path: string, body: Record<string, string | string[]>, origin: string | null = `http://${HOST}`) => {
    const r = request(p.app).post(path).type('form').set('Host', HOST).set('User-Agent', 'Mozilla/5.0 (Android) teste');
    if (origin) r.set('Origin', origin);
    return r.send(body);
  };
  const pageAndForm = async (link: string) => {
    const page = await request(p.app).get(link).set('Host', HOST);
    expect(page.status).toBe(200);
    return { html: page.text, fields: formFields(page.text) };
  };

  it('shows the order: timeline, itemised quote with checkboxes, escaped content, pt-BR', async () => {
    const o = await createOrder(p.tdb, shop.tenantId);
    const r = await request(p.app).get(linkFor(shop.tenantId, o.orderId));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.headers['referrer-policy']).toBe('same-origin');
    expect(r.text).toContain(`Ordem de serviço nº ${o.number}`);
    expect(r.text).toContain('Orçamento enviado');
    expect(r.text).toContain('Óleo 10W30 &#60;1L&#62;');
    expect(r.text).not.toContain('<1L>');
    expect(r.text).toContain('R$ 113,80');
    expect(r.text).toMatch(/type="checkbox" name="lines" value="4" id="l4">/); // optional: unchecked
    expect(r.text).toContain('Aprovar orçamento');
  });

  it('serves the quote as an A4 PDF with the OS number in it', async () => {
    const o = await createOrder(p.tdb, shop.tenantId);
    const r = await request(p.app).get(`${linkFor(shop.tenantId, o.orderId)}/quote.pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(`OS nº ${o.number}`);
    expect(text).toContain('R$ 113,80');
    expect(text).toContain('Kit relação');
  });

  it('refuses tampered, forged, expired and malformed links with a pt-BR page', async () => {
    const a = await createOrder(p.tdb, shop.tenantId);
    const b = await createOrder(p.tdb, shop.tenantId);
    const good = linkFor(shop.tenantId, a.orderId).split('/p/')[1]!;
    const [, sig] = good.split('.');
    const tamperedBody = Buffer.from(JSON.stringify({ tenantId: shop.tenantId, orderId: b.orderId, exp: 4_102_444_800 })).toString('base64url');
    const tampered = await request(p.app).get(`/p/${tamperedBody}.${sig}`);
    expect(tampered.status).toBe(403);
    expect(tampered.text).toContain('Link inválido');
    expect(tampered.text).not.toContain(`nº ${b.number}`);
    const tamperedPost = await post(`/p/${tamperedBody}.${sig}/decision`, { decision: 'approved', quoteId: b.quote!.id, version: '1', contentHash: b.quote!.contentHash });
    expect(tamperedPost.status).toBe(403);

    const otherOrder = await createOrder(p.tdb, other.tenantId);
    const forged = signPortalToken('a-different-secret-0123456789abcdef', { tenantId: other.tenantId, orderId: otherOrder.orderId, exp: 4_102_444_800 });
    expect((await request(p.app).get(`/p/${forged}`)).status).toBe(403);

    const expired = signPortalToken(SECRET, { tenantId: shop.tenantId, orderId: a.orderId, exp: Math.floor(Date.now() / 1000) - 60 });
    const gone = await request(p.app).get(`/p/${expired}`);
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('Este link expirou');

    expect((await request(p.app).get('/p/nao-e-um-token')).status).toBe(403);
    expect((await request(p.app).get(`/p/${'a'.repeat(5000)}.b`)).status).toBe(403);
    // A well-signed link to an order that is not in that shop finds nothing.
    const wrongShop = signPortalToken(SECRET, { tenantId: shop.tenantId, orderId: otherOrder.orderId, exp: 4_102_444_800 });
    expect((await request(p.app).get(`/p/${wrongShop}`)).status).toBe(404);
    const untouched = await p.tdb.withTenant(other.tenantId, (tx) => tx.quote.findUniqueOrThrow({ where: { id: otherOrder.quote!.id } }));
    expect(untouched.status).toBe('sent');
  });

  it('approves through the portal: evidence stored, order aprovada, staff notified, only once', async () => {
    const o = await createOrder(p.tdb, shop.tenantId);
    const link = linkFor(shop.tenantId, o.orderId);
    const { fields } = await pageAndForm(link);
    const r = await post(`${link}/decision`, { decision: 'approved', ...fields });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe(`${link}?ok=approved`);
    const after = await request(p.app).get(r.headers.location!);
    expect(after.text).toContain('Orçamento aprovado. Obrigado!');

    const again = await post(`${link}/decision`, { decision: 'approved', ...fields });
    expect(again.status).toBe(409);
    expect(again.text).toContain('não está aguardando aprovação');

    const state = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      order: await tx.serviceOrder.findUniqueOrThrow({ where: { id: o.orderId } }),
      quote: await tx.quote.findUniqueOrThrow({ where: { id: o.quote!.id }, include: { approvals: true, lines: { orderBy: { position: 'asc' } } } }),
      audit: await tx.auditLog.findMany({ where: { entityId: o.quote!.id, action: 'quote.approved' } }),
    }));
    expect(state.order.status).toBe('aprovada');
    expect(state.quote.status).toBe('approved');
    expect(state.quote.approvals).toHaveLength(1);
    expect(state.quote.approvals[0]).toMatchObject({
      decision: 'approved', channel: 'portal', contentHash: o.quote!.contentHash, version: 1, actorType: 'customer', actorId: o.customerId,
      userAgent: 'Mozilla/5.0 (Android) teste',
    });
    expect(state.quote.approvals[0]!.ip).toBeTruthy();
    // The suggested extra (line 4) was not ticked: not approved.
    expect(state.quote.lines.map((l) => l.decision)).toEqual(['approved', 'approved', 'approved', 'rejected']);
    expect(state.audit).toHaveLength(1);
    const notes = await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.notification.findMany({ where: { orderId: o.orderId } })),
      (n) => n.length >= 1,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toContain(`OS #${o.number}: cliente aprovou`);
  });

  it('partial approval keeps only the chosen lines', async () => {
    const o = await createOrder(p.tdb, shop.tenantId);
    const link = linkFor(shop.tenantId, o.orderId);
    const { fields } = await pageAndForm(link);
    const r = await post(`${link}/decision`, { decision: 'partial', lines: ['1', '3'], ...fields });
    expect(r.status).toBe(303);
    const q = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.quote.findUniqueOrThrow({ where: { id: o.quote!.id }, include: { approvals: true, lines: { orderBy: { position: 'asc' } } } }),
    );
    expect(q.status).toBe('partially_approved');
    expect(q.lines.map((l) => l.decision)).toEqual(['approved', 'rejected', 'approved', 'rejected']);
    expect(q.approvals[0]).toMatchObject({ decision: 'partial', channel: 'portal' });
    expect((q.approvals[0]!.lineIds as string[]).sort()).toEqual([q.lines[0]!.id, q.lines[2]!.id].sort());
  });

  it('a quote edited after the page loaded refuses the stale decision (409): an edit forces re-approval', async () => {
    const o = await createOrder(p.tdb, shop.tenantId);
    const link = linkFor(shop.tenantId, o.orderId);
    const { fields: stale } = await pageAndForm(link);
    await addQuoteVersion(p.tdb, shop.tenantId, o.orderId, {
      lines: [{ kind: 'part', description: 'Óleo sintético', serviceCode: 'oil_change', unitPriceCents: 9900 }],
    });
    const r = await post(`${link}/decision`, { decision: 'approved', ...stale });
    expect(r.status).toBe(409);
    expect(r.text).toContain('O orçamento foi alterado');
    expect(r.text).toContain('Óleo sintético'); // the page shows the new version to decide on
    // Same quote id but changed content (hash) is refused too.
    const { fields: fresh } = await pageAndForm(link);
    expect((await post(`${link}/decision`, { decision: 'approved', ...fresh, contentHash: 'f'.repeat(64) })).status).toBe(409);
    const state = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      order: await tx.serviceOrder.findUniqueOrThrow({ where: { id: o.orderId } }),
      approvals: await tx.quoteApproval.count({ where: { quote: { orderId: o.orderId } } }),
    }));
    expect(state.order.status).toBe('orcamento_enviado');
    expect(state.approvals).toBe(0);
    expect((await post(`${link}/decision`, { decision: 'approved', ...fresh })).status).toBe(303);
  });

  it('rejects cross-site posts and malformed forms with 4xx, changing nothing', async () => {
    const o = await createOrder(p.tdb, shop.tenantId);
    const link = linkFor(shop.tenantId, o.orderId);
    const { fields } = await pageAndForm(link);
    expect((await post(`${link}/decision`, { decision: 'approved', ...fields }, 'https://evil.example')).status).toBe(403);
    expect((await post(`${link}/decision`, { decision: 'approved', ...fields }, null)).status).toBe(403);
    expect((await post(`${link}/decision`, { decision: 'talvez', ...fields })).status).toBe(400);
    expect((await post(`${link}/decision`, { decision: 'partial', ...fields, lines: 'abc' })).status).toBe(400);
    expect((await post(`${link}/decision`, { decision: 'partial', ...fields })).status).toBe(422);
    expect((await post(`${link}/decision`, { decision: 'approved', ...fields, quoteId: randomUUID() })).status).toBe(409);
    const big = await post(`${link}/decision`, { decision: 'approved', ...fields, junk: 'x'.repeat(2_000_000) });
    expect(big.status).toBe(413);
    const q = await p.tdb.withTenant(shop.tenantId, (tx) => tx.quote.findUniqueOrThrow({ where: { id: o.quote!.id } }));
    expect(q.status).toBe('sent');
  });

  it('shows the pending Pix with copy button and QR code', async () => {
    const o = await createOrder(p.tdb, shop.tenantId);
    await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.payment.create({ data: { tenantId: shop.tenantId, orderId: o.orderId, provider: 'pix_static', txid: `T${randomUUID().slice(0, 8)}`, amountCents: 11380, pixCode: '00020126360014br.gov.bcb.pix<x>6304ABCD' } }),
    );
    const r = await request(p.app).get(linkFor(shop.tenantId, o.orderId));
    expect(r.text).toContain('Copiar código Pix');
    expect(r.text).toContain('00020126360014br.gov.bcb.pix&#60;x&#62;6304ABCD');
    expect(r.text).toMatch(/<img class="qr" alt="QR Code Pix" src="data:image\/png;base64,/);
  });
});
