import { describe, expect, it } from 'vitest';
import { customerFlow } from './flow';
import { effectTypes, find, makeCtx, msgEvent, order, quote, run, vehicle } from './test-support';

describe('customer flow: quote → approval, new customer', () => {
  it('asks only what is missing, opens the order, sends the itemised quote and records the approval', () => {
    let ctx = makeCtx();
    let s = customerFlow.initial();

    let r = run(s, msgEvent('oi, quanto fica a troca de óleo da minha titan 2019?'), ctx);
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]).toMatch(/km/);
    expect(r.state.pendingField).toBe('km');
    expect(r.state.draft.vehicle).toMatchObject({ familyId: 'cg160', year: 2019 });
    expect(r.state.draft.services).toEqual(['oil_change']);
    s = r.state;

    r = run(s, msgEvent('uns 15 mil km'), ctx);
    expect(r.replies[0]).toMatch(/seu nome/);
    expect(r.state.draft.vehicle.km).toBe(15000);
    s = r.state;

    r = run(s, msgEvent('Carlos Souza'), ctx);
    expect(effectTypes(r.effects)).toEqual(['save_customer', 'save_vehicle', 'open_order', 'notify_staff', 'reply']);
    expect(find(r.effects, 'save_customer')).toEqual({ type: 'save_customer', name: 'Carlos Souza' });
    expect(find(r.effects, 'open_order')).toMatchObject({
      services: ['oil_change'],
      vehicle: { familyId: 'cg160', year: 2019, km: 15000 },
      complaint: 'oi, quanto fica a troca de óleo da minha titan 2019?',
    });
    expect(find(r.effects, 'notify_staff')?.kind).toBe('new_order');
    expect(r.replies[0]).toMatch(/Carlos/);
    s = r.state;

    // Worker: the order exists.
    const opened = order({ id: 'order-77', number: 12 });
    r = run(s, { type: 'order_opened', order: opened }, ctx);
    expect(r.effects).toEqual([{ type: 'create_quote', orderId: 'order-77', services: ['oil_change'], familyId: 'cg160' }]);
    s = r.state;
    // A redelivered order_opened does not price twice.
    expect(run(s, { type: 'order_opened', order: opened }, ctx).effects).toEqual([]);

    const q = quote();
    const sent = { ...opened, status: 'orcamento_enviado' as const, quote: q };
    r = run(s, { type: 'quote_created', order: sent, quote: q }, ctx);
    const quoteReply = find(r.effects, 'reply');
    expect(quoteReply?.message.text).toContain('1. Óleo 10W30 semissintético — R$ 45,90');
    expect(quoteReply?.message.text).toContain('3. Mão de obra: troca de óleo e filtro — R$ 40,00');
    expect(quoteReply?.message.text).toContain('Total: R$ 114,90');
    expect(quoteReply?.message.text).toContain('Válido até 21/03');
    expect(quoteReply?.message.buttons?.map((b) => b.title)).toEqual(['Aprovar', 'Recusar', 'Falar com atendente']);
    s = r.state;

    ctx = makeCtx({ customer: { name: 'Carlos Souza' }, openOrder: sent });
    const approval = msgEvent('pode fazer');
    r = run(s, approval, ctx);
    expect(r.effects).toEqual([
      { type: 'decide_quote', quoteId: 'quote-1', decision: 'approved', messageId: approval.type === 'message' ? approval.messageId : '' },
    ]);
    s = r.state;

    const decided = { ...sent, status: 'aprovada' as const };
    r = run(s, { type: 'quote_decided', order: decided, quote: q, decision: 'approved' }, ctx);
    expect(r.replies[0]).toMatch(/^Aprovado! ✅ OS #12, total R\$ 114,90/);
    expect(find(r.effects, 'reply')?.message.buttons?.[0]?.title).toBe('Agendar entrega');
    expect(find(r.effects, 'notify_staff')).toMatchObject({ kind: 'approved', orderId: 'order-77' });
    expect(r.state.stage).toBe('approved');
  });

  it('accepts "não sei" for year and km, and reads bare numbers and names', () => {
    const ctx = makeCtx();
    let r = run(customerFlow.initial(), msgEvent('preciso trocar a relação da minha biz'), ctx);
    expect(r.state.pendingField).toBe('year');
    r = run(r.state, msgEvent('não sei'), ctx);
    expect(r.state.pendingField).toBe('km');
    r = run(r.state, msgEvent('32000'), ctx);
    expect(r.state.draft.vehicle.km).toBe(32000);
    expect(r.state.pendingField).toBe('name');
    r = run(r.state, msgEvent('ana paula'), ctx);
    expect(find(r.effects, 'save_customer')?.name).toBe('Ana Paula');
    expect(find(r.effects, 'open_order')?.services).toEqual(['chain_kit']);
  });

  it('asks the model when the message does not say it, then what to do', () => {
    const ctx = makeCtx({ customer: { name: 'Ana' } });
    let r = run(customerFlow.initial(), msgEvent('meu freio ta chiando'), ctx);
    expect(r.state.pendingField).toBe('family');
    expect(r.replies[0]).toMatch(/Qual é a sua moto/);
    r = run(r.state, msgEvent('é uma fazer 250 2021'), ctx);
    expect(r.state.pendingField).toBe('km');
    r = run(r.state, msgEvent('nao lembro'), ctx);
    // Name is on file: nothing left to ask.
    expect(effectTypes(r.effects)).toEqual(['save_vehicle', 'open_order', 'notify_staff', 'reply']);
    expect(find(r.effects, 'open_order')).toMatchObject({ services: ['brake_pads_front'], vehicle: { familyId: 'fz25', year: 2021 } });
  });

  it('a symptom in free text becomes the complaint with a diagnosis', () => {
    const ctx = makeCtx({ customer: { name: 'Ana', vehicles: [vehicle()] } });
    let r = run(customerFlow.initial(), msgEvent('quero um orçamento'), ctx);
    expect(r.state.pendingField).toBe('complaint');
    r = run(r.state, msgEvent('ela ta fazendo um barulho estranho na roda de tras'), ctx);
    const open = find(r.effects, 'open_order');
    expect(open?.services.length).toBeGreaterThan(0);
    expect(open?.complaint).toContain('barulho');
  });
});

