import { render } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { EMOTIONS, LOCALES } from '@emovox/server/protocol';
import { setLocale } from '../../../lib/i18n';
import { BarChart, DayChart } from './BarChart';
import { audioAmount, barsOf, dailySeries, niceMax } from './chart-data';

describe('statistics chart data', () => {
  it('when counts come by emotion, then bars follow the vocabulary order and keep zeros', () => {
    const bars = barsOf({ anger: 3, joy: 5 }, EMOTIONS, (key) => key.toUpperCase());
    expect(bars.map((bar) => [bar.key, bar.value])).toEqual([
      ['joy', 5],
      ['sadness', 0],
      ['anger', 3],
      ['disgust', 0],
      ['fear', 0],
      ['neutral', 0],
    ]);
    expect(bars[0]!.label).toBe('JOY');
  });

  it('when a key outside the vocabulary has takes, then it comes last; with none, it is left out', () => {
    expect(barsOf({ fr: 1, en: 2, unknown: 4 }, LOCALES, String).map((bar) => bar.key)).toEqual(['fr', 'en', 'unknown']);
    expect(barsOf({ fr: 1, en: 2, unknown: 0 }, LOCALES, String).map((bar) => bar.key)).toEqual(['fr', 'en']);
  });

  it('when days are missing from perDay, then the series fills them with zero, oldest first, ending today (UTC)', () => {
    const series = dailySeries(
      [
        { day: '2026-11-18', count: 2, seconds: 9 },
        { day: '2026-11-20', count: 5, seconds: 20 },
        { day: '2026-10-01', count: 7, seconds: 30 },
      ],
      4,
      new Date('2026-11-20T23:30:00Z'),
    );
    expect(series.map((d) => [d.day, d.count])).toEqual([
      ['2026-11-17', 0],
      ['2026-11-18', 2],
      ['2026-11-19', 0],
      ['2026-11-20', 5],
    ]);
  });

  it('when choosing the axis top, then it is a round 1, 2 or 5 step at or above the largest value', () => {
    expect([0, 1, 3, 7, 10, 11, 180, 2001].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 200, 5000]);
  });

  it('when totalling audio, then seconds, minutes and hours read in the fitting unit', () => {
    expect(audioAmount(8.4)).toEqual({ unit: 'seconds', value: 8 });
    expect(audioAmount(150)).toEqual({ unit: 'minutes', value: 2.5 });
    expect(audioAmount(5400)).toEqual({ unit: 'hours', value: 1.5 });
    expect(audioAmount(36_000 * 1.26)).toEqual({ unit: 'hours', value: 13 });
  });

  it('when a bar chart is drawn, then bar widths are proportional and the chart is named with its values', () => {
    setLocale('en');
    const { container } = render(() => (
      <BarChart
        title="By review"
        bars={[
          { key: 'pending', label: 'Pending', value: 10 },
          { key: 'accepted', label: 'Accepted', value: 5 },
          { key: 'rejected', label: 'Rejected', value: 0 },
        ]}
      />
    ));
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toBe('By review: Pending 10, Accepted 5, Rejected 0');
    const widths = [...container.querySelectorAll('rect.chart-bar')].map((rect) => Number(rect.getAttribute('width')));
    expect(widths[0]).toBeGreaterThan(0);
    expect(widths[1]).toBeCloseTo(widths[0]! / 2);
    expect(widths[2]).toBe(0);
  });

  it('when the day chart is drawn, then each day has a bar whose height follows its count', () => {
    const { container } = render(() => (
      <DayChart
        title="Per day"
        days={[
          { day: '2026-11-19', count: 1 },
          { day: '2026-11-20', count: 2 },
        ]}
      />
    ));
    const heights = [...container.querySelectorAll('rect.chart-bar')].map((rect) => Number(rect.getAttribute('height')));
    expect(heights).toEqual([50, 100]);
  });
});
