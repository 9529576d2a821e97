import { render } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import type { SentenceJson, StatsJson } from '@emovox/server/protocol';
import { setLocale } from '../../../lib/i18n';
import { coverageOf, shadeLevel } from './coverage';
import { CoverageHeatmap } from './CoverageHeatmap';
import { sentencesFromText } from './import-lines';

const sentences: SentenceJson[] = [
  { id: 'a', text: 'Alpha sentence.', locale: 'en', active: true },
  { id: 'b', text: 'Bravo sentence.', locale: 'en', active: true },
  { id: 'c', text: 'Phrase charlie.', locale: 'fr', active: true },
  { id: 'd', text: 'Delta, retired.', locale: 'en', active: false },
];
const cells: StatsJson['bySentenceEmotion'] = [
  { sentenceId: 'a', emotion: 'joy', count: 4 },
  { sentenceId: 'a', emotion: 'anger', count: 2 },
  ...(['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral'] as const).map((emotion) => ({ sentenceId: 'b', emotion, count: 1 })),
  { sentenceId: 'd', emotion: 'fear', count: 9 },
];

describe('coverage heatmap data', () => {
  it('when stats come as sentence × emotion cells, then each active sentence gets a row of six counts with zeros for the gaps', () => {
    const { rows, max } = coverageOf(sentences, cells);
    expect(rows.map((row) => row.sentence.id)).toEqual(['a', 'b', 'c']);
    expect(rows[0]!.counts).toEqual({ joy: 4, sadness: 0, anger: 2, disgust: 0, fear: 0, neutral: 0 });
    expect(rows[0]).toMatchObject({ total: 6, least: 0 });
    expect(rows[2]).toMatchObject({ total: 0, least: 0 });
    // The inactive sentence's 9 takes do not set the scale.
    expect(max).toBe(4);
  });

  it('when gaps come first, then sentences missing an emotion lead, the emptiest first', () => {
    const rows = coverageOf(sentences, cells, { gapsFirst: true }).rows.map((row) => row.sentence.id);
    expect(rows).toEqual(['c', 'a', 'b']);
  });

  it('when a locale is chosen, then only its sentences are rows', () => {
    expect(coverageOf(sentences, cells, { locale: 'fr' }).rows.map((row) => row.sentence.id)).toEqual(['c']);
  });

  it('when shading, then zero is level 0 and the largest cell level 4', () => {
    expect([0, 1, 2, 3, 4].map((count) => shadeLevel(count, 4))).toEqual([0, 1, 2, 3, 4]);
    expect(shadeLevel(1, 100)).toBe(1);
    expect(shadeLevel(0, 0)).toBe(0);
  });

  it('when rendered, then the table shows each count in its emotion column with its shade', () => {
    setLocale('en');
    const { container } = render(() => <CoverageHeatmap sentences={sentences} cells={cells} locale="en" />);
    const headers = [...container.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).toEqual(['Sentence', 'Joy', 'Sadness', 'Anger', 'Disgust', 'Fear', 'Neutral', 'Total']);
    const alpha = [...container.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent === 'Alpha sentence.')!;
    const joy = alpha.querySelector('td[data-emotion="joy"]')!;
    expect(joy.textContent).toBe('4');
    expect(joy.getAttribute('data-level')).toBe('4');
    expect(alpha.querySelector('td[data-emotion="sadness"]')!.getAttribute('data-level')).toBe('0');
    expect(alpha.querySelector('td.total')!.textContent).toBe('6');
  });
});

describe('sentence import', () => {
  it('when a text file is read, then each non-empty line is one sentence, trimmed, without repeats', () => {
    const text = '\uFEFFFirst line.\r\n\n  Second   line.  \nFirst line.\r\n\t\nThird.';
    expect(sentencesFromText(text)).toEqual(['First line.', 'Second line.', 'Third.']);
    expect(sentencesFromText('\n \n')).toEqual([]);
  });
});
