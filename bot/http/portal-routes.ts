import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Prisma } from '../db/generated/client';
import type { TenantDb, Tx } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { QUEUES, type EffectJob } from '../pipeline/jobs';
import type { ChannelModule } from '../channels/module';
import { recordQuoteDecision } from '../quotes/decide-quote';
import { PORTAL_MESSAGES as M } from '../quotes/messages';
import { verifyPortalToken, type PortalPayload } from '../quotes/portal-token';
import { loadQuoteDocument } from '../quotes/quote-document';
import { renderQuotePdf } from '../quotes/quote-pdf';
import { portalMessagePage, portalPage, type PortalView } from './portal-page';

export const portalOptionsSchema = z.object({
  /** HMAC key for portal links (PORTAL_SECRET); at least 32 characters. */
  secret: z.string().min(32),
  /** Public base URL the links point to (PUBLIC_BASE_URL). */
  baseUrl: z.string().url().default('http://localhost:3000'),
  /** Link lifetime in days (PORTAL_LINK_TTL_DAYS). */
  ttlDays: z.coerce.number().int().min(1).max(90).default(15),
});
export type PortalOptions = z.infer<typeof portalOptionsSchema>;

export interface PortalDeps {
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  readonly secret: string;
  readonly now: () => Date;
  /** Compression off in tests, to read the PDF text. */
  readonly pdfCompress?: boolean;
}

const decisionFormSchema = z.object({
  decision: z.enum(['approved', 'rejected', 'partial']),
  quoteId: z.string().uuid(),
  version: z.coerce.number().int().positive(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  lines: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive().max(999)).max(200))
    .default([]),
});

type Verified = { ok: true; payload: PortalPayload } | { ok: false };

const sendPage = (res: Response, status: number, html: string, nonce?: string) => {
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // Same-origin: the token in the URL never leaks to the pay link or WhatsApp in a Referer.
      'Referrer-Policy': 'same-origin',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': nonce
        ? `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`
        : "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    })
    .send(html);
};

const fail = (res: Response, status: number, message: string) => sendPage(res, status, portalMessagePage('MotoGestor', message));

const verify = (deps: PortalDeps, req: Request, res: Response): Verified => {
  const token = typeof req.params.token === 'string' ? req.params.token : '';
  const v = verifyPortalToken(deps.secret, token, deps.now());
  if (v.ok) return v;
  if (v.code === 'EXPIRED') fail(res, 410, M.expiredLink);
  else fail(res, 403, M.invalidLink);
  return { ok: false };
};

/**
 * CSRF: the token in the path is an unguessable capability, and on top of that a
 * decision must come from our own page: the browser's Origin (or, failing that,
 * Referer) must name this host. A cross-site form cannot forge either header.
 */
const sameOrigin = (req: Request): boolean => {
  const host = req.get('host');
  const source = req.get('origin') ?? req.get('referer');
  if (!host || !source) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
};

const vehicleLabel = (v: { brand: string | null; model: string | null; plate: string | null } | null) =>
  v ? [v.brand, v.model, v.plate].filter(Boolean).join(' · ') || null : null;

