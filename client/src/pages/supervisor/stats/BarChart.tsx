import { For } from 'solid-js';
import { st } from '../../../lib/i18n/supervisor';
import { formatNumber } from '../format';
import { niceMax, type Bar } from './chart-data';

const ROW = 28;
const LABEL_W = 130;
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

/** Vertical bars over days, oldest on the left. The SVG stretches to the card; labels stay HTML text, readable on a phone. */
export function DayChart(props: { title: string; days: { day: string; count: number }[] }) {
  const max = () => niceMax(Math.max(0, ...props.days.map((d) => d.count)));
  const n = () => Math.max(1, props.days.length);
  return (
    <figure class="card chart">
      <figcaption>{props.title}</figcaption>
      <div class="day-chart">
        <div class="day-axis" aria-hidden="true">
          <span>{formatNumber(max())}</span>
          <span>0</span>
        </div>
        <svg
          viewBox={`0 0 ${n() * 10} 100`}
          preserveAspectRatio="none"
          role="img"
          aria-label={summary(props.title, props.days.filter((d) => d.count > 0).map((d) => ({ key: d.day, label: d.day, value: d.count })))}
          data-testid="day-chart"
        >
          <line x1={0} x2={n() * 10} y1={100} y2={100} class="chart-axis" />
          <For each={props.days}>
            {(day, i) => (
              <rect x={i() * 10 + 1} y={100 - (day.count / max()) * 100} width={8} height={(day.count / max()) * 100} class="chart-bar" data-day={day.day}>
                <title>{`${day.day}: ${day.count}`}</title>
              </rect>
            )}
          </For>
        </svg>
        <div class="day-labels" style={{ 'grid-template-columns': `repeat(${n()}, 1fr)` }} aria-hidden="true">
          <For each={props.days}>{(day, i) => <span>{(props.days.length - 1 - i()) % 7 === 0 ? day.day.slice(5) : ''}</span>}</For>
        </div>
      </div>
    </figure>
  );
}
