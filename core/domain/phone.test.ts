import { describe, expect, it } from 'vitest';
import {
  BRAZILIAN_DDDS,
  PhoneSchema,
  brazilianVariants,
  maskPhone,
  normalizePhone,
  phoneKey,
} from './phone';

const ok = (e164: string) => ({ ok: true, e164 });
const invalid = { ok: false, code: 'INVALID_PHONE' };

describe('normalizePhone', () => {
  it.each([
    ['(11) 98765-4321', '+5511987654321'],
    ['11987654321', '+5511987654321'],
    ['11 98765 4321', '+5511987654321'],
    ['+55 11 98765-4321', '+5511987654321'],
    ['+55 (11) 98765-4321', '+5511987654321'],
    ['5511987654321', '+5511987654321'],
    ['011 98765-4321', '+5511987654321'],
    ['5511987654321@s.whatsapp.net', '+5511987654321'],
    ['5511987654321:23@s.whatsapp.net', '+5511987654321'],
    ['5511987654321@c.us', '+5511987654321'],
    ['whatsapp:+5511987654321', '+5511987654321'],
    ['tel:+5511987654321', '+5511987654321'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual(ok(e164));
  });

  it('puts back the ninth digit on old 8-digit mobiles', () => {
    expect(normalizePhone('55 11 8765-4321')).toEqual(ok('+5511987654321'));
    expect(normalizePhone('(11) 8765-4321')).toEqual(ok('+5511987654321'));
    expect(normalizePhone('+55 21 6543-2109')).toEqual(ok('+5521965432109'));
  });

  it('puts back the ninth digit on WhatsApp ids that omit it', () => {
    // WhatsApp commonly reports mobiles outside SP/RJ without the 9.
    expect(normalizePhone('553187654321@s.whatsapp.net')).toEqual(ok('+5531987654321'));
    expect(normalizePhone('whatsapp:+553187654321')).toEqual(ok('+5531987654321'));
  });

  it('keeps landlines as they are', () => {
    expect(normalizePhone('(11) 3456-7890')).toEqual(ok('+551134567890'));
    expect(normalizePhone('+55 51 2345-6789')).toEqual(ok('+555123456789'));
    expect(normalizePhone('554134567890@s.whatsapp.net')).toEqual(ok('+554134567890'));
  });

  it('accepts DDD 55 (Rio Grande do Sul) without confusing it with the country code', () => {
    expect(normalizePhone('(55) 99123-4567')).toEqual(ok('+5555991234567'));
    expect(normalizePhone('5555991234567')).toEqual(ok('+5555991234567'));
    expect(normalizePhone('(55) 3222-1234')).toEqual(ok('+555532221234'));
  });

  it.each(['20', '23', '25', '26', '29', '30', '36', '39', '40', '50', '52', '56', '60', '70', '72', '76', '78', '80', '90', '10', '00'])(
    'rejects non-existent DDD %s',
    (ddd) => {
      expect(normalizePhone(`(${ddd}) 98765-4321`)).toEqual(invalid);
      expect(normalizePhone(`+55${ddd}987654321`)).toEqual(invalid);
    },
  );

  it('knows exactly the 67 Brazilian DDDs', () => {
    expect(BRAZILIAN_DDDS.size).toBe(67);
    for (const ddd of ['11', '19', '21', '22', '24', '27', '28', '31', '37', '38', '49', '51', '53', '54', '55', '69', '71', '73', '74', '75', '77', '79', '81', '89', '91', '99']) {
      expect(BRAZILIAN_DDDS.has(ddd)).toBe(true);
    }
  });

  it.each([
    '',
    '   ',
    'abc',
    '1198765432a',
    '98765-4321', // no DDD
    '(11) 88765-4321', // 9 digits must start with 9
    '(11) 1234-5678', // 8 digits starting 0/1 are service numbers
    '(11) 0234-5678',
    '+55 11 98765-43210', // too long
    '+55 11 9876-543', // too short
    '+1234567', // 7 digits
    '+1234567890123456', // 16 digits
    '+0123456789', // country codes never start with 0
    '120363025246125486@g.us', // WhatsApp group, not a person
    '11 98765-4321 ramal 20',
    '11+987654321',
  ])('rejects %j', (raw) => {
    expect(normalizePhone(raw)).toEqual(invalid);
  });

  it('accepts foreign numbers written with + as they are', () => {
    expect(normalizePhone('+1 (415) 555-2671')).toEqual(ok('+14155552671'));
    expect(normalizePhone('+351 912 345 678')).toEqual(ok('+351912345678'));
    expect(normalizePhone('351912345678@s.whatsapp.net')).toEqual(ok('+351912345678'));
  });

  it('with no default country, bare digits are read as international', () => {
    expect(normalizePhone('14155552671', null)).toEqual(ok('+14155552671'));
    expect(normalizePhone('5511987654321', null)).toEqual(ok('+5511987654321'));
  });

  it('is idempotent', () => {
    for (const raw of ['(11) 98765-4321', '(11) 3456-7890', '+14155552671', '55 11 8765-4321']) {
      const first = normalizePhone(raw);
      if (!first.ok) throw new Error(`expected ${raw} to be valid`);
      expect(normalizePhone(first.e164)).toEqual(first);
    }
  });
});

describe('PhoneSchema', () => {
  it('normalises at the boundary', () => {
    expect(PhoneSchema.parse('(11) 98765-4321')).toBe('+5511987654321');
    expect(PhoneSchema.safeParse('not a phone').success).toBe(false);
  });
});

describe('phoneKey', () => {
  it('is the same with or without the ninth digit', () => {
    expect(phoneKey('+5511987654321')).toBe('+5511987654321');
    expect(phoneKey('+551187654321')).toBe('+5511987654321');
    expect(phoneKey('5511987654321@s.whatsapp.net')).toBe(phoneKey('551187654321@s.whatsapp.net'));
  });

  it('does not confuse a landline with a mobile', () => {
    expect(phoneKey('+551134567890')).toBe('+551134567890');
    expect(phoneKey('+551134567890')).not.toBe(phoneKey('+5511934567890'));
  });

  it('is null for garbage', () => {
    expect(phoneKey('hello')).toBeNull();
  });
});

describe('brazilianVariants', () => {
  it('lists both spellings of a mobile, canonical first', () => {
    const expected = ['+5511987654321', '+551187654321'];
    expect(brazilianVariants('+5511987654321')).toEqual(expected);
    expect(brazilianVariants('+551187654321')).toEqual(expected);
  });

  it('has a single spelling for landlines and foreign numbers', () => {
    expect(brazilianVariants('+551134567890')).toEqual(['+551134567890']);
    expect(brazilianVariants('+14155552671')).toEqual(['+14155552671']);
  });

  it('has no legacy spelling for mobiles issued after the ninth digit (9 1xxx-xxxx)', () => {
    // Dropping the 9 would turn it into a number that is not a mobile.
    expect(brazilianVariants('+5511912345678')).toEqual(['+5511912345678']);
  });

  it('is empty for invalid input', () => {
    expect(brazilianVariants('123')).toEqual([]);
  });
});

describe('maskPhone', () => {
  it('hides the middle of a mobile', () => {
    expect(maskPhone('+5511987654321')).toBe('+55 11 9****-4321');
    expect(maskPhone('551187654321@s.whatsapp.net')).toBe('+55 11 9****-4321');
  });

  it('hides the middle of a landline', () => {
    expect(maskPhone('+551134567890')).toBe('+55 11 3***-7890');
  });

  it('hides the middle of a foreign number', () => {
    expect(maskPhone('+14155552671')).toBe('+14 *****2671');
  });

  it('never echoes input it cannot parse', () => {
    expect(maskPhone('call me at 11 98765 4321')).toBe('***');
  });
});