const loadView = async (tx: Tx, orderId: string) => {
  const order = await tx.serviceOrder.findUnique({
    where: { id: orderId },
    include: {
      tenant: { select: { name: true, phone: true, timezone: true } },
      vehicle: { select: { brand: true, model: true, plate: true } },
      events: { orderBy: { at: 'asc' }, select: { toState: true, at: true } },
      payments: { where: { status: 'pending' }, orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
  if (!order) return null;
  return { order, doc: await loadQuoteDocument(tx, orderId) };
};

const renderPortal = async (deps: PortalDeps, req: Request, res: Response, p: PortalPayload, status = 200, notice?: string) => {
  const loaded = await deps.tdb.withTenant(p.tenantId, (tx) => loadView(tx, p.orderId));
  if (!loaded) return fail(res, 404, M.notFound);
  const { order, doc } = loaded;
  const pay = order.payments[0];
  const nonce = randomBytes(16).toString('base64');
  const base = `/p/${req.params.token as string}`;
  const view: PortalView = {
    doc,
    order: { number: order.number, status: order.status, vehicle: vehicleLabel(order.vehicle) },
    shop: { name: order.tenant.name, phone: order.tenant.phone },
    // Notes are staff-internal; the customer sees status and time only.
    timeline: order.events.map((e) => ({ status: e.toState, at: e.at, note: null })),
    payment: pay
      ? {
          amountCents: pay.amountCents,
          pixCode: pay.pixCode,
          qrDataUrl: pay.pixCode ? await QRCode.toDataURL(pay.pixCode, { errorCorrectionLevel: 'M', margin: 1, width: 440 }) : null,
          linkUrl: pay.linkUrl,
        }
      : null,
    actions: { decision: `${base}/decision`, pdf: `${base}/quote.pdf` },
    nonce,
    notice: notice ?? null,
    timeZone: order.tenant.timezone,
  };
  sendPage(res, status, portalPage(view), nonce);
};

const CONFLICT: Record<string, [number, string]> = {
  QUOTE_CHANGED: [409, M.staleQuote],
  QUOTE_NOT_PENDING: [409, M.notPending],
  QUOTE_NOT_FOUND: [409, M.staleQuote],
  QUOTE_EXPIRED: [410, M.expiredQuote],
  NO_LINES: [422, M.noLines],
};

/** Customer portal: `GET /p/:token`, `GET /p/:token/quote.pdf`, `POST /p/:token/decision`. */
export const portalRoutes = (deps: PortalDeps): Router => {
  if (deps.secret.length < 32) throw new RangeError('portal secret must have at least 32 characters');
  const r = Router();

  r.get('/p/:token', async (req, res) => {
    const v = verify(deps, req, res);
    if (!v.ok) return;
    const done = typeof req.query.ok === 'string' && req.query.ok in M.decided ? M.decided[req.query.ok as keyof typeof M.decided] : undefined;
    await renderPortal(deps, req, res, v.payload, 200, done);
  });

  r.get('/p/:token/quote.pdf', async (req, res) => {
    const v = verify(deps, req, res);
    if (!v.ok) return;
    const doc = await deps.tdb.withTenant(v.payload.tenantId, (tx) => loadQuoteDocument(tx, v.payload.orderId));
    if (!doc) return fail(res, 404, M.notFound);
    const pdf = await renderQuotePdf(doc, { compress: deps.pdfCompress ?? true });
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="orcamento-os-${doc.order.number}-v${doc.quote.version}.pdf"`,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'same-origin',
      })
      .send(pdf);
  });

  r.post('/p/:token/decision', async (req, res) => {
    const v = verify(deps, req, res);
    if (!v.ok) return;
    if (!sameOrigin(req)) return fail(res, 403, M.forbiddenOrigin);
    const form = decisionFormSchema.safeParse(req.body ?? {});
    if (!form.success) return fail(res, 400, M.invalidForm);
    const f = form.data;
    const { tenantId, orderId } = v.payload;
    const now = deps.now();
    const outcome = await deps.tdb.withTenant(tenantId, async (tx) => {
      const order = await tx.serviceOrder.findUnique({ where: { id: orderId }, select: { id: true, number: true, customerId: true, conversationId: true } });
      if (!order) return { ok: false as const, code: 'ORDER_NOT_FOUND' };
      const latest = await tx.quote.findFirst({ where: { orderId }, orderBy: { version: 'desc' }, select: { id: true } });
      // A decision is only ever about the latest version of this order's quote, as shown.
      if (!latest || latest.id !== f.quoteId) return { ok: false as const, code: 'QUOTE_CHANGED' };
      const result = await recordQuoteDecision(tx, {
        tenantId,
        quoteId: latest.id,
        decision: f.decision,
        lineNumbers: f.lines,
        actor: { type: 'customer', id: order.customerId },
        evidence: { channel: 'portal', ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
        now,
        expected: { version: f.version, contentHash: f.contentHash },
      });
      if (!result.ok) return result;
      const text =
        f.decision === 'approved'
          ? M.staffNotice.approved(order.number, result.version)
          : f.decision === 'partial'
            ? M.staffNotice.partial(order.number, result.version, result.approvedLineNumbers)
            : M.staffNotice.rejected(order.number, result.version);
      const effect = await tx.outboxEffect.create({
        data: {
          tenantId,
          conversationId: order.conversationId,
          idempotencyKey: `portal-decision:${result.approvalId}`,
          kind: 'notify_staff',
          payload: { type: 'notify_staff', kind: f.decision === 'rejected' ? 'rejected' : 'approved', text, orderId, customerId: order.customerId } as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
      return { ...result, effectId: effect.id };
    });
    if (!outcome.ok) {
      if (outcome.code === 'ORDER_NOT_FOUND') return fail(res, 404, M.notFound);
      const [status, message] = CONFLICT[outcome.code] ?? [409, M.staleQuote];
      return renderPortal(deps, req, res, v.payload, status, message);
    }
    await deps.queues.add<EffectJob>(QUEUES.effect, { tenantId, effectId: outcome.effectId }, { jobId: safeJobId('effect', outcome.effectId), attempts: 8, backoffMs: 1000 });
    res.redirect(303, `/p/${req.params.token as string}?ok=${f.decision}`);
  });

  return r;
};

/** The portal as a platform module (routes only), for bot/channels/registry.ts. */
export const portalModule = (opts: { secret: string; pdfCompress?: boolean }): ChannelModule => ({
  kind: 'portal',
  buttons: false,
  routes: (rt) => portalRoutes({ tdb: rt.tdb, queues: rt.queues, secret: opts.secret, now: rt.now, pdfCompress: opts.pdfCompress }),
});