describe('customer flow: known customers', () => {
  it('does not ask the model (or name, year, km) of a customer with one moto on file', () => {
    const ctx = makeCtx({ customer: { name: 'João', vehicles: [vehicle()] } });
    const r = run(customerFlow.initial(), msgEvent('quanto fica a troca de oleo?'), ctx);
    expect(effectTypes(r.effects)).toEqual(['open_order', 'notify_staff', 'reply']);
    expect(find(r.effects, 'open_order')?.vehicle).toMatchObject({ familyId: 'cg160', plate: 'ABC1D23', year: 2019 });
    expect(r.replies[0]).toMatch(/João/);
  });

  it('asks which moto with buttons when there are several, and takes the tap', () => {
    const biz = vehicle({ id: 'veh-2', familyId: 'biz', model: 'Biz 125', year: 2022, plate: 'XYZ9A88' });
    const ctx = makeCtx({ customer: { name: 'João', vehicles: [vehicle(), biz] } });
    let r = run(customerFlow.initial(), msgEvent('quero trocar o oleo'), ctx);
    expect(r.state.pendingField).toBe('vehicle_choice');
    const buttons = find(r.effects, 'reply')?.message.buttons ?? [];
    expect(buttons.map((b) => b.id)).toEqual(['vehicle:veh-1', 'vehicle:veh-2', 'vehicle:new']);
    expect(buttons[1]?.title).toBe('Biz 125 2022 (XYZ9A88)');
    r = run(r.state, msgEvent('Biz 125 2022 (XYZ9A88)', 'vehicle:veh-2'), ctx);
    expect(find(r.effects, 'open_order')?.vehicle).toMatchObject({ familyId: 'biz', plate: 'XYZ9A88' });
    expect(find(r.effects, 'save_vehicle')).toBeUndefined();
  });

  it('answers "a segunda" to the vehicle question by position', () => {
    const biz = vehicle({ id: 'veh-2', familyId: 'biz', model: 'Biz 125', year: 2022, plate: 'XYZ9A88' });
    const ctx = makeCtx({ customer: { name: 'João', vehicles: [vehicle(), biz] } });
    let r = run(customerFlow.initial(), msgEvent('quero trocar o oleo'), ctx);
    r = run(r.state, msgEvent('a segunda'), ctx);
    expect(find(r.effects, 'open_order')?.vehicle.familyId).toBe('biz');
  });

  it('picks the moto the message names among several', () => {
    const biz = vehicle({ id: 'veh-2', familyId: 'biz', model: 'Biz 125', year: 2022, plate: 'XYZ9A88' });
    const ctx = makeCtx({ customer: { name: 'João', vehicles: [vehicle(), biz] } });
    const r = run(customerFlow.initial(), msgEvent('quanto fica a troca de oleo da biz?'), ctx);
    expect(find(r.effects, 'open_order')?.vehicle).toMatchObject({ familyId: 'biz', plate: 'XYZ9A88' });
  });

  it('does not open a second order while one is still aberta: re-prices it instead', () => {
    const ctx = makeCtx({ customer: { name: 'João', vehicles: [vehicle()] }, openOrder: order({ number: 9 }) });
    const r = run(customerFlow.initial(), msgEvent('quanto fica a troca de oleo?'), ctx);
    expect(find(r.effects, 'open_order')).toBeUndefined();
    expect(find(r.effects, 'create_quote')).toEqual({ type: 'create_quote', orderId: 'order-1', services: ['oil_change'], familyId: 'cg160' });
    expect(r.replies[0]).toContain('OS #9');
  });
});

