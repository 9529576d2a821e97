// The split algorithm on its own: no empty split from three speakers on, speakers placed once, and each split's
// emotion proportions close to the whole's even when speakers record very different emotion mixes.
import { describe, expect, it } from 'vitest';
import { EMOTIONS, type Emotion } from '../../src/protocol/index.js';
import { assignSplits, emptyCounts, SPLITS, type SpeakerLoad, type Split } from '../../src/export/split-assignment.js';

/** A deterministic speaker population: each records mostly one or two emotions, 4 to 30 takes. */
function population(size: number, seed = 1): SpeakerLoad[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return Array.from({ length: size }, (_, index) => {
    const counts = emptyCounts();
    const takes = 4 + Math.floor(next() * 27);
    const favourite = EMOTIONS[Math.floor(next() * 6)]!;
    const second = EMOTIONS[Math.floor(next() * 6)]!;
    for (let take = 0; take < takes; take += 1) counts[next() < 0.6 ? favourite : next() < 0.5 ? second : EMOTIONS[Math.floor(next() * 6)]!] += 1;
    return { speakerId: `speaker-${String(index).padStart(4, '0')}`, counts };
  });
}

function shares(speakers: SpeakerLoad[], placement: Map<string, Split>) {
  const perSplit = Object.fromEntries(SPLITS.map((split) => [split, emptyCounts()])) as Record<Split, Record<Emotion, number>>;
  const whole = emptyCounts();
  for (const speaker of speakers) {
    for (const emotion of EMOTIONS) {
      perSplit[placement.get(speaker.speakerId)!][emotion] += speaker.counts[emotion];
      whole[emotion] += speaker.counts[emotion];
    }
  }
  const sum = (counts: Record<Emotion, number>) => EMOTIONS.reduce((total, emotion) => total + counts[emotion], 0);
  const all = sum(whole);
  return {
    size: Object.fromEntries(SPLITS.map((split) => [split, sum(perSplit[split]) / all])) as Record<Split, number>,
    /** The largest gap, over splits and emotions, between a split's share of an emotion and the whole's. */
    worstGap: Math.max(...SPLITS.flatMap((split) => EMOTIONS.map((emotion) => Math.abs(perSplit[split][emotion] / sum(perSplit[split]) - whole[emotion] / all)))),
  };
}

describe('assignSplits', () => {
  it('when three speakers are placed at once, or one by one, then every split gets one', () => {
    const three = population(3);
    expect(new Set(assignSplits([], three).values())).toEqual(new Set(SPLITS));
    const placed: (SpeakerLoad & { split: Split })[] = [];
    for (const speaker of three) placed.push({ ...speaker, split: assignSplits(placed, [speaker]).get(speaker.speakerId)! });
    expect(new Set(placed.map((speaker) => speaker.split))).toEqual(new Set(SPLITS));
  });

  it('when a speaker has no take that counts, then they do not take an empty split from a speaker who has', () => {
    const idle = { speakerId: 'idle', counts: emptyCounts() };
    const [first, second] = population(2);
    const placement = assignSplits([], [idle, first!, second!]);
    expect([placement.get(first!.speakerId), placement.get(second!.speakerId)].sort()).toEqual(['train', 'validation']);
  });

  it('when 80 speakers with uneven emotion mixes are placed, then sizes are near 80/10/10 and emotion shares within 4 points of the whole', () => {
    const speakers = population(80);
    const placement = assignSplits([], speakers);
    const result = shares(speakers, placement);
    expect(result.size.train).toBeCloseTo(0.8, 1);
    expect(result.size.validation).toBeCloseTo(0.1, 1);
    expect(result.size.test).toBeCloseTo(0.1, 1);
    expect(result.worstGap).toBeLessThan(0.04);
  });

  it('when speakers arrive in batches, then earlier placements are kept and the whole stays balanced', () => {
    const speakers = population(120, 7);
    const placed: (SpeakerLoad & { split: Split })[] = [];
    for (let start = 0; start < speakers.length; start += 15) {
      const batch = speakers.slice(start, start + 15);
      const before = new Map(placed.map((speaker) => [speaker.speakerId, speaker.split]));
      const placement = assignSplits(placed, batch);
      expect([...placement.keys()].sort()).toEqual(batch.map((speaker) => speaker.speakerId).sort());
      for (const speaker of batch) placed.push({ ...speaker, split: placement.get(speaker.speakerId)! });
      for (const [id, split] of before) expect(placed.find((speaker) => speaker.speakerId === id)!.split).toBe(split);
    }
    const result = shares(speakers, new Map(placed.map((speaker) => [speaker.speakerId, speaker.split])));
    expect(result.size.train).toBeCloseTo(0.8, 1);
    expect(result.worstGap).toBeLessThan(0.05);
  });

  it('when the same speakers are given in another order, then the placement is the same', () => {
    const speakers = population(30, 3);
    const sorted = (placement: Map<string, Split>) => [...placement].sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(assignSplits([], [...speakers].reverse()))).toEqual(sorted(assignSplits([], speakers)));
  });
});
