import { useState } from 'react';
import { editQuoteBodySchema, type OrderDetail } from '../../../core/contracts';
import { m } from '../messages';
import { Button } from '../ui/components';
import { brl, parseReais, reais } from '../ui/format';

type Quote = OrderDetail['quotes'][number];
interface Row {
  key: number;
  kind: 'part' | 'labour';
  description: string;
  quantity: string;
  price: string;
  optional: boolean;
}
let seq = 0;

const toRows = (q: Quote | undefined): Row[] =>
  (q?.lines ?? []).map((l) => ({
    key: ++seq,
    kind: l.kind,
    description: l.description,
    quantity: String(l.quantity).replace('.', ','),
    price: reais(l.unitPriceCents),
    optional: l.optional,
  }));

const qty = (s: string) => Number(s.trim().replace(',', '.'));

/** Edits the lines of the current quote; saving creates a new version sent to the customer. */
export const QuoteEditor = ({ quote, onSave, onCancel, busy }: { quote: Quote | undefined; onSave: (body: unknown) => void; onCancel: () => void; busy: boolean }) => {
  const [rows, setRows] = useState<Row[]>(() => (quote ? toRows(quote) : [{ key: ++seq, kind: 'part', description: '', quantity: '1', price: '', optional: false }]));
  const [error, setError] = useState<string | null>(null);
  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const total = rows.reduce((s, r) => s + Math.round((parseReais(r.price) ?? 0) * (Number.isFinite(qty(r.quantity)) ? qty(r.quantity) : 0)), 0);

  const save = () => {
    const lines = rows.map((r) => ({
      kind: r.kind,
      description: r.description,
      quantity: qty(r.quantity),
      unitPriceCents: parseReais(r.price) ?? -1,
      optional: r.optional,
    }));
    const parsed = editQuoteBodySchema.safeParse({ lines });
    if (!parsed.success) {
      setError(m.common.validation);
      return;
    }
    setError(null);
    onSave(parsed.data);
  };

  return (
    <div className="quote-editor">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{m.catalogue.kind}</th>
              <th scope="col">{m.orders.description}</th>
              <th scope="col">{m.orders.quantity}</th>
              <th scope="col">{m.orders.unitPrice}</th>
              <th scope="col" className="num">
                {m.orders.lineTotal}
              </th>
              <th scope="col">
                <span className="sr-only">{m.orders.removeLine}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                <td data-label={m.catalogue.kind}>
                  <select aria-label={`${m.catalogue.kind} ${i + 1}`} value={r.kind} onChange={(e) => set(r.key, { kind: e.target.value as Row['kind'] })}>
                    <option value="part">Peça</option>
                    <option value="labour">Mão de obra</option>
                  </select>
                </td>
                <td data-label={m.orders.description}>
                  <input aria-label={`${m.orders.description} ${i + 1}`} value={r.description} onChange={(e) => set(r.key, { description: e.target.value })} />
                </td>
                <td data-label={m.orders.quantity}>
                  <input aria-label={`${m.orders.quantity} ${i + 1}`} inputMode="decimal" className="narrow" value={r.quantity} onChange={(e) => set(r.key, { quantity: e.target.value })} />
                </td>
                <td data-label={m.orders.unitPrice}>
                  <input aria-label={`${m.orders.unitPrice} ${i + 1}`} inputMode="decimal" className="narrow" value={r.price} onChange={(e) => set(r.key, { price: e.target.value })} />
                </td>
                <td className="num" data-label={m.orders.lineTotal}>
                  {brl(Math.round((parseReais(r.price) ?? 0) * (Number.isFinite(qty(r.quantity)) ? qty(r.quantity) : 0)))}
                </td>
                <td>
                  <Button variant="ghost" aria-label={`${m.orders.removeLine} ${i + 1}`} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} disabled={rows.length <= 1}>
                    ×
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="quote-total">
        {m.orders.total}: <strong>{brl(total)}</strong>
      </p>
      <div className="row">
        <Button variant="secondary" onClick={() => setRows((rs) => [...rs, { key: ++seq, kind: 'part', description: '', quantity: '1', price: '', optional: false }])}>
          {m.orders.addLine}
        </Button>
        <Button busy={busy} onClick={save}>
          {m.orders.saveQuote}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {m.common.cancel}
        </Button>
      </div>
    </div>
  );
};
