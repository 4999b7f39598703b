import { describe, expect, it } from 'vitest';
import { buildPixCode, crc16ccittFalse, parsePixCode, type BuildPixCodeInput } from './brcode';

// Published example from the BCB "Manual de Padrões para Iniciação do Pix".
const BCB_EXAMPLE =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const BCB_KEY = '123e4567-e12b-12d1-a456-426655440000';

const base: BuildPixCodeInput = {
  key: BCB_KEY,
  merchantName: 'Fulano de Tal',
  merchantCity: 'BRASILIA',
};

const build = (input: Partial<BuildPixCodeInput>): string => {
  const result = buildPixCode({ ...base, ...input });
  if (!result.ok) throw new Error(`expected a code, got ${result.code}`);
  return result.brcode;
};

const parseOk = (code: string) => {
  const result = parsePixCode(code);
  if (!result.ok) throw new Error(`expected to parse, got ${result.code}`);
  return result;
};

describe('crc16ccittFalse', () => {
  it('matches the standard check value', () => {
    expect(crc16ccittFalse('123456789')).toBe('29B1');
  });

  it('matches the CRC of the BCB example', () => {
    expect(crc16ccittFalse(BCB_EXAMPLE.slice(0, -4))).toBe('1D3D');
  });

  it('pads to 4 uppercase hex digits', () => {
    expect(crc16ccittFalse('')).toBe('FFFF');
    expect(crc16ccittFalse('A')).toMatch(/^[0-9A-F]{4}$/);
  });
});

describe('parsePixCode', () => {
  it('reads the BCB manual example and validates its CRC', () => {
    expect(parsePixCode(BCB_EXAMPLE)).toEqual({
      ok: true,
      crcValid: true,
      fields: { key: BCB_KEY, merchantName: 'Fulano de Tal', merchantCity: 'BRASILIA', txid: '***' },
    });
  });

  it('flags a corrupted code (one character changed) as failing the CRC', () => {
    const corrupted = BCB_EXAMPLE.replace('Fulano', 'Fulana');
    expect(parseOk(corrupted).crcValid).toBe(false);
  });

  it('flags a wrong checksum', () => {
    expect(parseOk(BCB_EXAMPLE.replace(/1D3D$/, '1D3E')).crcValid).toBe(false);
  });

  it('accepts a lowercase checksum and surrounding whitespace', () => {
    expect(parseOk(` ${BCB_EXAMPLE.replace(/1D3D$/, '1d3d')}\n`).crcValid).toBe(true);
  });

  it('rejects text whose lengths do not add up', () => {
    expect(parsePixCode(BCB_EXAMPLE.slice(0, -1))).toEqual({ ok: false, code: 'MALFORMED_BRCODE' });
    expect(parsePixCode('hello')).toEqual({ ok: false, code: 'MALFORMED_BRCODE' });
    expect(parsePixCode('')).toEqual({ ok: false, code: 'MALFORMED_BRCODE' });
  });

  it('rejects a well-formed EMV code that is not Pix', () => {
    const body = '000201' + '26160004br.gov.other' + '5802BR5903ABC6003XYZ' + '6304';
    expect(parsePixCode(body + crc16ccittFalse(body))).toEqual({ ok: false, code: 'NOT_A_PIX_CODE' });
  });

  it('reads dynamic codes that carry a URL instead of a key', () => {
    const account = '0014br.gov.bcb.pix2525pix.example.com/qr/v2/abc';
    const body = `00020101021226${account.length}${account}5204000053039865802BR5903ABC6003XYZ62070503***6304`;
    const parsed = parseOk(body + crc16ccittFalse(body));
    expect(parsed.fields.url).toBe('pix.example.com/qr/v2/abc');
    expect(parsed.fields.key).toBeUndefined();
    expect(parsed.crcValid).toBe(true);
  });
});

