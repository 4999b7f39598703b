import { describe, expect, it } from 'vitest';
import { pdfText } from './fixtures.test-support';
import type { QuoteDocument } from './quote-document';
import { renderQuotePdf } from './quote-pdf';

const doc: QuoteDocument = {
  shop: { name: 'Oficina do Zé', legalName: 'Zé Motos LTDA', document: '12.345.678/0001-90', phone: '+5511988887777', email: null, address: 'Rua A, 10', city: 'São Paulo', state: 'SP' },
  customer: { name: 'João Pereira', phone: '+5511987650001' },
  vehicle: { description: 'Honda CG 160 Titan 2019', plate: 'ABC1D23', km: 32_000 },
  order: { id: 'o1', number: 4127, status: 'orcamento_enviado', complaint: null },
  quote: {
    id: 'q1', version: 2, status: 'approved', issuedAt: new Date('2026-03-10T13:00:00Z'), validUntil: new Date('2026-03-20T13:00:00Z'),
    estimatedCompletion: null, paymentTerms: null, totalCents: 123_456, contentHash: 'ab'.repeat(32),
    lines: [
      { number: 1, kind: 'part', description: 'Pneu traseiro 90/90-18', quantity: 1, unitPriceCents: 110_956, totalCents: 110_956, optional: false, decision: 'approved' },
      { number: 2, kind: 'labour', description: 'Mão de obra', quantity: 1, unitPriceCents: 12_500, totalCents: 12_500, optional: false, decision: 'approved' },
    ],
    optionalLines: [{ number: 3, kind: 'part', description: 'Fluido de freio DOT 4', quantity: 0.5, unitPriceCents: 5000, totalCents: 2500, optional: true, decision: 'rejected' }],
  },
  approvals: [{ decision: 'approved', channel: 'portal', at: new Date('2026-03-11T15:30:00Z'), version: 2, contentHash: 'ab'.repeat(32), actorType: 'customer' }],
};

describe('renderQuotePdf', () => {
  it('renders an A4 pt-BR quote with lines, R$ totals, validity, hash and approval evidence', async () => {
    const pdf = await renderQuotePdf(doc, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = pdfText(pdf);
    for (const s of ['OS nº 4127', 'Versão 2', 'R$ 1.234,56', 'R$ 1.109,56', 'Mão de obra', '20/03/2026', 'Fluido de freio DOT 4', 'art. 40', 'Aprovado em 11/03/2026', 'portal', 'Pix, dinheiro ou cartão']) {
      expect(text).toContain(s);
    }
  });

  it('compresses by default', async () => {
    const pdf = await renderQuotePdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
  });
});
