import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { m } from '../messages';

export const Card = ({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) => (
  <section className={`card ${className ?? ''}`}>
    {(title || actions) && (
      <header className="card-head">
        {title && <h2>{title}</h2>}
        {actions && <div className="card-actions">{actions}</div>}
      </header>
    )}
    {children}
  </section>
);

export const Badge = ({ tone = 'neutral', children }: { tone?: 'neutral' | 'info' | 'success' | 'warning' | 'danger'; children: ReactNode }) => (
  <span className={`badge badge-${tone}`}>{children}</span>
);

export const STATUS_TONE: Record<string, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  aberta: 'neutral',
  orcamento_enviado: 'info',
  aprovada: 'info',
  em_execucao: 'warning',
  aguardando_pecas: 'warning',
  pronta: 'success',
  entregue: 'success',
  recusada: 'danger',
  cancelada: 'danger',
  paid: 'success',
  pending: 'warning',
  failed: 'danger',
  sent: 'info',
  approved: 'success',
  superseded: 'neutral',
  rejected: 'danger',
};

export const Button = ({
  variant = 'primary',
  busy,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; busy?: boolean }) => (
  <button type="button" {...rest} className={`btn btn-${variant} ${rest.className ?? ''}`} disabled={rest.disabled || busy} aria-busy={busy || undefined}>
    {children}
  </button>
);

/** A list's filter bar (role="search"): its fields, then a submit button; Enter submits too. */
export const FilterForm = ({ onSubmit, submitLabel, children }: { onSubmit: () => void; submitLabel: string; children: ReactNode }) => (
  <form
    className="filters"
    role="search"
    onSubmit={(e) => {
      e.preventDefault();
      onSubmit();
    }}
  >
    {children}
    <Button type="submit" variant="secondary">
      {submitLabel}
    </Button>
  </form>
);

export const Field = ({
  label,
  error,
  hint,
  grow,
  ...rest
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string | undefined; hint?: string; grow?: boolean }) => {
  const id = useId();
  return (
    <div className={`field ${grow ? 'grow' : ''} ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error || hint ? `${id}-msg` : undefined} {...rest} />
      {(error || hint) && (
        <small id={`${id}-msg`} className={error ? 'field-error' : 'field-hint'}>
          {error ?? hint}
        </small>
      )}
    </div>
  );
};

export const Select = ({
  label,
  options,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: { value: string; label: string }[] }) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
};

export interface Column<T> {
  readonly key: string;
  readonly header: ReactNode;
  readonly render: (row: T) => ReactNode;
  readonly numeric?: boolean;
}

export const Table = <T,>({ columns, rows, rowKey, caption }: { columns: Column<T>[]; rows: T[]; rowKey: (r: T) => string; caption?: string }) => (
  <div className="table-wrap">
    <table className="table">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)}>
            {columns.map((c) => (
              <td key={c.key} data-label={typeof c.header === 'string' ? c.header : undefined} className={c.numeric ? 'num' : undefined}>
                {c.render(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const Skeleton = ({ lines = 3, label = m.common.loading }: { lines?: number; label?: string }) => (
  <div className="skeleton" role="status" aria-label={label} aria-busy="true">
    {Array.from({ length: lines }, (_, i) => (
      <div key={i} className="skeleton-line" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
    ))}
  </div>
);

export const EmptyState = ({ children }: { children?: ReactNode }) => (
  <div className="empty">
    <span aria-hidden="true" className="empty-icon">
      ○
    </span>
    <p>{children ?? m.common.empty}</p>
  </div>
);

export const ErrorState = ({ message, onRetry }: { message?: string; onRetry?: () => void }) => (
  <div className="error-state" role="alert">
    <p>{message ?? m.common.error}</p>
    {onRetry && (
      <Button variant="secondary" onClick={onRetry}>
        {m.common.retry}
      </Button>
    )}
  </div>
);

export const PageHeader = ({ title, children }: { title: string; children?: ReactNode }) => (
  <div className="page-head">
    <h1>{title}</h1>
    {children && <div className="page-actions">{children}</div>}
  </div>
);

export const Pager = ({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) => {
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (last <= 1) return null;
  return (
    <nav className="pager" aria-label="Paginação">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {m.common.previous}
      </Button>
      <span>
        {page} / {last}
      </span>
      <Button variant="secondary" disabled={page >= last} onClick={() => onPage(page + 1)}>
        {m.common.next}
      </Button>
    </nav>
  );
};

/**
 * One page of rows from the API, in the admin's usual states: a skeleton while loading,
 * the error with a retry button, the table with its pager, or the empty state.
 */
export const PagedTable = <T,>({
  state,
  columns,
  rowKey,
  caption,
  empty,
  onPage,
  skeletonLines = 6,
}: {
  state: { data: { items: T[]; page: number; pageSize: number; total: number } | null; error: { message: string } | null; loading: boolean; reload: () => void };
  columns: Column<T>[];
  rowKey: (r: T) => string;
  caption: string;
  empty: ReactNode;
  onPage: (p: number) => void;
  skeletonLines?: number;
}) => (
  <>
    {state.loading && <Skeleton lines={skeletonLines} />}
    {state.error && <ErrorState message={state.error.message} onRetry={state.reload} />}
    {state.data &&
      (state.data.items.length ? (
        <>
          <Table caption={caption} rows={state.data.items} rowKey={rowKey} columns={columns} />
          <Pager page={state.data.page} pageSize={state.data.pageSize} total={state.data.total} onPage={onPage} />
        </>
      ) : (
        <EmptyState>{empty}</EmptyState>
      ))}
  </>
);
