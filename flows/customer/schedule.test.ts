import { describe, expect, it } from 'vitest';
import { customerFlow } from './flow';
import { isOpenAt, nearestSlots, tzOffsetMinutes } from './opening-hours';
import { find, makeCtx, msgEvent, NOW, order, quote, run } from './test-support';

// NOW is Wednesday 11/03/2026 10:00 in São Paulo (UTC-3). Open mon-fri 08-18, sat 08-12.

describe('customer flow: scheduling the drop-off', () => {
  it('books a time inside opening hours', () => {
    const ctx = makeCtx({ openOrder: order({ status: 'aprovada', quote: quote() }) });
    const r = run(customerFlow.initial(), msgEvent('vou levar sexta 14h'), ctx);
    expect(find(r.effects, 'schedule_dropoff')).toEqual({ type: 'schedule_dropoff', orderId: 'order-1', at: '2026-03-13T17:00:00.000Z' });
    expect(r.replies).toEqual(['Combinado: sexta, 13/03 às 14h. Te esperamos! 🏍️']);
    expect(find(r.effects, 'notify_staff')).toMatchObject({ kind: 'schedule', orderId: 'order-1' });
  });

  it('proposes the nearest open slots when the shop is closed (Saturday afternoon)', () => {
    const r = run(customerFlow.initial(), msgEvent('sábado 15h'), makeCtx());
    expect(find(r.effects, 'schedule_dropoff')).toBeUndefined();
    expect(r.replies[0]).toBe(
      'Nesse horário (sábado, 14/03 às 15h) a oficina está fechada. Pode ser sábado, 14/03 às 11h ou segunda, 16/03 às 8h?',
    );
    const buttons = find(r.effects, 'reply')?.message.buttons ?? [];
    expect(buttons).toEqual([
      { id: 'slot:2026-03-14T14:00:00.000Z', title: 'sáb 14/03 11h' },
      { id: 'slot:2026-03-16T11:00:00.000Z', title: 'seg 16/03 8h' },
    ]);
    expect(r.state.pendingField).toBe('when');

    // Tapping a proposed slot books it.
    const b = run(r.state, msgEvent('seg 16/03 8h', 'slot:2026-03-16T11:00:00.000Z'), makeCtx());
    expect(find(b.effects, 'schedule_dropoff')?.at).toBe('2026-03-16T11:00:00.000Z');
    expect(b.replies[0]).toBe('Combinado: segunda, 16/03 às 8h. Te esperamos! 🏍️');
  });

  it('on Sunday proposes the next open days', () => {
    const r = run(customerFlow.initial(), msgEvent('domingo 10h'), makeCtx());
    expect(r.replies[0]).toContain('Pode ser segunda, 16/03 às 8h ou terça, 17/03 às 8h?');
  });

  it('a time already past today is not booked', () => {
    const r = run(customerFlow.initial(), msgEvent('posso levar hoje 8h?'), makeCtx());
    expect(find(r.effects, 'schedule_dropoff')).toBeUndefined();
  });

  it('asks when no time was given, then takes "amanhã cedo"', () => {
    const ctx = makeCtx();
    const ask = run(customerFlow.initial(), msgEvent('quero agendar'), ctx);
    expect(ask.replies[0]).toMatch(/Que dia e horário/);
    const r = run(ask.state, msgEvent('amanhã cedo'), ctx);
    expect(find(r.effects, 'schedule_dropoff')).toEqual({ type: 'schedule_dropoff', orderId: null, at: '2026-03-12T11:00:00.000Z' });
    expect(r.replies[0]).toBe('Combinado: quinta, 12/03 às 8h. Te esperamos! 🏍️');
  });

  it('after an approval, a bare "sexta 14h" schedules the drop-off for that order', () => {
    const q = quote();
    const ctx = makeCtx({ openOrder: order({ status: 'aprovada', quote: q }) });
    const approved = run(customerFlow.initial(), { type: 'quote_decided', order: order({ status: 'aprovada', quote: q }), quote: q, decision: 'approved' }, ctx);
    const r = run(approved.state, msgEvent('sexta 14h'), ctx);
    expect(find(r.effects, 'schedule_dropoff')?.orderId).toBe('order-1');
  });
});

describe('opening hours helpers', () => {
  const hours = makeCtx().tenant.openingHours;
  it('knows São Paulo is UTC-3', () => {
    expect(tzOffsetMinutes('America/Sao_Paulo', NOW)).toBe(-180);
    expect(tzOffsetMinutes('Not/AZone', NOW)).toBe(-180);
  });
  it('opening is inclusive, closing exclusive', () => {
    expect(isOpenAt(hours, new Date('2026-03-11T11:00:00Z'), -180)).toBe(true); // 08:00
    expect(isOpenAt(hours, new Date('2026-03-11T21:00:00Z'), -180)).toBe(false); // 18:00
    expect(isOpenAt(hours, new Date('2026-03-15T13:00:00Z'), -180)).toBe(false); // Sunday
  });
  it('nearest slots for a weekday evening are the last hour that day and next morning', () => {
    const slots = nearestSlots(hours, new Date('2026-03-11T22:00:00Z'), NOW, -180); // Wed 19h
    expect(slots.map((s) => s.toISOString())).toEqual(['2026-03-11T20:00:00.000Z', '2026-03-12T11:00:00.000Z']);
  });
});
