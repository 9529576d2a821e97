// Markdown tables and a hand-written SVG chart of ack latency against concurrency.
type Row = Record<string, unknown>;

export function table(rows: Row[], columns: [label: string, key: string][]): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '–' : Array.isArray(value) ? value.join(', ') : String(value));
  return [
    `| ${columns.map(([label]) => label).join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${columns.map(([, key]) => cell(row[key])).join(' | ')} |`),
  ].join('\n');
}

/** A key/value table of one object. */
export function facts(object: Row, labels: Record<string, string>): string {
  return table(
    Object.entries(labels).map(([key, label]) => ({ label, value: object[key] })),
    [
      ['measure', 'label'],
      ['value', 'value'],
    ],
  );
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Lines of p50 and p99 ack latency (ms) per concurrency level, x on a log scale, with the 50 ms bar. */
export function latencySvg(rows: { speakers: number; ackP50: number | null; ackP99: number | null }[], barMs: number): string {
  const width = 640;
  const height = 360;
  const left = 60;
  const right = 20;
  const top = 30;
  const bottom = 50;
  const xs = rows.map((r) => r.speakers);
  const ys = rows.flatMap((r) => [r.ackP50 ?? 0, r.ackP99 ?? 0]);
  const maxY = Math.max(barMs * 1.5, ...ys) * 1.1;
  const minX = Math.log10(Math.min(...xs, 10));
  const maxX = Math.log10(Math.max(...xs, 20));
  const x = (v: number) => left + ((Math.log10(v) - minX) / (maxX - minX || 1)) * (width - left - right);
  const y = (v: number) => height - bottom - (v / maxY) * (height - top - bottom);
  const line = (key: 'ackP50' | 'ackP99', color: string) => {
    const points = rows.filter((r) => r[key] !== null).map((r) => `${x(r.speakers).toFixed(1)},${y(r[key]!).toFixed(1)}`);
    const dots = points.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${color}"/>`).join('');
    return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>${dots}`;
  };
  const yTicks = Array.from({ length: 6 }, (_, i) => (maxY / 5) * i);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">Chunk ack latency against concurrent speakers</text>`,
    ...yTicks.map(
      (v) =>
        `<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Math.round(v)}</text>`,
    ),
    ...xs.map((v) => `<text x="${x(v).toFixed(1)}" y="${height - bottom + 18}" text-anchor="middle">${v}</text>`),
    `<line x1="${left}" x2="${width - right}" y1="${y(barMs).toFixed(1)}" y2="${y(barMs).toFixed(1)}" stroke="#c00" stroke-dasharray="6 4"/>`,
    `<text x="${width - right}" y="${(y(barMs) - 5).toFixed(1)}" text-anchor="end" fill="#c00">${barMs} ms bar (p99)</text>`,
    line('ackP50', '#1f77b4'),
    line('ackP99', '#ff7f0e'),
    `<text x="${width / 2}" y="${height - 12}" text-anchor="middle">concurrent speakers (log scale)</text>`,
    `<text transform="translate(16 ${height / 2}) rotate(-90)" text-anchor="middle">ack latency, ms</text>`,
    `<rect x="${left + 10}" y="${top + 4}" width="12" height="3" fill="#1f77b4"/><text x="${left + 28}" y="${top + 9}">p50</text>`,
    `<rect x="${left + 60}" y="${top + 4}" width="12" height="3" fill="#ff7f0e"/><text x="${left + 78}" y="${top + 9}">p99</text>`,
    `</svg>`,
  ]
    .map((part) => (part.startsWith('<') ? part : escape(part)))
    .join('\n');
}
