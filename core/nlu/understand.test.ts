import { describe, expect, it } from 'vitest';
import { understand } from './understand';

describe('understand: what a customer would notice', () => {
  it('reads a whole quote request in one message', () => {
    const r = understand('oi, quanto fica a troca de óleo da minha titan 2019? ela ta com 32 mil km');
    expect(r.intent).toBe('quote_request');
    expect(r.entities.motorcycle).toEqual({ brand: 'Honda', model: 'Titan', familyId: 'cg160', year: 2019 });
    expect(r.entities.km).toBe(32000);
    expect(r.entities.services).toEqual(['oil_change']);
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    ['sim', 'approve', 'yes'],
    ['simmm', 'approve', 'yes'],
    ['pode fazer', 'approve', 'yes'],
    ['fechado', 'approve', 'yes'],
    ['bora', 'approve', 'yes'],
    ['👍', 'approve', 'yes'],
    ['✅', 'approve', 'yes'],
    ['n', 'reject', 'no'],
    ['quero nao', 'reject', 'no'],
    ['👎', 'reject', 'no'],
    ['❌', 'reject', 'no'],
  ])('short reply "%s" is %s', (text, intent, yesNo) => {
    const r = understand(text);
    expect(r.intent).toBe(intent);
    expect(r.entities.yesNo).toBe(yesNo);
  });

  it('does not take "não pega" as a "no"', () => {
    const r = understand('minha moto nao pega');
    expect(r.intent).toBe('quote_request');
    expect(r.entities.yesNo).toBeUndefined();
    expect(r.entities.services).toEqual(['diagnosis']);
    expect(r.entities.symptoms).toEqual(['nao pega']);
  });

  it('reads a partial approval by line number', () => {
    const r = understand('aprovo só o 1 e o 3');
    expect(r.intent).toBe('approve');
    expect(r.entities.lineNumbers).toEqual([1, 3]);
  });

  it.each([
    ['parar', 'opt_out'],
    ['não quero mais receber mensagens', 'opt_out'],
    ['sair', 'opt_out'],
    ['quero falar com um atendente', 'human'],
    ['cancela meu horario de amanha', 'cancel'],
    ['qual a chave pix?', 'pay'],
    ['OS 123 ta pronta?', 'order_status'],
    ['valeu!', 'thanks_bye'],
    ['bom dia', 'greeting'],
    ['qual o endereço de vcs?', 'other'],
    ['meu nome é João', 'provide_data'],
    ['sexta às 14h posso levar?', 'schedule'],
  ])('"%s" → %s', (text, intent) => {
    expect(understand(text).intent).toBe(intent);
  });

  it('greets and asks in the same message: the request wins', () => {
    expect(understand('bom dia! qto fica a revisão da biz?').intent).toBe('quote_request');
  });

  it('understands typos and abbreviations', () => {
    expect(understand('qto ta o oleu').entities.services).toEqual(['oil_change']);
    expect(understand('pastilia da frente').entities.services).toEqual(['brake_pads_front']);
    expect(understand('corente ta gasta').entities.services).toEqual(['chain_kit']);
    expect(understand('vcs fazem revizao?').entities.services).toEqual(['revision']);
    expect(understand('queria um orsamento pfv').intent).toBe('quote_request');
  });

  it('maps symptoms to services', () => {
    expect(understand('freio chiando').entities.services).toEqual(['brake_pads_front']);
    expect(understand('corrente folgada').entities.services).toEqual(['chain_adjust']);
    expect(understand('pneu careca').entities.services).toEqual(['tyre_rear']);
    expect(understand('pneu da frente careca').entities.services).toEqual(['tyre_front']);
    expect(understand('nao liga').entities.services).toEqual(['diagnosis']);
    expect(understand('quanto a relação').entities.services).toEqual(['chain_kit']);
    expect(understand('bengala vazando oleo').entities.services).toEqual(['fork_seals']);
  });

  it('extracts names keeping accents and stopping at the rest of the sentence', () => {
    expect(understand('meu nome é João').entities.name).toBe('João');
    expect(understand('sou a Maria, tenho uma biz').entities.name).toBe('Maria');
    expect(understand('me chamo ana paula e tenho uma fan').entities.name).toBe('Ana Paula');
    expect(understand('sou cliente de vcs').entities.name).toBeUndefined();
  });

  it('reads order numbers but not "os 2 pneus"', () => {
    expect(understand('ordem 45, como esta?').entities.orderNumber).toBe('45');
    expect(understand('troca os 2 pneus').entities.orderNumber).toBeUndefined();
  });
});
