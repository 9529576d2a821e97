import { render, screen, within } from '@solidjs/testing-library';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../../lib/i18n';
import type { PerceptionStats } from '../../../lib/listen-types';
import { ConfusionHeatmap } from './ConfusionHeatmap';
import { confusionGrid, heat, HEAT_MAX, kappaReading, listenerRows } from './listening-data';
import { ListeningStats } from './ListeningStats';

const CONFUSION: PerceptionStats['confusion'] = [
  { intended: 'joy', perceived: 'joy', count: 3 },
  { intended: 'joy', perceived: 'other', count: 1 },
  { intended: 'anger', perceived: 'disgust', count: 2 },
];

const stats = (over: Partial<PerceptionStats> = {}): PerceptionStats => ({
  ratedTakes: 6,
  ratings: 24,
  listeners: 5,
  confusion: CONFUSION,
  recognitionByEmotion: { joy: 0.75, sadness: null, anger: 0, disgust: null, fear: null, neutral: null },
  fleissKappa: 0.4213,
  perDay: [{ day: new Date().toISOString().slice(0, 10), ratings: 24, listeners: 5 }],
  listenerAccuracy: [
    { listenerId: 'aaaaaaaa1111', rated: 10, goldRated: 4, goldAccuracy: 1, counted: true },
    { listenerId: 'bbbbbbbb2222', rated: 8, goldRated: 4, goldAccuracy: 0.25, counted: false },
    { listenerId: 'cccccccc3333', rated: 6, goldRated: 0, goldAccuracy: null, counted: true },
  ],
  ...over,
});

describe('listening statistics data', () => {
  it('when confusion comes as sparse entries, then the grid has every intended × perceived cell in vocabulary order, with row shares', () => {
    const grid = confusionGrid(CONFUSION);
    expect(grid.rows.map((row) => row.intended)).toEqual(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral']);
    expect(grid.rows[0]!.cells.map((cell) => cell.perceived)).toEqual(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral', 'other']);
    expect(grid.rows[0]!.cells.map((cell) => cell.count)).toEqual([3, 0, 0, 0, 0, 0, 1]);
    expect(grid.rows[0]!.cells[0]!.share).toBe(0.75);
    expect(grid.rows[2]!.cells[3]!.share).toBe(1);
    expect(grid.rows[1]!.cells.every((cell) => cell.share === 0)).toBe(true);
    expect(grid.total).toBe(6);
  });

  it('when a cell holds a whole row, then its tint is capped so the text stays readable', () => {
    expect([heat(0), heat(0.5), heat(1), heat(3)]).toEqual([0, Math.round(HEAT_MAX / 2), HEAT_MAX, HEAT_MAX]);
  });

  it('when κ is read, then it follows the Landis & Koch bands', () => {
    expect([-0.1, 0, 0.2, 0.21, 0.4, 0.55, 0.61, 0.8, 0.81, 1].map(kappaReading)).toEqual([
      'kappaPoor', 'kappaSlight', 'kappaSlight', 'kappaFair', 'kappaFair', 'kappaModerate', 'kappaSubstantial', 'kappaSubstantial', 'kappaAlmostPerfect', 'kappaAlmostPerfect',
    ]);
  });

  it('when listeners are listed, then the least accurate on gold come first and those without gold last', () => {
    expect(listenerRows(stats()).map((row) => row.listenerId)).toEqual(['bbbbbbbb2222', 'aaaaaaaa1111', 'cccccccc3333']);
  });
});

describe('the listening section of statistics', () => {
  beforeEach(() => setLocale('en'));

  it('when drawn, then the heatmap is a table with headers, each cell saying its count and share, the diagonal marked', () => {
    render(() => <ConfusionHeatmap confusion={CONFUSION} />);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Intended', 'Joy', 'Sadness', 'Anger', 'Disgust', 'Fear', 'Neutral', 'Other', 'Total']);
    expect(within(table).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['Joy', 'Sadness', 'Anger', 'Disgust', 'Fear', 'Neutral']);
    const joyJoy = table.querySelector('tr[data-intended="joy"] td[data-perceived="joy"]')!;
    expect(joyJoy.textContent).toBe('375%');
    expect(joyJoy.classList.contains('diagonal')).toBe(true);
    expect(joyJoy.getAttribute('title')).toBe('Joy heard as Joy: 3 (75% of the row)');
    expect(Number(joyJoy.getAttribute('data-heat'))).toBeGreaterThan(Number(table.querySelector('tr[data-intended="joy"] td[data-perceived="other"]')!.getAttribute('data-heat')));
    // The scrolling wrapper can take keyboard focus (axe: scrollable-region-focusable).
    expect(table.closest('[role="region"]')?.getAttribute('tabindex')).toBe('0');
  });

  it('when there are no ratings yet, then a helpful empty state stands in for the section', () => {
    render(() => <ListeningStats perception={stats({ ratings: 0, ratedTakes: 0, confusion: [] })} />);
    expect(screen.getByTestId('listening-empty').textContent).toMatch(/No ratings yet/);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('when ratings exist, then κ is shown with its reading, recognition per emotion and each gold listener pseudonymously', () => {
    render(() => <ListeningStats perception={stats()} />);
    expect(screen.getByTestId('kappa').textContent).toContain('κ = 0.42');
    expect(screen.getByTestId('kappa').textContent).toContain('moderate agreement');
    const recognition = [...screen.getByTestId('recognition').querySelectorAll('li')].map((li) => li.textContent);
    expect(recognition).toEqual(['Joy75%', 'Sadnessno data', 'Anger0%', 'Disgustno data', 'Fearno data', 'Neutralno data']);
    const rows = [...screen.getByTestId('listener-gold').querySelectorAll('tbody tr')].map((tr) => tr.textContent);
    expect(rows).toEqual(['bbbbbbbb8425%Excluded', 'aaaaaaaa104100%Yes']);
    expect(screen.getByTestId('listener-count').textContent).toBe('5');
    expect(screen.getAllByTestId('day-chart')).toHaveLength(2);
  });
});
