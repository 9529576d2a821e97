import { describe, expect, it } from 'vitest';
import { commonRatingCount, emptyVotes, fleissKappa, perceptionOf, type CountedRating, type Votes } from '../../src/listening/consensus.js';
import { assignmentPlan } from '../../src/listening/listening-service.js';
import type { PerceivedLabel } from '../../src/protocol/index.js';
import { seeded } from './listening-fixtures.js';

const rating = (emotion: PerceivedLabel, intensity: number | null = null, problems: CountedRating['problems'] = []): CountedRating => ({
  emotion,
  intensity,
  problems,
});

const votes = (counts: Partial<Votes>): Votes => ({ ...emptyVotes(), ...counts });

describe('perception of one take', () => {
  it('is null before the first counted rating', () => {
    expect(perceptionOf([], 'joy')).toBeNull();
  });

  it('takes the plurality, its share as agreement, and whether it matches the intention', () => {
    const perception = perceptionOf(
      [rating('anger', 4, ['noise']), rating('anger', 2), rating('disgust', null, ['noise', 'cut_off']), rating('anger', 3)],
      'anger',
    );
    expect(perception).toEqual({
      ratings: 4,
      votes: { joy: 0, sadness: 0, anger: 3, disgust: 1, fear: 0, neutral: 0, other: 0 },
      perceivedEmotion: 'anger',
      agreement: 0.75,
      intendedMatch: true,
      meanIntensity: 3, // (4 + 2 + 3) / 3: the rating without intensity is left out
      problems: { noise: 2, cut_off: 1, wrong_sentence: 0, silent: 0, distorted: 0 },
    });
  });

  it('says no plurality on a tie, keeps the top share as agreement, and leaves intendedMatch unknown', () => {
    const perception = perceptionOf([rating('joy'), rating('other')], 'joy');
    expect(perception?.perceivedEmotion).toBeNull();
    expect(perception?.agreement).toBe(0.5);
    expect(perception?.intendedMatch).toBeNull();
    expect(perception?.meanIntensity).toBeNull();
  });

  it('counts a plurality of "other" as not matching', () => {
    const perception = perceptionOf([rating('other', 5), rating('other', 1), rating('fear', 3)], 'fear');
    expect(perception?.perceivedEmotion).toBe('other');
    expect(perception?.intendedMatch).toBe(false);
    expect(perception?.agreement).toBeCloseTo(2 / 3, 10);
  });

  it('counts a problem named twice in one rating once', () => {
    expect(perceptionOf([rating('joy', null, ['silent', 'silent'])], 'joy')?.problems.silent).toBe(1);
  });
});

describe("Fleiss' kappa", () => {
  // The worked example of Fleiss (1971) as given on Wikipedia: 10 subjects, 14 raters, 5 categories.
  // P-bar = 0.378, P-bar-e = 0.213, kappa = (0.378 - 0.213) / (1 - 0.213) = 0.210.
  const rows = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  const labels: PerceivedLabel[] = ['joy', 'sadness', 'anger', 'fear', 'other'];
  const wikipedia = rows.map((row) => votes(Object.fromEntries(row.map((count, i) => [labels[i], count]))));

  it('matches the hand-computed example', () => {
    expect(fleissKappa(wikipedia)).toBeCloseTo(0.20993, 4);
  });

  it('uses only the takes with the most common number of ratings', () => {
    const extra = [votes({ joy: 3 }), votes({ joy: 1, anger: 2 }), votes({ neutral: 1 })];
    expect(commonRatingCount([...wikipedia, ...extra])).toBe(14);
    expect(fleissKappa([...wikipedia, ...extra])).toBeCloseTo(0.20993, 4);
  });

  it('is 1 for perfect agreement spread over labels, and null with fewer than two such takes', () => {
    expect(fleissKappa([votes({ joy: 3 }), votes({ anger: 3 })])).toBe(1);
    expect(fleissKappa([votes({ joy: 3 }), votes({ joy: 1, anger: 1 })])).toBeNull();
    expect(fleissKappa([votes({ joy: 1 }), votes({ anger: 1 })])).toBeNull();
  });

  it('is null when every vote falls in one label (chance agreement 1)', () => {
    expect(fleissKappa([votes({ joy: 2 }), votes({ joy: 2 })])).toBeNull();
  });

  it('breaks a tie between the most common counts towards the larger', () => {
    // two takes with 2 ratings and two with 3: the 3-rating takes are used (kappa 1, complete agreement)
    const mixed = [votes({ joy: 1, anger: 1 }), votes({ fear: 1, sadness: 1 }), votes({ joy: 3 }), votes({ anger: 3 })];
    expect(commonRatingCount(mixed)).toBe(3);
    expect(fleissKappa(mixed)).toBe(1);
  });
});

describe('the mix of assignments', () => {
  const shares = { repeatShare: 0.05, goldShare: 0.1 };
  it('draws a repeat about one in twenty, gold about one in ten, and fills otherwise, each with its fallbacks', () => {
    expect(assignmentPlan(0.0, shares)).toEqual(['repeat', 'fill', 'gold']);
    expect(assignmentPlan(0.049, shares)).toEqual(['repeat', 'fill', 'gold']);
    expect(assignmentPlan(0.05, shares)).toEqual(['gold', 'fill']);
    expect(assignmentPlan(0.149, shares)).toEqual(['gold', 'fill']);
    expect(assignmentPlan(0.151, shares)).toEqual(['fill', 'gold']);
    const draw = seeded(3);
    const kinds = Array.from({ length: 10_000 }, () => assignmentPlan(draw(), shares)[0]);
    expect(kinds.filter((kind) => kind === 'repeat').length).toBeGreaterThan(400);
    expect(kinds.filter((kind) => kind === 'repeat').length).toBeLessThan(600);
    expect(kinds.filter((kind) => kind === 'gold').length).toBeGreaterThan(850);
    expect(kinds.filter((kind) => kind === 'gold').length).toBeLessThan(1150);
  });
});
