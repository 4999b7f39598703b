import { describe, expect, it } from 'vitest';
import type { OrderStatus, OrderSummary } from '../types';
import { customerNoticeFor, ORDER_TRANSITIONS, transition } from './order-machine';

const ALL: OrderStatus[] = ['aberta', 'orcamento_enviado', 'aprovada', 'em_execucao', 'aguardando_pecas', 'pronta', 'entregue', 'recusada', 'cancelada'];

const ALLOWED = new Set([
  'aberta>orcamento_enviado',
  'aberta>recusada',
  'aberta>cancelada',
  'orcamento_enviado>aprovada',
  'orcamento_enviado>recusada',
  'orcamento_enviado>cancelada',
  'aprovada>em_execucao',
  'aprovada>cancelada',
  'em_execucao>aguardando_pecas',
  'em_execucao>pronta',
  'em_execucao>cancelada',
  'aguardando_pecas>em_execucao',
  'aguardando_pecas>cancelada',
  'pronta>entregue',
  'pronta>cancelada',
]);

const pairs = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));

describe('order state machine', () => {
  it.each(pairs.filter(([f, t]) => ALLOWED.has(`${f}>${t}`)))('%s → %s is allowed', (from, to) => {
    expect(transition(from, to)).toEqual({ ok: true, from, to });
  });

  it.each(pairs.filter(([f, t]) => !ALLOWED.has(`${f}>${t}`)))('%s → %s is refused', (from, to) => {
    const r = transition(from, to);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('INVALID_TRANSITION');
    expect(r.allowed).toEqual(ORDER_TRANSITIONS[from]);
    expect(r.message.length).toBeGreaterThan(10);
  });

  it('explains refusals in pt-BR', () => {
    const r = transition('aberta', 'pronta');
    expect(r).toMatchObject({ message: 'Não dá pra passar de aberta para pronta. Daqui pode ir para: orçamento enviado, recusada, cancelada.' });
    expect(transition('pronta', 'pronta')).toMatchObject({ message: 'A OS já está pronta.' });
    expect(transition('entregue', 'cancelada')).toMatchObject({ message: 'Não dá pra passar de entregue para cancelada. Essa OS já foi encerrada.' });
  });
});

describe('customerNoticeFor', () => {
  const order = (status: OrderStatus): OrderSummary => ({
    id: 'o1',
    number: 12,
    status,
    complaint: null,
    scheduledAt: null,
    quote: { id: 'q', version: 1, status: 'approved', totalCents: 11490, validUntil: '2026-03-21', lines: [], unpriced: [], needsStaffReview: false },
  });

  it('has a short pt-BR notice for every status', () => {
    for (const to of ALL) {
      const text = customerNoticeFor(order('aberta'), to);
      expect(text).toContain('OS #12');
      expect(text.length).toBeLessThan(160);
    }
  });

  it('announces a ready moto with the total', () => {
    expect(customerNoticeFor(order('em_execucao'), 'pronta')).toBe(
      'Sua moto está pronta! 🏍️ OS #12, total R$ 114,90. Pode vir buscar no nosso horário de funcionamento.',
    );
  });

  it('says parts arrived when execution resumes', () => {
    expect(customerNoticeFor(order('aguardando_pecas'), 'em_execucao')).toMatch(/peças chegaram/);
    expect(customerNoticeFor(order('aprovada'), 'em_execucao')).toMatch(/Começamos o serviço/);
  });
});