describe('buildPixCode', () => {
  it('reproduces the BCB manual example byte for byte', () => {
    expect(buildPixCode({ ...base, txid: '***' })).toEqual({ ok: true, brcode: BCB_EXAMPLE });
    expect(build({})).toBe(BCB_EXAMPLE); // txid defaults to ***
  });

  it('round-trips an amount of R$ 1.234,56', () => {
    const code = build({ amountCents: 123456, txid: 'OS1234' });
    expect(code).toContain('54071234.56');
    expect(parseOk(code)).toEqual({
      ok: true,
      crcValid: true,
      fields: {
        key: BCB_KEY,
        amountCents: 123456,
        merchantName: 'Fulano de Tal',
        merchantCity: 'BRASILIA',
        txid: 'OS1234',
      },
    });
  });

  it('writes small amounts with two decimals', () => {
    expect(build({ amountCents: 5 })).toContain('54040.05');
    expect(build({ amountCents: 8990 })).toContain('540589.90');
  });

  it('truncates long shop names to 25 characters', () => {
    const code = build({ merchantName: 'Oficina de Motos do Zé e Filhos Ltda' });
    expect(parseOk(code).fields.merchantName).toBe('Oficina de Motos do Ze e');
    expect(code).toContain('5924Oficina de Motos do Ze e');
  });

  it('removes accents and uppercases the city', () => {
    const fields = parseOk(build({ merchantName: 'Moto Peças São João', merchantCity: 'São Paulo' })).fields;
    expect(fields.merchantCity).toBe('SAO PAULO');
    expect(fields.merchantName).toBe('Moto Pecas Sao Joao');
  });

  it('drops characters bank apps reject', () => {
    const fields = parseOk(build({ merchantName: 'Zé\'s Motos 🏍️ & Cia', merchantCity: 'Florianópolis/SC' })).fields;
    expect(fields.merchantName).toBe('Zes Motos Cia');
    expect(fields.merchantCity).toBe('FLORIANOPOLISSC');
  });

  it('truncates cities to 15 characters', () => {
    expect(parseOk(build({ merchantCity: 'Santa Bárbara d\'Oeste' })).fields.merchantCity).toBe('SANTA BARBARA D');
  });

  it('strips non-alphanumerics from the txid', () => {
    expect(parseOk(build({ txid: 'OS-2024/0042' })).fields.txid).toBe('OS20240042');
    expect(parseOk(build({ txid: '---' })).fields.txid).toBe('***');
  });

  it('refuses a txid longer than 25 characters rather than cutting it', () => {
    expect(buildPixCode({ ...base, txid: 'A'.repeat(26) })).toEqual({ ok: false, code: 'TXID_TOO_LONG' });
    expect(buildPixCode({ ...base, txid: 'A'.repeat(25) }).ok).toBe(true);
  });

  it.each([
    ['12345678909', 'cpf', '12345678909'],
    ['123.456.789-09', 'cpf', '12345678909'],
    ['11.222.333/0001-81', 'cnpj', '11222333000181'],
    ['+55 (11) 98765-4321', 'phone', '+5511987654321'],
    ['Oficina@Example.COM', 'email', 'oficina@example.com'],
    ['123E4567-E12B-12D1-A456-426655440000', 'evp', BCB_KEY],
  ] as const)('normalises key %s (%s)', (key, _type, value) => {
    expect(parseOk(build({ key })).fields.key).toBe(value);
  });

  it('asks which type a key is when it cannot tell, and accepts the answer', () => {
    expect(buildPixCode({ ...base, key: '11987654374' })).toEqual({ ok: false, code: 'AMBIGUOUS_PIX_KEY' });
    expect(parseOk(build({ key: '11987654374', keyType: 'phone' })).fields.key).toBe('+5511987654374');
    expect(parseOk(build({ key: '11987654374', keyType: 'cpf' })).fields.key).toBe('11987654374');
  });

  it('rejects an invalid key', () => {
    expect(buildPixCode({ ...base, key: '123.456.789-00' })).toEqual({ ok: false, code: 'INVALID_PIX_KEY' });
  });

  it.each([0, -100, 12.5, Number.NaN, 10_000_000_000_000])('rejects amount %s', (amountCents) => {
    expect(buildPixCode({ ...base, amountCents })).toEqual({ ok: false, code: 'INVALID_AMOUNT' });
  });

  it('rejects empty name or city', () => {
    expect(buildPixCode({ ...base, merchantName: ' 🏍️ ' })).toEqual({ ok: false, code: 'INVALID_MERCHANT_NAME' });
    expect(buildPixCode({ ...base, merchantCity: '' })).toEqual({ ok: false, code: 'INVALID_MERCHANT_CITY' });
  });

  it('puts a description in the merchant account and reads it back', () => {
    const code = build({ description: 'Troca de óleo' });
    expect(code).toContain('0213Troca de oleo');
    expect(parseOk(code).fields.description).toBe('Troca de oleo');
  });

  it('reports a merchant account that would exceed 99 characters', () => {
    const longEmail = `${'a'.repeat(60)}@example.com`;
    expect(buildPixCode({ ...base, key: longEmail, description: 'x'.repeat(30) })).toEqual({
      ok: false,
      code: 'FIELD_TOO_LONG',
      field: '26',
    });
  });

  it('every generated code is valid for its own parser', () => {
    const code = build({ key: '+5511987654321', amountCents: 15990, merchantName: 'Moto Center', merchantCity: 'Curitiba', txid: 'OS77', description: 'Revisao' });
    expect(parseOk(code)).toMatchObject({
      crcValid: true,
      fields: { key: '+5511987654321', amountCents: 15990, merchantName: 'Moto Center', merchantCity: 'CURITIBA', txid: 'OS77', description: 'Revisao' },
    });
  });
});
