import { describe, expect, it } from 'vitest';
import { normalize } from './normalize';
import { editDistance } from './fuzzy';

describe('normalize', () => {
  it('lowercases, strips accents and expands abbreviations', () => {
    expect(normalize('Vc faz REVISÃO hj? qto fica pfv').text).toBe('voce faz revisao hoje quanto fica por favor');
  });

  it('collapses stretched letters', () => {
    expect(normalize('oiiii').text).toBe('oi');
    expect(normalize('simmm').text).toBe('sim');
    expect(normalize('carro').text).toBe('carro');
  });

  it('maps yes/no emojis and drops the others', () => {
    expect(normalize('👍').emojiYesNo).toBe('yes');
    expect(normalize('❌').emojiYesNo).toBe('no');
    expect(normalize('valeu 🙏😄').text).toBe('valeu');
  });

  it('fixes small typos in domain words only', () => {
    expect(normalize('oleu pastilia corente revizao orsamento').text).toBe('oleo pastilha corrente revisao orcamento');
    expect(normalize('minha moto').text).toBe('minha moto');
  });

  it('keeps numbers, times and plates intact', () => {
    expect(normalize('32.000 km às 14:30, placa abc-1234').text).toBe('32.000 km as 14:30 placa abc-1234');
  });
});

describe('editDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('oelo', 'oleo')).toBe(1);
    expect(editDistance('oleo', 'oleo')).toBe(0);
  });
});
