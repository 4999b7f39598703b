import { describe, expect, it } from 'vitest';
import { parseOrderStatus, parseStaffCommand, type StaffCommand } from './parse-command';

const cmd = (text: string): StaffCommand => {
  const r = parseStaffCommand(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return r.command;
};
const err = (text: string) => {
  const r = parseStaffCommand(text);
  if (r.ok) throw new Error(`expected ${text} to fail`);
  return r;
};

describe('parseStaffCommand', () => {
  it('lists and shows orders, with or without slash or bot suffix', () => {
    expect(cmd('/os')).toEqual({ kind: 'list_orders' });
    expect(cmd('os')).toEqual({ kind: 'list_orders' });
    expect(cmd('/os@MinhaOficinaBot')).toEqual({ kind: 'list_orders' });
    expect(cmd('/OS 123')).toEqual({ kind: 'show_order', orderNumber: 123 });
    expect(cmd('/os@MinhaOficinaBot #123')).toEqual({ kind: 'show_order', orderNumber: 123 });
  });

  it.each([
    ['pronta', 'pronta'],
    ['pronto', 'pronta'],
    ['aberta', 'aberta'],
    ['aprovada', 'aprovada'],
    ['em execução', 'em_execucao'],
    ['em execucao', 'em_execucao'],
    ['execucao', 'em_execucao'],
    ['EM_EXECUCAO', 'em_execucao'],
    ['aguardando peças', 'aguardando_pecas'],
    ['aguardando pecas', 'aguardando_pecas'],
    ['aguardando_pecas', 'aguardando_pecas'],
    ['entregue', 'entregue'],
    ['cancelada', 'cancelada'],
    ['recusada', 'recusada'],
    ['orçamento enviado', 'orcamento_enviado'],
  ])('/status 123 %s → %s', (word, status) => {
    expect(cmd(`/status 123 ${word}`)).toEqual({ kind: 'set_status', orderNumber: 123, status });
    expect(parseOrderStatus(word)).toBe(status);
  });

  it('resends quotes, charges, takes over and hands back', () => {
    expect(cmd('/orcamento 12')).toEqual({ kind: 'resend_quote', orderNumber: 12 });
    expect(cmd('/orçamento 12')).toEqual({ kind: 'resend_quote', orderNumber: 12 });
    expect(cmd('cobrar 12')).toEqual({ kind: 'charge', orderNumber: 12 });
    expect(cmd('/assumir')).toEqual({ kind: 'take_over', target: null });
    expect(cmd('/assumir 12')).toEqual({ kind: 'take_over', target: { kind: 'order', orderNumber: 12 } });
    expect(cmd('/assumir conv-8f2a')).toEqual({ kind: 'take_over', target: { kind: 'conversation', conversationId: 'conv-8f2a' } });
    expect(cmd('/devolver')).toEqual({ kind: 'hand_back' });
    expect(cmd('/ajuda')).toEqual({ kind: 'help' });
    expect(cmd('/start@MinhaOficinaBot')).toEqual({ kind: 'help' });
  });

  it('confirms a payment by hand: /pago, /pagou, without slash, with bot suffix', () => {
    for (const text of ['/pago 123', '/pagou 123', 'pago 123', 'Pagou #123', '/pago@MinhaOficinaBot 123', '/PAGO  123 ']) {
      expect(cmd(text)).toEqual({ kind: 'confirm_payment', orderNumber: 123 });
    }
    expect(err('/pago').message).toBe('Falta o número da OS.\nUso: /pago 123 — confirma que o cliente pagou (Pix estático, dinheiro) e avisa o cliente');
    expect(err('/pago abc').message).toMatch(/^"abc" não é um número de OS\.\nUso: \/pago 123/);
    expect(err('/pago 0').code).toBe('INVALID_ARGUMENTS');
    expect(err('/pago 123 R$ 50').message).toMatch(/^Não entendi "R\$ 50"\.\nUso: \/pago 123/);
  });

  it('drops NUL bytes pasted into a command (they cannot be stored)', () => {
    expect(cmd('/item 123 + Pastilha\u0000 dianteira 2x 45,90\u0000')).toEqual({
      kind: 'add_item',
      orderNumber: 123,
      item: { kind: 'part', description: 'Pastilha dianteira', quantity: 2, unitPriceCents: 4590 },
    });
  });

  it('adds quote items in both syntaxes', () => {
    expect(cmd('/item 123 + Pastilha dianteira 2x 45,90')).toEqual({
      kind: 'add_item',
      orderNumber: 123,
      item: { kind: 'part', description: 'Pastilha dianteira', quantity: 2, unitPriceCents: 4590 },
    });
    expect(cmd('/item 123 peca "Pastilha" 1 45,90')).toEqual({
      kind: 'add_item',
      orderNumber: 123,
      item: { kind: 'part', description: 'Pastilha', quantity: 1, unitPriceCents: 4590 },
    });
    expect(cmd('/item 123 + Óleo 10W30 R$ 45,90')).toMatchObject({ item: { description: 'Óleo 10W30', quantity: 1, unitPriceCents: 4590 } });
    expect(cmd('/item 123 mão de obra "Troca de óleo" 1,5 40')).toMatchObject({
      item: { kind: 'labour', description: 'Troca de óleo', quantity: 1.5, unitPriceCents: 4000 },
    });
    expect(cmd('/item 123 + mo 40')).toMatchObject({ item: { kind: 'labour', description: 'Mão de obra', quantity: 1, unitPriceCents: 4000 } });
    expect(cmd('/item 123 + Pneu traseiro 1.234,50')).toMatchObject({ item: { description: 'Pneu traseiro', unitPriceCents: 123450 } });
    expect(cmd('/item 7 + 2x Vela 25')).toMatchObject({ item: { description: 'Vela', quantity: 2, unitPriceCents: 2500 } });
  });

  it('removes quote items', () => {
    expect(cmd('/item 123 - 2')).toEqual({ kind: 'remove_item', orderNumber: 123, lineNumber: 2 });
    expect(cmd('/item 123 -2')).toEqual({ kind: 'remove_item', orderNumber: 123, lineNumber: 2 });
    expect(cmd('item 123 remover 2')).toEqual({ kind: 'remove_item', orderNumber: 123, lineNumber: 2 });
  });

  it('explains errors in pt-BR with the usage', () => {
    expect(err('')).toMatchObject({ code: 'EMPTY' });
    const unknown = err('/xyz 1');
    expect(unknown.code).toBe('UNKNOWN_COMMAND');
    expect(unknown.message).toContain('/ajuda');
    expect(err('/status').message).toMatch(/^Falta o número da OS\.\nUso: \/status 123 pronta/);
    expect(err('/status 123').message).toMatch(/Falta o novo status/);
    expect(err('/status 123 voando').message).toMatch(/Não conheço o status "voando"/);
    expect(err('/status abc pronta').message).toMatch(/"abc" não é um número de OS/);
    expect(err('/os 0').code).toBe('INVALID_ARGUMENTS');
    expect(err('/item 123 + Pastilha').message).toMatch(/preço "Pastilha"/);
    expect(err('/item 123 + Pastilha 45,999').message).toMatch(/preço/);
    expect(err('/item 123 + 45,90').message).toMatch(/Falta a descrição/);
    expect(err('/item 123').message).toMatch(/Falta o item/);
    expect(err('/item 123 - 0').message).toMatch(/começa em 1/);
    expect(err('/cobrar').message).toMatch(/Uso: \/cobrar 123/);
  });
});
