/** Tiny dependency-free SVG charts; the numbers are also given as text for screen readers. */
export interface Datum {
  readonly label: string;
  readonly value: number;
}

export const BarChart = ({ data, title, format = String }: { data: Datum[]; title: string; format?: (n: number) => string }) => {
  const max = Math.max(1, ...data.map((d) => d.value));
  const rowH = 28;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 320 ${data.length * rowH}`} role="img" aria-label={title} preserveAspectRatio="xMinYMin meet">
        {data.map((d, i) => {
          const w = (d.value / max) * 170;
          return (
            <g key={d.label} transform={`translate(0 ${i * rowH})`}>
              <text x="0" y="18" className="chart-label">
                {d.label}
              </text>
              <rect x="120" y="6" width={Math.max(w, 2)} height="16" rx="3" className="chart-bar" />
              <text x={126 + w} y="19" className="chart-value">
                {format(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
};

export const LineChart = ({ data, title, format = String }: { data: Datum[]; title: string; format?: (n: number) => string }) => {
  const W = 320;
  const H = 120;
  const pad = 8;
  const max = Math.max(1, ...data.map((d) => d.value));
  const step = data.length > 1 ? (W - pad * 2) / (data.length - 1) : 0;
  const pts = data.map((d, i) => [pad + i * step, H - pad - (d.value / max) * (H - pad * 2)] as const);
  const path = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const total = data.reduce((s, d) => s + d.value, 0);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${format(total)}`} preserveAspectRatio="none">
        <line x1={pad} x2={W - pad} y1={H - pad} y2={H - pad} className="chart-axis" />
        {pts.length > 0 && <path d={`${path} L${pts[pts.length - 1]![0]},${H - pad} L${pad},${H - pad} Z`} className="chart-area" />}
        <path d={path} className="chart-line" fill="none" />
      </svg>
      <figcaption className="chart-caption">
        <span>{data[0]?.label}</span>
        <span>{data[data.length - 1]?.label}</span>
      </figcaption>
    </figure>
  );
};
