import { For } from 'solid-js';
import { st } from '../../../lib/i18n/supervisor';
import { formatNumber } from '../format';
import { niceMax, type Bar } from './chart-data';

const ROW = 26;
const LABEL_W = 120;
const BAR_W = 240;
const WIDTH = LABEL_W + BAR_W + 50;

const summary = (title: string, bars: Bar[]) => st('chartSummary', { title, values: bars.map((bar) => `${bar.label} ${bar.value}`).join(', ') });

/** Horizontal bars with their labels and values: one per category. */
export function BarChart(props: { title: string; bars: Bar[] }) {
  const max = () => niceMax(Math.max(0, ...props.bars.map((bar) => bar.value)));
  return (
    <figure class="card chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${props.bars.length * ROW + 4}`} role="img" aria-label={summary(props.title, props.bars)} data-testid="bar-chart">
        <For each={props.bars}>
          {(bar, i) => (
            <g transform={`translate(0 ${i() * ROW + 2})`} data-key={bar.key}>
              <text x={LABEL_W - 8} y={ROW / 2} class="chart-label" text-anchor="end" dominant-baseline="middle">
                {bar.label}
              </text>
              <rect x={LABEL_W} y={3} width={BAR_W} height={ROW - 6} class="chart-track" rx={3} />
              <rect x={LABEL_W} y={3} width={(bar.value / max()) * BAR_W} height={ROW - 6} class="chart-bar" rx={3}>
                <title>{`${bar.label}: ${bar.value}`}</title>
              </rect>
              <text x={LABEL_W + BAR_W + 6} y={ROW / 2} class="chart-value" dominant-baseline="middle">
                {formatNumber(bar.value)}
              </text>
            </g>
          )}
        </For>
      </svg>
    </figure>
  );
}

const COL_H = 120;

/** Vertical bars over days, oldest on the left; a date under every seventh. */
export function DayChart(props: { title: string; days: { day: string; count: number }[] }) {
  const max = () => niceMax(Math.max(0, ...props.days.map((d) => d.count)));
  const step = () => 600 / Math.max(1, props.days.length);
  return (
    <figure class="card chart">
      <figcaption>{props.title}</figcaption>
      <svg
        viewBox={`0 0 640 ${COL_H + 30}`}
        role="img"
        aria-label={summary(props.title, props.days.filter((d) => d.count > 0).map((d) => ({ key: d.day, label: d.day, value: d.count })))}
        data-testid="day-chart"
      >
        <text x={0} y={10} class="chart-value">
          {max()}
        </text>
        <line x1={36} x2={640} y1={COL_H} y2={COL_H} class="chart-axis" />
        <For each={props.days}>
          {(day, i) => (
            <g transform={`translate(${36 + i() * step()} 0)`}>
              <rect x={1} y={COL_H - (day.count / max()) * (COL_H - 14)} width={Math.max(1, step() - 2)} height={(day.count / max()) * (COL_H - 14)} class="chart-bar">
                <title>{`${day.day}: ${day.count}`}</title>
              </rect>
              {(props.days.length - 1 - i()) % 7 === 0 && (
                <text x={step() / 2} y={COL_H + 18} class="chart-label" text-anchor="middle">
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          )}
        </For>
      </svg>
    </figure>
  );
}
