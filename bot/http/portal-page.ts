import { PORTAL_MESSAGES as M } from '../quotes/messages';
import { brDate, brDateTime, brl, brQuantity, type QuoteDocument, type QuoteDocumentLine } from '../quotes/quote-document';

/** Escapes text for HTML element content and double-quoted attributes. */
export const esc = (s: string | number | null | undefined): string =>
  String(s ?? '').replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PortalView {
  readonly doc: QuoteDocument | null;
  readonly order: { number: number; status: string; vehicle: string | null };
  readonly shop: { name: string; phone: string | null };
  readonly timeline: { status: string; at: Date; note: string | null }[];
  readonly payment: { amountCents: number; pixCode: string | null; qrDataUrl: string | null; linkUrl: string | null } | null;
  /** Form action paths, already including the token. */
  readonly actions: { decision: string; pdf: string };
  readonly nonce: string;
  readonly notice?: string | null;
  readonly timeZone?: string;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1c1e21}
main{max-width:640px;margin:0 auto;padding:12px}section{background:#fff;border-radius:12px;padding:14px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h1{font-size:1.25rem;margin:.2rem 0}h2{font-size:1.05rem;margin:0 0 .6rem}small,.muted{color:#606770}
ol.tl{list-style:none;padding:0;margin:0}ol.tl li{padding:4px 0 4px 14px;border-left:3px solid #1a73e8;margin-left:4px}
.line{display:flex;gap:10px;align-items:flex-start;padding:8px 0;border-bottom:1px solid #eee}.line label{flex:1}.line .v{white-space:nowrap;font-weight:600}
.total{display:flex;justify-content:space-between;font-weight:700;font-size:1.1rem;padding-top:10px}
button,.btn{display:block;width:100%;padding:14px;margin:8px 0;border:0;border-radius:10px;font-size:1rem;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
.ok{background:#1e8e3e;color:#fff}.alt{background:#e8f0fe;color:#1a73e8}.no{background:#fff;color:#c5221f;border:1px solid #c5221f}
textarea{width:100%;font:13px monospace;padding:8px;border-radius:8px;border:1px solid #ccc}img.qr{display:block;margin:8px auto;width:220px;height:220px}
.notice{background:#fef7e0;border-left:4px solid #f9ab00}
`;

const lineHtml = (l: QuoteDocumentLine, editable: boolean): string => {
  const box = editable
    ? `<input type="checkbox" name="lines" value="${esc(l.number)}" id="l${esc(l.number)}"${l.optional ? '' : ' checked'}>`
    : `<span>${l.decision === 'approved' ? '✔' : l.decision === 'rejected' ? '✘' : '•'}</span>`;
  const kind = l.kind === 'labour' ? 'Mão de obra' : `Peça · ${esc(brQuantity(l.quantity))} × ${esc(brl(l.unitPriceCents))}`;
  return `<div class="line">${box}<label for="l${esc(l.number)}">${esc(l.number)}. ${esc(l.description)}${l.optional ? ` <small>(${esc(M.optional)})</small>` : ''}<br><small>${kind}</small></label><span class="v">${esc(brl(l.totalCents))}</span></div>`;
};

const quoteSection = (v: PortalView, tz: string): string => {
  const d = v.doc;
  if (!d) return `<section><h2>${esc(M.quote)}</h2><p class="muted">${esc(M.noQuote)}</p></section>`;
  const q = d.quote;
  const editable = q.status === 'sent';
  const lines = [...q.lines, ...q.optionalLines].map((l) => lineHtml(l, editable)).join('');
  const head = `<h2>${esc(M.quote)} <small>(${esc(M.version(q.version))} · ${esc(M.quoteStatus[q.status] ?? q.status)})</small></h2><p class="muted">${esc(M.validUntil(brDate(q.validUntil, tz)))}${q.estimatedCompletion ? ` · ${esc(M.estimatedCompletion(brDate(q.estimatedCompletion, tz)))}` : ''}</p>`;
  const total = `<div class="total"><span>${esc(M.total)}</span><span>${esc(brl(q.totalCents))}</span></div>`;
  const pdf = `<a class="btn alt" href="${esc(v.actions.pdf)}">${esc(M.downloadPdf)}</a>`;
  if (!editable) return `<section>${head}${lines}${total}${pdf}</section>`;
  return `<section><form method="post" action="${esc(v.actions.decision)}">${head}
<input type="hidden" name="quoteId" value="${esc(q.id)}"><input type="hidden" name="version" value="${esc(q.version)}">
<input type="hidden" name="contentHash" value="${esc(q.contentHash)}">
${lines}${total}
<button class="ok" name="decision" value="approved">${esc(M.approveAll)}</button>
<button class="alt" name="decision" value="partial">${esc(M.approveChosen)}</button>
<button class="no" name="decision" value="rejected">${esc(M.reject)}</button></form>${pdf}</section>`;
};

const paymentSection = (v: PortalView): string => {
  const p = v.payment;
  if (!p) return '';
  const pix = p.pixCode
    ? `${p.qrDataUrl ? `<img class="qr" alt="QR Code Pix" src="${esc(p.qrDataUrl)}">` : ''}<textarea id="pix" rows="4" readonly>${esc(p.pixCode)}</textarea>
<button class="ok" type="button" id="copy" data-done="${esc(M.pixCopied)}">${esc(M.pixCopy)}</button>`
    : '';
  const link = p.linkUrl && /^https?:\/\//i.test(p.linkUrl) ? `<a class="btn ok" rel="noopener noreferrer" href="${esc(p.linkUrl)}">${esc(M.payLink)}</a>` : '';
  return `<section><h2>${esc(M.payment)} · ${esc(brl(p.amountCents))}</h2>${pix}${link}</section>`;
};

const contactSection = (v: PortalView): string => {
  const digits = v.shop.phone?.replace(/\D/g, '') ?? '';
  if (!digits) return '';
  return `<section><h2>${esc(M.contact)}</h2><a class="btn alt" href="https://wa.me/${esc(digits)}">WhatsApp</a><a class="btn alt" href="tel:+${esc(digits)}">${esc(v.shop.phone)}</a></section>`;
};

/** The customer portal page: mobile first, no framework, every value escaped. */
export const portalPage = (v: PortalView): string => {
  const tz = v.timeZone ?? 'America/Sao_Paulo';
  const timeline = v.timeline
    .map((e) => `<li><strong>${esc(M.status[e.status] ?? e.status)}</strong><br><small>${esc(brDateTime(e.at, tz))}${e.note ? ` · ${esc(e.note)}` : ''}</small></li>`)
    .join('');
  const script = `document.getElementById('copy')?.addEventListener('click',function(){var t=document.getElementById('pix');var b=this;navigator.clipboard.writeText(t.value).then(function(){b.textContent=b.dataset.done},function(){t.select();document.execCommand('copy');b.textContent=b.dataset.done})});`;
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(M.title(v.order.number))} · ${esc(v.shop.name)}</title><style nonce="${esc(v.nonce)}">${CSS}</style></head>
<body><main><header><small>${esc(v.shop.name)}</small><h1>${esc(M.title(v.order.number))}</h1>${v.order.vehicle ? `<p class="muted">${esc(v.order.vehicle)}</p>` : ''}</header>
${v.notice ? `<section class="notice" role="status">${esc(v.notice)}</section>` : ''}
<section><h2>${esc(M.timeline)}</h2><ol class="tl">${timeline}</ol></section>
${quoteSection(v, tz)}${paymentSection(v)}${contactSection(v)}</main><script nonce="${esc(v.nonce)}">${script}</script></body></html>`;
};

/** A small page for errors (expired or invalid link, conflicts), in pt-BR. */
export const portalMessagePage = (title: string, message: string): string =>
  `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:520px;margin:40px auto;padding:0 16px;color:#1c1e21}</style></head><body><h1>${esc(title)}</h1><p>${esc(message)}</p></body></html>`;
