import { describe, expect, it } from 'vitest';
import { CATALOGUE_CSV_COLUMNS, fromCsv, toCsv } from './csv';
import type { CatalogueItem } from './types';

const HEADER = CATALOGUE_CSV_COLUMNS.join(';');

const item = (over: Partial<CatalogueItem> = {}): CatalogueItem => ({
  sku: 'CG160-OLEO',
  serviceCode: 'oil_change',
  familyId: 'cg160',
  kind: 'part',
  description: 'Óleo Mobil 10W30 semissintético (litro)',
  priceCents: 4290,
  quantity: 1,
  labourMinutes: 0,
  active: true,
  ...over,
});

const FIXTURE: CatalogueItem[] = [
  item(),
  item({ sku: 'XRE300-OLEO', familyId: 'xre300', quantity: 1.5, priceCents: 5490 }),
  item({ sku: 'NMAX-OLEO', familyId: 'nmax160', quantity: 0.9, priceCents: 4990 }),
  item({ sku: 'GEN-BAT', serviceCode: 'battery', familyId: null, description: 'Bateria 12V; 5Ah "selada"', priceCents: 123456 }),
  item({ sku: 'GEN-FILTRO', familyId: null, description: 'Filtro\nlinha 2', priceCents: 5, active: false }),
  item({ sku: 'GEN-MO-OLEO', familyId: null, kind: 'labour', description: 'Mão de obra: troca de óleo', priceCents: 0, labourMinutes: 30 }),
];

const csv = (...rows: string[]): string => [HEADER, ...rows].join('\n');

