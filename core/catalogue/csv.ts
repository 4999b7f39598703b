import { isServiceCode } from '../domain/services';
import { catalogueItemSchema, type CatalogueItem, type CatalogueKind } from './types';

/**
 * Catalogue import/export in the CSV dialect Brazilian Excel reads and writes:
 * `;` between fields (the comma is the decimal separator), prices as "89,90",
 * UTF-8 with BOM (without it Excel garbles accents), CRLF line endings.
 */
export const CATALOGUE_CSV_COLUMNS = [
  'sku',
  'servico',
  'familia',
  'tipo',
  'descricao',
  'preco',
  'quantidade',
  'minutos',
  'ativo',
] as const;

type Column = (typeof CATALOGUE_CSV_COLUMNS)[number];

export interface CsvError {
  /** 1-based physical line where the offending record starts (header = 1). */
  readonly line: number;
  /** pt-BR, shown to the shop owner as is. */
  readonly message: string;
}

export type FromCsvResult =
  | { readonly ok: true; readonly items: CatalogueItem[] }
  | { readonly ok: false; readonly errors: CsvError[] };

export interface ToCsvOptions {
  /** Prefix a UTF-8 BOM so Excel detects the encoding. Default true. */
  readonly bom?: boolean;
  /** Default "\r\n", as Excel writes. */
  readonly eol?: '\r\n' | '\n';
}

const SEP = ';';

const MESSAGES = {
  empty: 'Arquivo vazio: a primeira linha deve ser o cabeçalho.',
  wrongSeparator: 'O arquivo deve usar ponto e vírgula (;) como separador, como o Excel salva em português.',
  missingColumn: (c: string) => `Coluna obrigatória ausente no cabeçalho: "${c}".`,
  duplicateColumn: (c: string) => `Coluna repetida no cabeçalho: "${c}".`,
  unclosedQuote: 'Aspas abertas e não fechadas neste campo.',
  columnCount: (got: number, want: number) => `A linha tem ${got} colunas; o cabeçalho tem ${want}.`,
  required: (c: string) => `O campo "${c}" é obrigatório.`,
  service: (v: string) => `Serviço desconhecido: "${v}". Use um código como oil_change, chain_kit, diagnosis.`,
  family: (v: string) => `Família de moto desconhecida: "${v}". Deixe vazio para valer para qualquer moto.`,
  kind: (v: string) => `Tipo inválido: "${v}". Use "peca" ou "mao_de_obra".`,
  price: (v: string) => `Preço inválido: "${v}". Use o formato 89,90.`,
  quantity: (v: string) => `Quantidade inválida: "${v}". Use um número positivo, como 1 ou 1,5.`,
  minutes: (v: string) => `Minutos inválidos: "${v}". Use um número inteiro, como 30.`,
  active: (v: string) => `Valor inválido em "ativo": "${v}". Use "sim" ou "nao".`,
  duplicateSku: (sku: string, first: number) => `SKU "${sku}" repetido (já usado na linha ${first}).`,
  partWithMinutes: 'Peça não leva minutos: deixe "minutos" em 0.',
  labourWithPrice: 'Mão de obra não leva preço: é calculada pelos minutos × valor da hora. Deixe "preco" em 0.',
  labourWithoutMinutes: 'Mão de obra precisa de "minutos" maior que zero.',
  labourQuantity: 'Mão de obra usa quantidade 1.',
  invalidField: (c: string) => `Valor inválido no campo "${c}".`,
} as const;

const FIELD_TO_COLUMN: Record<string, Column> = {
  sku: 'sku',
  serviceCode: 'servico',
  familyId: 'familia',
  kind: 'tipo',
  description: 'descricao',
  priceCents: 'preco',
  quantity: 'quantidade',
  labourMinutes: 'minutos',
  active: 'ativo',
};

// ---------- export ----------

