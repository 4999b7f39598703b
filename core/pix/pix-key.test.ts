import { describe, expect, it } from 'vitest';
import { detectPixKey, isValidCnpj, isValidCpf } from './pix-key';

describe('detectPixKey', () => {
  it.each([
    ['529.982.247-25', 'cpf', '52998224725'],
    ['52998224725', 'cpf', '52998224725'],
    ['11.222.333/0001-81', 'cnpj', '11222333000181'],
    ['11222333000181', 'cnpj', '11222333000181'],
    ['12.ABC.345/01DE-35', 'cnpj', '12ABC34501DE35'], // alphanumeric CNPJ (from July 2026)
    ['+55 11 98765-4321', 'phone', '+5511987654321'],
    ['(11) 98765-4321', 'phone', '+5511987654321'],
    ['+551187654321', 'phone', '+5511987654321'],
    ['(11) 3456-7890', 'phone', '+551134567890'],
    ['  Oficina.Moto@Gmail.com ', 'email', 'oficina.moto@gmail.com'],
    ['123E4567-E12B-12D1-A456-426655440000', 'evp', '123e4567-e12b-12d1-a456-426655440000'],
  ] as const)('%s → %s %s', (raw, type, value) => {
    expect(detectPixKey(raw)).toEqual({ ok: true, type, value });
  });

  it.each([
    '',
    '123.456.789-00', // wrong check digits
    '111.111.111-11', // passes the arithmetic, but is not a real CPF
    '11.222.333/0001-82',
    '00000000000000',
    'fulano@',
    'fulano@gmail',
    `${'a'.repeat(70)}@gmail.com`, // over the 77-character limit
    '123e4567-e12b-12d1-a456-42665544000', // UUID one digit short
    '+1 415 555 2671', // Pix phone keys are Brazilian
    '(20) 98765-4321', // no such DDD
    'chave qualquer',
  ])('rejects %j', (raw) => {
    expect(detectPixKey(raw)).toEqual({ ok: false, code: 'INVALID_PIX_KEY' });
  });

  it('reports a bare number that is both a valid CPF and a mobile as ambiguous', () => {
    expect(detectPixKey('11987654374')).toEqual({
      ok: false,
      code: 'AMBIGUOUS_PIX_KEY',
      candidates: [
        { type: 'cpf', value: '11987654374' },
        { type: 'phone', value: '+5511987654374' },
      ],
    });
  });

  it('resolves an ambiguous number with the type the owner chose', () => {
    expect(detectPixKey('11987654374', 'cpf')).toEqual({ ok: true, type: 'cpf', value: '11987654374' });
    expect(detectPixKey('11987654374', 'phone')).toEqual({ ok: true, type: 'phone', value: '+5511987654374' });
  });

  it('uses formatting to tell a CPF from a phone', () => {
    expect(detectPixKey('119.876.543-74')).toMatchObject({ ok: true, type: 'cpf' });
    expect(detectPixKey('(11) 98765-4374')).toMatchObject({ ok: true, type: 'phone' });
  });

  it('treats bare digits that are not a valid CPF as a phone', () => {
    expect(detectPixKey('11987654321')).toEqual({ ok: true, type: 'phone', value: '+5511987654321' });
  });

  it('rejects a key that does not match the chosen type', () => {
    expect(detectPixKey('529.982.247-25', 'phone')).toEqual({ ok: false, code: 'INVALID_PIX_KEY' });
  });
});

describe('check digits', () => {
  it('validates CPF', () => {
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf('52998224724')).toBe(false);
    expect(isValidCpf('5299822472')).toBe(false);
  });

  it('validates numeric and alphanumeric CNPJ', () => {
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('11222333000180')).toBe(false);
    expect(isValidCnpj('12ABC34501DE35')).toBe(true);
    expect(isValidCnpj('12ABC34501DE36')).toBe(false);
  });
});