const expectErrors = (text: string) => {
  const result = fromCsv(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};

const expectItems = (text: string) => {
  const result = fromCsv(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.items;
};

describe('toCsv', () => {
  it('writes a BOM, the pt-BR header, CRLF and prices with decimal comma', () => {
    const text = toCsv([FIXTURE[0]!, FIXTURE[1]!]);
    expect(text.startsWith('\uFEFFsku;servico;familia;tipo;descricao;preco;quantidade;minutos;ativo\r\n')).toBe(true);
    expect(text).toContain('CG160-OLEO;oil_change;cg160;peca;Óleo Mobil 10W30 semissintético (litro);42,90;1;0;sim\r\n');
    expect(text).toContain(';54,90;1,5;0;sim');
  });

  it('quotes fields with separators, quotes and line breaks', () => {
    const text = toCsv([FIXTURE[3]!, FIXTURE[4]!], { bom: false, eol: '\n' });
    expect(text).toContain('"Bateria 12V; 5Ah ""selada"""');
    expect(text).toContain('"Filtro\nlinha 2";0,05;1;0;nao');
    expect(text).toContain(';1234,56;');
  });

  it('writes an empty family for generic items and mao_de_obra for labour', () => {
    expect(toCsv([FIXTURE[5]!])).toContain('GEN-MO-OLEO;oil_change;;mao_de_obra;Mão de obra: troca de óleo;0,00;1;30;sim');
  });
});

describe('fromCsv', () => {
  it('round-trips', () => {
    expect(expectItems(toCsv(FIXTURE))).toEqual(FIXTURE);
    expect(expectItems(toCsv(FIXTURE, { bom: false, eol: '\n' }))).toEqual(FIXTURE);
  });

  it('tolerates BOM, CRLF, blank lines and a missing final newline', () => {
    const text = `\uFEFF${HEADER}\r\n\r\nA;battery;;peca;Bateria;200,00;1;0;sim\r\n   \r\nB;battery;;peca;Bateria 2;210,00;1;0;sim`;
    expect(expectItems(text).map((i) => i.sku)).toEqual(['A', 'B']);
  });

  it('accepts the price formats people type in Excel', () => {
    const prices = ['89,90', '89,9', '89', '1.234,56', 'R$ 89,90', '89.90', '1.234'];
    const rows = prices.map((p, n) => `S${n};battery;;peca;Bateria;${p};1;0;sim`);
    expect(expectItems(csv(...rows)).map((i) => i.priceCents)).toEqual([8990, 8990, 8900, 123456, 8990, 8990, 123400]);
  });

  it('reads columns by name, in any order, with accents and any case', () => {
    const text = 'Descrição;SKU;Serviço;Família;Tipo;Preço;Quantidade;Minutos;Ativo\nTroca;M1;oil_change;CG160;Mão de obra;0;1;30;Não';
    expect(expectItems(text)).toEqual([
      {
        sku: 'M1',
        serviceCode: 'oil_change',
        familyId: 'cg160',
        kind: 'labour',
        description: 'Troca',
        priceCents: 0,
        quantity: 1,
        labourMinutes: 30,
        active: false,
      },
    ]);
  });

  it('treats an empty "ativo" as active', () => {
    expect(expectItems(csv('A;battery;;peca;Bateria;200,00;1;0;'))[0]?.active).toBe(true);
  });

  it('reports the starting line of each bad record, in pt-BR', () => {
    const errors = expectErrors(
      csv(
        'A;troca_oleo;;peca;Óleo;42,90;1;0;sim',
        'B;oil_change;titan;peca;Óleo;42,90;1;0;sim',
        'C;oil_change;;peca;"Óleo',
        'multilinha";4x;1;0;sim',
        'D;oil_change;;mao_de_obra;Troca;10,00;1;30;sim',
        'E;oil_change;;peca;Óleo;42,90;1;0;talvez',
        'A;battery;;peca;Bateria;200,00;1;0;sim',
        'F;oil_change;;peca;Óleo;42,90',
      ),
    );
    expect(errors).toEqual([
      { line: 2, message: expect.stringContaining('Serviço desconhecido: "troca_oleo"') },
      { line: 3, message: expect.stringContaining('Família de moto desconhecida: "titan"') },
      { line: 4, message: 'Preço inválido: "4x". Use o formato 89,90.' },
      { line: 6, message: expect.stringContaining('Mão de obra não leva preço') },
      { line: 7, message: expect.stringContaining('"ativo"') },
      { line: 8, message: 'SKU "A" repetido (já usado na linha 2).' },
      { line: 9, message: 'A linha tem 6 colunas; o cabeçalho tem 9.' },
    ]);
  });

  it('rejects labour without minutes, parts with minutes and bad quantities', () => {
    const errors = expectErrors(
      csv(
        'A;oil_change;;mao_de_obra;Troca;0;1;0;sim',
        'B;oil_change;;peca;Óleo;42,90;1;15;sim',
        'C;oil_change;;peca;Óleo;42,90;0;0;sim',
        'D;oil_change;;peca;Óleo;42,90;1,2345;0;sim',
        'E;oil_change;;peca;;42,90;1;0;sim',
      ),
    );
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(errors[0]?.message).toContain('precisa de "minutos"');
    expect(errors[1]?.message).toContain('Peça não leva minutos');
    expect(errors[2]?.message).toContain('Quantidade inválida');
    expect(errors[4]?.message).toBe('O campo "descricao" é obrigatório.');
  });

  it('explains a header with missing columns or the wrong separator', () => {
    expect(expectErrors('sku;servico;familia\nA;battery;')).toEqual(
      ['tipo', 'descricao', 'preco', 'quantidade', 'minutos', 'ativo'].map((c) => ({
        line: 1,
        message: `Coluna obrigatória ausente no cabeçalho: "${c}".`,
      })),
    );
    expect(expectErrors('sku,servico,familia,tipo\nA,battery,,peca')[0]?.message).toContain('ponto e vírgula');
  });

  it('reports an unclosed quote and an empty file', () => {
    expect(expectErrors(csv('A;battery;;peca;"Bateria;200,00;1;0;sim'))).toEqual([
      { line: 2, message: 'Aspas abertas e não fechadas neste campo.' },
    ]);
    expect(expectErrors('\uFEFF\r\n')).toEqual([{ line: 1, message: expect.stringContaining('cabeçalho') }]);
  });

  it('accepts a header-only file as an empty catalogue', () => {
    expect(expectItems(`${HEADER}\r\n`)).toEqual([]);
  });
});