describe('customer flow: quote needing review, partial approval, refusal', () => {
  const pendingState = () => {
    const ctx = makeCtx();
    const q = quote();
    return run(customerFlow.initial(), { type: 'quote_created', order: order({ status: 'orcamento_enviado', quote: q }), quote: q }, ctx).state;
  };

  it('tells the customer the shop will confirm and notifies staff when the quote needs review', () => {
    const q = quote({ needsStaffReview: true, unpriced: ['Diagnóstico elétrico'] });
    const r = run(customerFlow.initial(), { type: 'quote_created', order: order(), quote: q }, makeCtx());
    expect(r.replies[0]).toMatch(/oficina vai confirmar o valor/);
    expect(find(r.effects, 'notify_staff')).toMatchObject({ kind: 'quote_review', orderId: 'order-1' });
    expect(r.replies[0]).not.toMatch(/R\$/);
  });

  it('"só o 1 e o 3" is a partial approval with line numbers', () => {
    const r = run(pendingState(), msgEvent('só o 1 e o 3'), makeCtx());
    expect(find(r.effects, 'decide_quote')).toMatchObject({ decision: 'partial', lineNumbers: [1, 3] });
  });

  it('"pode fazer só o 1 e o 3" (NLU line numbers) is partial too, and the confirmation sums the approved lines', () => {
    const r = run(pendingState(), msgEvent('pode fazer só o 1 e o 3'), makeCtx());
    expect(find(r.effects, 'decide_quote')).toMatchObject({ decision: 'partial', lineNumbers: [1, 3] });
    const base = quote();
    const decidedQuote = { ...base, lines: base.lines.map((l) => ({ ...l, decision: l.number === 2 ? ('rejected' as const) : ('approved' as const) })) };
    const d = run(r.state, { type: 'quote_decided', order: order({ status: 'aprovada' }), quote: decidedQuote, decision: 'partial' }, makeCtx());
    expect(d.replies[0]).toContain('os itens 1 e 3, total R$ 85,90');
    expect(find(d.effects, 'notify_staff')?.text).toContain('só os itens 1 e 3');
  });

  it('"tira o 2" approves every other line', () => {
    const r = run(pendingState(), msgEvent('tira o 2'), makeCtx());
    expect(find(r.effects, 'decide_quote')).toMatchObject({ decision: 'partial', lineNumbers: [1, 3] });
  });

  it('a message it cannot read while a quote is pending reminds how to answer', () => {
    const r = run(pendingState(), msgEvent('kkkk'), makeCtx());
    expect(r.replies[0]).toMatch(/Sobre o orçamento da OS #12/);
    expect(find(r.effects, 'reply')?.message.buttons?.[0]?.id).toBe('approve');
  });

  it('line numbers that are not on the quote are questioned, not sent', () => {
    const r = run(pendingState(), msgEvent('só o 7'), makeCtx());
    expect(find(r.effects, 'decide_quote')).toBeUndefined();
    expect(r.replies[0]).toContain('de 1 a 3');
  });

  it('the Aprovar button approves; "não quero" rejects and the shop hears of it', () => {
    const a = run(pendingState(), msgEvent('Aprovar', 'approve'), makeCtx());
    expect(find(a.effects, 'decide_quote')?.decision).toBe('approved');
    const r = run(pendingState(), msgEvent('não quero'), makeCtx());
    expect(find(r.effects, 'decide_quote')?.decision).toBe('rejected');
    const d = run(r.state, { type: 'quote_decided', order: order({ status: 'recusada' }), quote: quote(), decision: 'rejected' }, makeCtx());
    expect(d.replies[0]).toMatch(/recusado/);
    expect(find(d.effects, 'notify_staff')?.kind).toBe('rejected');
  });

  it('"não sei" is not taken as a refusal', () => {
    const r = run(pendingState(), msgEvent('não sei'), makeCtx());
    expect(find(r.effects, 'decide_quote')).toBeUndefined();
  });

  it('approves a quote found on the open order even if the conversation state was lost', () => {
    const q = quote();
    const ctx = makeCtx({ openOrder: order({ status: 'orcamento_enviado', quote: q }) });
    const r = run(customerFlow.initial(), msgEvent('pode fazer'), ctx);
    expect(find(r.effects, 'decide_quote')).toMatchObject({ quoteId: 'quote-1', decision: 'approved' });
  });
});

describe('customer flow: status, pay, cancel', () => {
  it('reports the open order status in words with the total', () => {
    const ctx = makeCtx({ openOrder: order({ status: 'em_execucao', quote: quote() }) });
    const r = run(customerFlow.initial(), msgEvent('qual o status da minha moto?'), ctx);
    expect(r.replies[0]).toBe('Sua OS #12 está em execução. Total do orçamento: R$ 114,90.');
  });

  it('says there is no order and offers a quote', () => {
    const r = run(customerFlow.initial(), msgEvent('qual o status da minha moto?'), makeCtx());
    expect(r.replies[0]).toMatch(/Não encontrei nenhuma OS/);
    expect(find(r.effects, 'reply')?.message.buttons?.[0]?.id).toBe('quote');
  });

  it('requests payment for an approved or ready order, explains otherwise', () => {
    const ready = makeCtx({ openOrder: order({ status: 'pronta', quote: quote() }) });
    const r = run(customerFlow.initial(), msgEvent('quero pagar'), ready);
    expect(find(r.effects, 'request_payment')).toEqual({ type: 'request_payment', orderId: 'order-1' });
    const early = makeCtx({ openOrder: order({ status: 'aberta' }) });
    const e = run(customerFlow.initial(), msgEvent('quero pagar'), early);
    expect(find(e.effects, 'request_payment')).toBeUndefined();
    expect(e.replies[0]).toMatch(/depois que o orçamento for aprovado/);
  });

  it('resends a pending Pix instead of requesting another', () => {
    const ctx = makeCtx({
      openOrder: order({ status: 'pronta', quote: quote(), paymentPending: { amountCents: 11490, pixCode: '000201PIX', linkUrl: null } }),
    });
    const r = run(customerFlow.initial(), msgEvent('pix'), ctx);
    expect(find(r.effects, 'request_payment')).toBeUndefined();
    expect(find(r.effects, 'reply')?.message).toMatchObject({ copyText: '000201PIX' });
    expect(r.replies[0]).toContain('R$ 114,90');
  });

  it('cancels an order not yet in execution; refers to the shop otherwise', () => {
    const ok = run(customerFlow.initial(), msgEvent('cancela'), makeCtx({ openOrder: order({ status: 'orcamento_enviado' }) }));
    expect(effectTypes(ok.effects)).toEqual(['cancel_order', 'notify_staff', 'reply']);
    expect(find(ok.effects, 'notify_staff')?.kind).toBe('cancelled');
    const no = run(customerFlow.initial(), msgEvent('cancela'), makeCtx({ openOrder: order({ status: 'em_execucao' }) }));
    expect(find(no.effects, 'cancel_order')).toBeUndefined();
    expect(no.replies[0]).toMatch(/falar com a oficina/);
  });
});

describe('customer flow: handoff, opt-out, greeting, fallback, failures', () => {
  it('hands off to a human', () => {
    const r = run(customerFlow.initial(), msgEvent('quero falar com alguém'), makeCtx());
    expect(effectTypes(r.effects)).toEqual(['handoff', 'notify_staff', 'reply']);
    expect(find(r.effects, 'notify_staff')?.kind).toBe('handoff');
    expect(r.replies[0]).toMatch(/^Vou chamar alguém da oficina/);
  });

  it('opts out with the message as evidence, even in the middle of a quote', () => {
    const ctx = makeCtx();
    const mid = run(customerFlow.initial(), msgEvent('troca de oleo da titan'), ctx).state;
    const ev = msgEvent('parar');
    const r = run(mid, ev, ctx);
    expect(r.effects[0]).toEqual({ type: 'opt_out', messageId: ev.type === 'message' ? ev.messageId : '', evidence: 'parar' });
    expect(r.replies[0]).toMatch(/não vai mais receber mensagens promocionais/);
    expect(r.replies[0]).toMatch(/qualquer hora/);
  });

  it('greets by name with the shop name and the menu', () => {
    const r = run(customerFlow.initial(), msgEvent('oi'), makeCtx({ customer: { name: 'Maria Clara' } }));
    expect(r.replies[0]).toMatch(/^Oi, Maria! Aqui é da Oficina do Zé/);
    expect(find(r.effects, 'reply')?.message.buttons?.map((b) => b.title)).toEqual(['Orçamento', 'Status da OS', 'Falar com atendente']);
  });

  it('says goodbye briefly', () => {
    const r = run(customerFlow.initial(), msgEvent('obrigado'), makeCtx({ customer: { name: 'Maria' } }));
    expect(r.replies).toEqual(['Por nada, Maria! Qualquer coisa é só chamar 👍']);
  });

  it('falls back gracefully, and offers a human after two misunderstandings in a row', () => {
    const ctx = makeCtx();
    const one = run(customerFlow.initial(), msgEvent('asdf qwe'), ctx);
    expect(one.replies[0]).toMatch(/Posso te ajudar com orçamento/);
    expect(effectTypes(one.effects)).toEqual(['reply']);
    const two = run(one.state, msgEvent('banana'), ctx);
    expect(two.replies[0]).toMatch(/falar com alguém da oficina/);
    expect(find(two.effects, 'reply')?.message.buttons?.[0]).toEqual({ id: 'human', title: 'Falar com atendente' });
    // Understanding something resets the streak.
    const ok = run(two.state, msgEvent('qual o status da minha moto?'), ctx);
    expect(ok.state.misunderstood).toBe(0);
  });

  it('repeats the pending question when the answer is not understood', () => {
    const ctx = makeCtx();
    const asked = run(customerFlow.initial(), msgEvent('quero trocar o oleo'), ctx);
    expect(asked.state.pendingField).toBe('family');
    const r = run(asked.state, msgEvent('???'), ctx);
    expect(r.replies[0]).toMatch(/^Não entendi 😅 Qual é a sua moto/);
  });

  it('a bare "sim" during intake repeats the question instead of saying goodbye', () => {
    const ctx = makeCtx();
    const asked = run(customerFlow.initial(), msgEvent('quero trocar o oleo da titan'), ctx);
    expect(asked.state.pendingField).toBe('year');
    const r = run(asked.state, msgEvent('sim'), ctx);
    expect(r.replies[0]).toMatch(/^Não entendi 😅 Qual o ano dela/);
    expect(r.state.pendingField).toBe('year');
  });

  it('greets and repeats the pending question mid-intake', () => {
    const ctx = makeCtx({ customer: { name: 'Rita' } });
    const asked = run(customerFlow.initial(), msgEvent('quero trocar o oleo'), ctx);
    const r = run(asked.state, msgEvent('oi'), ctx);
    expect(r.replies[0]).toBe('Oi, Rita! Aqui é da Oficina do Zé. Qual é a sua moto? (ex.: Titan 160, Biz 125, Fazer 250)');
  });

  it('apologises and hands off when an effect fails', () => {
    const r = run(customerFlow.initial(), { type: 'effect_failed', effect: 'open_order', code: 'DB_DOWN' }, makeCtx());
    expect(effectTypes(r.effects)).toEqual(['handoff', 'notify_staff', 'reply']);
    expect(r.replies[0]).toMatch(/^Desculpa/);
    const h = run(customerFlow.initial(), { type: 'effect_failed', effect: 'handoff', code: 'X' }, makeCtx());
    expect(effectTypes(h.effects)).toEqual(['notify_staff']);
  });
});

describe('customer flow: state loading', () => {
  it.each([null, undefined, 42, 'x', [], {}, { v: 2, stage: 'idle' }, { v: 1, stage: 'bogus' }])('load(%j) starts over', (stored) => {
    expect(customerFlow.load(stored)).toEqual(customerFlow.initial());
  });

  it('load keeps a valid stored state', () => {
    const s = run(customerFlow.initial(), msgEvent('troca de oleo da titan'), makeCtx()).state;
    expect(customerFlow.load(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('is deterministic', () => {
    const ev = msgEvent('oi, quanto fica a troca de óleo da minha titan 2019?');
    const a = customerFlow.step(customerFlow.initial(), ev, makeCtx());
    const b = customerFlow.step(customerFlow.initial(), ev, makeCtx());
    expect(a).toEqual(b);
  });
});
