import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../types';
import { help, noPendingPayment, orderDetail, orderList, orderListLine, paymentAlreadyConfirmed, paymentConfirmed } from './messages';

const order: OrderSummary = {
  id: 'o1',
  number: 12,
  status: 'em_execucao',
  complaint: 'troca de óleo e barulho na corrente quando acelera forte',
  scheduledAt: null,
  quote: {
    id: 'q1',
    version: 2,
    status: 'approved',
    totalCents: 18480,
    validUntil: '2026-03-21',
    lines: [
      { number: 1, description: 'Óleo 10W30', kind: 'part', quantity: 1, totalCents: 4590, optional: false, decision: 'approved' },
      { number: 2, description: 'Pastilha dianteira', kind: 'part', quantity: 2, totalCents: 9180, optional: true, decision: 'rejected' },
      { number: 3, description: 'Troca de óleo', kind: 'labour', quantity: 1, totalCents: 4710, optional: false, decision: 'approved' },
    ],
    unpriced: [],
    needsStaffReview: false,
  },
};

describe('staff formatters', () => {
  it('lists orders one line each', () => {
    expect(orderListLine(order)).toBe('#12 · Em execução · R$ 184,80 · troca de óleo e barulho na corrente qua…');
    expect(orderList([order, { ...order, number: 13, status: 'aberta', quote: null, complaint: null }])).toBe(
      'OS abertas (2):\n#12 · Em execução · R$ 184,80 · troca de óleo e barulho na corrente qua…\n#13 · Aberta · sem orçamento',
    );
    expect(orderList([])).toMatch(/Nenhuma OS aberta/);
  });

  it('details an order with quote lines and totals', () => {
    const text = orderDetail(order, { customerName: 'Carlos', vehicle: 'Titan 160 2019' });
    expect(text).toBe(
      [
        'OS #12 — Em execução',
        'Cliente: Carlos',
        'Moto: Titan 160 2019',
        'Pedido: troca de óleo e barulho na corrente quando acelera forte',
        'Orçamento v2:',
        '1. Óleo 10W30 — R$ 45,90 ✅',
        '2. 2x Pastilha dianteira — R$ 91,80 (opcional) ❌',
        '3. [MO] Troca de óleo — R$ 47,10 ✅',
        'Peças R$ 137,70 · Mão de obra R$ 47,10',
        'Total: R$ 184,80',
      ].join('\n'),
    );
  });

  it('help lists every command', () => {
    for (const c of ['/os', '/status', '/orcamento', '/item', '/cobrar', '/pago', '/assumir', '/devolver', '/ajuda']) expect(help()).toContain(c);
  });

  it('answers a manual payment confirmation in pt-BR', () => {
    expect(paymentConfirmed(12, 18480, true)).toMatch(/^Pagamento da OS #12 confirmado \(R\$\s184,80\)\. O cliente foi avisado\.$/);
    expect(paymentConfirmed(12, 18480, false)).not.toMatch(/avisado/);
    expect(paymentAlreadyConfirmed(12, 18480)).toMatch(/^O pagamento da OS #12 já estava confirmado \(R\$\s184,80\)/);
    expect(noPendingPayment(12)).toMatch(/não tem pagamento pendente.*\/cobrar 12/);
  });
});
