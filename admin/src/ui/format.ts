import { formatBRL, money } from '../../../core/domain/money';

export const brl = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '—' : formatBRL(money(cents)));

export const dateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleString('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
};

export const date = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toLocaleDateString('pt-BR');
};

/** "129,90" / "129.90" / "129" → 12990 centavos; null when not a number. */
export const parseReais = (text: string): number | null => {
  const t = text.trim().replace(/^R\$\s*/, '');
  if (!/^\d{1,7}([.,]\d{1,2})?$/.test(t)) return null;
  const [r, c = ''] = t.split(/[.,]/);
  return Number(r) * 100 + Number(c.padEnd(2, '0'));
};

export const reais = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');