const formatCents = (cents: number): string =>
  `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

const formatQuantity = (q: number): string => String(q).replace('.', ',');

const quote = (field: string): string =>
  /[;"\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;

export const toCsv = (items: readonly CatalogueItem[], options: ToCsvOptions = {}): string => {
  const eol = options.eol ?? '\r\n';
  const rows = items.map((i) =>
    [
      i.sku,
      i.serviceCode,
      i.familyId ?? '',
      i.kind === 'part' ? 'peca' : 'mao_de_obra',
      i.description,
      formatCents(i.priceCents),
      formatQuantity(i.quantity),
      String(i.labourMinutes),
      i.active ? 'sim' : 'nao',
    ]
      .map(quote)
      .join(SEP),
  );
  const body = [CATALOGUE_CSV_COLUMNS.join(SEP), ...rows].join(eol) + eol;
  return ((options.bom ?? true) ? '\uFEFF' : '') + body;
};

// ---------- tokenising ----------

interface RawRecord {
  readonly line: number;
  readonly fields: string[];
}

/** RFC 4180 with `;`; tolerant of LF, CRLF and lone CR line endings. */
const tokenise = (text: string): { records: RawRecord[]; error?: CsvError } => {
  const records: RawRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteStartLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      quoteStartLine = line;
      field = '';
    } else if (c === SEP) {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) return { records, error: { line: quoteStartLine, message: MESSAGES.unclosedQuote } };
  if (field !== '' || fields.length > 0) endRecord();
  return { records };
};

const isBlank = (r: RawRecord): boolean => r.fields.every((f) => f.trim() === '');

// ---------- field parsing ----------

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** "89,90", "89,9", "1.234,56", "R$ 89,90", "89.90", "89" → centavos. */
const parsePrice = (raw: string): Parsed<number> => {
  const s = raw.replace(/^R\$\s*/i, '').replace(/\s/g, '');
  let normalised: string | null = null;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s) || /^\d+(,\d{1,2})?$/.test(s)) {
    normalised = s.replace(/\./g, '').replace(',', '.');
  } else if (/^\d+(\.\d{1,2})?$/.test(s)) {
    normalised = s;
  }
  if (normalised === null) return fail(MESSAGES.price(raw));
  const [reais = '0', centavos = ''] = normalised.split('.');
  return ok(Number(reais) * 100 + Number(centavos.padEnd(2, '0')));
};

const parseQuantity = (raw: string): Parsed<number> => {
  const s = raw.replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,3})?$/.test(s)) return fail(MESSAGES.quantity(raw));
  const q = Number(s);
  return q > 0 ? ok(q) : fail(MESSAGES.quantity(raw));
};

const parseMinutes = (raw: string): Parsed<number> =>
  /^\d+$/.test(raw.trim()) ? ok(Number(raw.trim())) : fail(MESSAGES.minutes(raw));

const fold = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s-]+/g, '_');

const KINDS: Record<string, CatalogueKind> = {
  peca: 'part',
  part: 'part',
  mao_de_obra: 'labour',
  mo: 'labour',
  servico: 'labour',
  labour: 'labour',
  labor: 'labour',
};
const parseKind = (raw: string): Parsed<CatalogueKind> => {
  const kind = KINDS[fold(raw)];
  return kind ? ok(kind) : fail(MESSAGES.kind(raw));
};

const BOOLEANS: Record<string, boolean> = {
  sim: true, s: true, true: true, '1': true, yes: true, ativo: true,
  nao: false, n: false, false: false, '0': false, no: false, inativo: false,
};
const parseActive = (raw: string): Parsed<boolean> => {
  if (raw.trim() === '') return ok(true);
  const value = BOOLEANS[fold(raw)];
  return value === undefined ? fail(MESSAGES.active(raw)) : ok(value);
};

// ---------- import ----------

type Header = Record<Column, number>;

const readHeader = (record: RawRecord): { header?: Header; errors: CsvError[] } => {
  const names = record.fields.map(fold);
  if (names.length === 1 && /[,\t]/.test(record.fields[0] ?? '')) {
    return { errors: [{ line: record.line, message: MESSAGES.wrongSeparator }] };
  }
  const errors: CsvError[] = [];
  const header: Partial<Header> = {};
  for (const column of CATALOGUE_CSV_COLUMNS) {
    const at = names.indexOf(column);
    if (at === -1) errors.push({ line: record.line, message: MESSAGES.missingColumn(column) });
    else if (names.indexOf(column, at + 1) !== -1) {
      errors.push({ line: record.line, message: MESSAGES.duplicateColumn(column) });
    } else header[column] = at;
  }
  return errors.length > 0 ? { errors } : { header: header as Header, errors };
};

const crossFieldMessage = (path: PropertyKey | undefined, kind: CatalogueKind): string => {
  if (path === 'labourMinutes') return kind === 'part' ? MESSAGES.partWithMinutes : MESSAGES.labourWithoutMinutes;
  if (path === 'priceCents' && kind === 'labour') return MESSAGES.labourWithPrice;
  if (path === 'quantity' && kind === 'labour') return MESSAGES.labourQuantity;
  return MESSAGES.invalidField(FIELD_TO_COLUMN[String(path)] ?? String(path));
};

const readItem = (record: RawRecord, header: Header): { item?: CatalogueItem; messages: string[] } => {
  const get = (c: Column): string => (record.fields[header[c]] ?? '').trim();
  const messages: string[] = [];
  const take = <T>(p: Parsed<T>, fallback: T): T => {
    if (p.ok) return p.value;
    messages.push(p.message);
    return fallback;
  };
  for (const c of ['sku', 'servico', 'tipo', 'descricao', 'preco', 'quantidade', 'minutos'] as const) {
    if (get(c) === '') messages.push(MESSAGES.required(c));
  }
  if (messages.length > 0) return { messages };
  const service = get('servico');
  if (!isServiceCode(service)) messages.push(MESSAGES.service(service));
  const candidate = {
    sku: get('sku'),
    serviceCode: service,
    familyId: get('familia') === '' ? null : get('familia').toLowerCase(),
    kind: take(parseKind(get('tipo')), 'part' as CatalogueKind),
    description: get('descricao'),
    priceCents: take(parsePrice(get('preco')), 0),
    quantity: take(parseQuantity(get('quantidade')), 1),
    labourMinutes: take(parseMinutes(get('minutos')), 0),
    active: take(parseActive(get('ativo')), true),
  };
  if (messages.length > 0) return { messages };
  const parsed = catalogueItemSchema.safeParse(candidate);
  if (parsed.success) return { item: parsed.data, messages };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    messages.push(field === 'familyId' ? MESSAGES.family(get('familia')) : crossFieldMessage(field, candidate.kind));
  }
  return { messages: [...new Set(messages)] };
};

export const fromCsv = (text: string): FromCsvResult => {
  const { records, error } = tokenise(text.replace(/^\uFEFF/, ''));
  if (error) return { ok: false, errors: [error] };
  const [headerRecord, ...rows] = records.filter((r) => !isBlank(r));
  if (!headerRecord) return { ok: false, errors: [{ line: 1, message: MESSAGES.empty }] };
  const { header, errors } = readHeader(headerRecord);
  if (!header) return { ok: false, errors };
  const items: CatalogueItem[] = [];
  const firstSeen = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length !== headerRecord.fields.length) {
      errors.push({ line: row.line, message: MESSAGES.columnCount(row.fields.length, headerRecord.fields.length) });
      continue;
    }
    const { item, messages } = readItem(row, header);
    errors.push(...messages.map((message) => ({ line: row.line, message })));
    // Checked on every row, valid or not, so a fix on one line can't hide a clash.
    const sku = (row.fields[header.sku] ?? '').trim();
    const first = firstSeen.get(sku);
    if (sku !== '' && first !== undefined) errors.push({ line: row.line, message: MESSAGES.duplicateSku(sku, first) });
    else if (sku !== '') firstSeen.set(sku, row.line);
    if (item) items.push(item);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
};
