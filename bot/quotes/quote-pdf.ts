import PDFDocument from 'pdfkit';
import { DOCUMENT_MESSAGES as M } from './messages';
import { brDate, brDateTime, brl, brQuantity, type QuoteDocument, type QuoteDocumentLine } from './quote-document';

export interface QuotePdfOptions {
  /** Tests turn compression off to read the text in the raw stream. */
  readonly compress?: boolean;
  readonly timeZone?: string;
}

const MARGIN = 48;
const COLS = { item: MARGIN, kind: 300, qty: 370, unit: 415, total: 490 } as const;
const RIGHT = 595.28 - MARGIN;

const row = (doc: PDFKit.PDFDocument, l: QuoteDocumentLine) => {
  const y = doc.y;
  doc.text(`${l.number}. ${l.description}`, COLS.item, y, { width: COLS.kind - COLS.item - 8 });
  const bottom = doc.y;
  doc.text(M.kind[l.kind] ?? l.kind, COLS.kind, y, { width: COLS.qty - COLS.kind - 4 });
  doc.text(brQuantity(l.quantity), COLS.qty, y, { width: COLS.unit - COLS.qty - 4, align: 'right' });
  doc.text(brl(l.unitPriceCents), COLS.unit, y, { width: COLS.total - COLS.unit - 4, align: 'right' });
  doc.text(brl(l.totalCents), COLS.total, y, { width: RIGHT - COLS.total, align: 'right' });
  doc.x = MARGIN;
  doc.y = Math.max(bottom, doc.y) + 4;
};

const header = (doc: PDFKit.PDFDocument) => {
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(9);
  doc.text(M.columns.item, COLS.item, y);
  doc.text(M.columns.kind, COLS.kind, y);
  doc.text(M.columns.qty, COLS.qty, y, { width: COLS.unit - COLS.qty - 4, align: 'right' });
  doc.text(M.columns.unit, COLS.unit, y, { width: COLS.total - COLS.unit - 4, align: 'right' });
  doc.text(M.columns.total, COLS.total, y, { width: RIGHT - COLS.total, align: 'right' });
  doc.moveTo(MARGIN, doc.y + 2).lineTo(RIGHT, doc.y + 2).stroke('#999999');
  doc.x = MARGIN;
  doc.y += 6;
  doc.font('Helvetica').fontSize(9);
};

const field = (doc: PDFKit.PDFDocument, label: string, value: string) => {
  doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
};

/** Renders the quote as an A4 PDF (pt-BR, R$), the document the shop can show. */
export const renderQuotePdf = (d: QuoteDocument, o: QuotePdfOptions = {}): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const tz = o.timeZone ?? 'America/Sao_Paulo';
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      compress: o.compress ?? true,
      info: { Title: `${M.title} - ${M.order(d.order.number)}`, Author: d.shop.name },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(16).text(d.shop.name);
    doc.font('Helvetica').fontSize(9);
    const shopLines = [
      d.shop.legalName,
      d.shop.document ? `CNPJ/CPF ${d.shop.document}` : null,
      [d.shop.address, `${d.shop.city}/${d.shop.state}`].filter(Boolean).join(' - '),
      [d.shop.phone, d.shop.email].filter(Boolean).join(' - ') || null,
    ].filter((s): s is string => !!s);
    for (const s of shopLines) doc.text(s);
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text(`${M.title} - ${M.order(d.order.number)} - ${M.version(d.quote.version)}`);
    doc.font('Helvetica').fontSize(10).moveDown(0.5);
    field(doc, M.customer, [d.customer.name, d.customer.phone].filter(Boolean).join(' - ') || M.notInformed);
    if (d.vehicle) {
      const v = [d.vehicle.description, d.vehicle.plate, d.vehicle.km != null ? `${d.vehicle.km.toLocaleString('pt-BR')} km` : null];
      field(doc, M.vehicle, v.filter(Boolean).join(' - ') || M.notInformed);
    }
    field(doc, M.issuedAt, brDate(d.quote.issuedAt, tz));
    field(doc, M.validUntil, brDate(d.quote.validUntil, tz));
    field(doc, M.estimatedCompletion, d.quote.estimatedCompletion ? brDate(d.quote.estimatedCompletion, tz) : M.toBeAgreed);
    doc.moveDown();

    header(doc);
    for (const l of d.quote.lines) row(doc, l);
    doc.moveTo(MARGIN, doc.y).lineTo(RIGHT, doc.y).stroke('#999999');
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').fontSize(11).text(`${M.total}: ${brl(d.quote.totalCents)}`, MARGIN, doc.y, { width: RIGHT - MARGIN, align: 'right' });
    doc.font('Helvetica').fontSize(9);
    if (d.quote.optionalLines.length) {
      doc.moveDown().font('Helvetica-Bold').fontSize(10).text(M.optionalTitle, MARGIN);
      doc.moveDown(0.3);
      header(doc);
      for (const l of d.quote.optionalLines) row(doc, l);
    }
    doc.moveDown().fontSize(10);
    field(doc, M.paymentTerms, d.quote.paymentTerms ?? M.defaultPaymentTerms);
    doc.moveDown().fontSize(8).fillColor('#444444').text(M.legal, MARGIN, doc.y, { width: RIGHT - MARGIN });
    doc.moveDown(0.5).text(`${M.contentHash}: ${d.quote.contentHash}`);
    if (d.approvals.length) {
      doc.moveDown().fillColor('#000000').font('Helvetica-Bold').fontSize(10).text(M.approval);
      doc.font('Helvetica').fontSize(9);
      for (const a of d.approvals) {
        doc.text(`${M.version(a.version)}: ${M.approvalLine(M.decision[a.decision] ?? a.decision, brDateTime(a.at, tz), a.channel)} - ${a.contentHash.slice(0, 16)}…`);
      }
    }
    doc.end();
  });
