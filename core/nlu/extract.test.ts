import { describe, expect, it } from 'vitest';
import { extractKm, extractPlate } from './extract-ids';
import { extractMotorcycle } from './extract-motorcycle';
import { extractWhen } from './extract-when';
import { normalize } from './normalize';

const n = (s: string): string => normalize(s).text;

describe('plates', () => {
  it.each([
    ['placa abc-1234', 'ABC1234'],
    ['ABC1D23', 'ABC1D23'],
    ['abc 1d23', 'ABC1D23'],
    ['a placa é bra2e19', 'BRA2E19'],
  ])('%s → %s', (text, plate) => expect(extractPlate(n(text))).toBe(plate));

  it('does not read model names or numbers as plates', () => {
    expect(extractPlate(n('fan 2019'))).toBeUndefined();
    expect(extractPlate(n('32 mil 2019'))).toBeUndefined();
  });
});

describe('mileage', () => {
  it.each([
    ['32 mil km', 32000],
    ['32.000', 32000],
    ['32k', 32000],
    ['rodou 15mil', 15000],
    ['km 8000', 8000],
    ['ta marcando 27.350 km', 27350],
    ['1,5 mil km', 1500],
  ])('%s → %d', (text, km) => expect(extractKm(n(text))).toBe(km));

  it('ignores money', () => {
    expect(extractKm(n('tenho 2 mil reais'))).toBeUndefined();
    expect(extractKm(n('r$ 1.200'))).toBeUndefined();
  });
});

describe('motorcycles', () => {
  it.each([
    ['titan 2019', 'cg160', 2019],
    ['titan 2014', 'cg150', 2014],
    ['fan 125', 'cg125', undefined],
    ['bizinha', 'biz', undefined],
    ['xrezinha', 'xre300', undefined],
    ['xre 190 ano 19', 'xre190', 2019],
    ['twister', 'cb300f', undefined],
    ['cb 250 2018', 'cb250f', 2018],
    ['fazer 150', 'fz15', undefined],
    ['minha fazer', 'fz25', undefined],
    ['factor modelo 21', 'factor150', 2021],
    ['nmax', 'nmax160', undefined],
    ['mt03', 'mt03', undefined],
  ])('%s → %s', (text, familyId, year) => {
    const m = extractMotorcycle(n(text));
    expect(m?.familyId).toBe(familyId);
    expect(m?.year).toBe(year);
  });

  it('infers the brand from the family', () => {
    expect(extractMotorcycle(n('crosser'))?.brand).toBe('Yamaha');
  });

  it('does not take the verb "fazer" for the Fazer', () => {
    expect(extractMotorcycle(n('pode fazer'))).toBeUndefined();
  });
});

describe('when', () => {
  it.each([
    ['amanhã cedo', { dayOffset: 1, period: 'manha' }],
    ['sexta às 14h', { weekday: 5, hour: 14, period: 'tarde' }],
    ['hj a tarde', { dayOffset: 0, period: 'tarde' }],
    ['segunda 8h30', { weekday: 1, hour: 8, minute: 30, period: 'manha' }],
    ['amanha as 3 da tarde', { dayOffset: 1, hour: 15, period: 'tarde' }],
    ['depois de amanha meio dia', { dayOffset: 2, hour: 12 }],
  ])('%s', (text, expected) => {
    expect(extractWhen(n(text))).toMatchObject(expected);
  });

  it('keeps what was said as text', () => {
    expect(extractWhen(n('sexta às 14h'))?.text).toBe('sexta 14h');
  });

  it('ignores greetings', () => {
    expect(extractWhen(n('boa tarde'))).toBeUndefined();
  });
});
