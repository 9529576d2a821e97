// The dataset split: speaker-disjoint, stable, balanced. Pure; the placements are stored by the caller
// (db/dataset-split-repository.ts), and a speaker once placed is never moved again.
import { EMOTIONS, type Emotion } from '../protocol/index.js';

export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** The share of takes each split aims at. */
export const SPLIT_TARGET: Record<Split, number> = { train: 0.8, validation: 0.1, test: 0.1 };

export type EmotionCounts = Record<Emotion, number>;

export interface SpeakerLoad {
  speakerId: string;
  /** The speaker's saved, non-rejected, non-replaced takes per intended emotion. */
  counts: EmotionCounts;
}

export const emptyCounts = (): EmotionCounts => Object.fromEntries(EMOTIONS.map((emotion) => [emotion, 0])) as EmotionCounts;

const total = (counts: EmotionCounts) => EMOTIONS.reduce((sum, emotion) => sum + counts[emotion], 0);

/**
 * Places the newcomers, given the speakers already placed (who stay where they are):
 * 1. newcomers go largest first (most takes; ties by speaker ID, so the result is deterministic);
 * 2. while a split has no speaker with takes, the next speaker with takes goes to the first such split
 *    (train, validation, test): three speakers are enough for no split to be empty;
 * 3. otherwise a speaker goes where the chi-square distance between each split's takes per emotion and its
 *    target share of the whole grows least, which keeps both the split sizes near 80/10/10 and each split's
 *    emotion proportions near the whole's.
 */
export function assignSplits(placed: ReadonlyArray<SpeakerLoad & { split: Split }>, newcomers: readonly SpeakerLoad[]): Map<string, Split> {
  const whole = emptyCounts();
  for (const speaker of [...placed, ...newcomers]) for (const emotion of EMOTIONS) whole[emotion] += speaker.counts[emotion];
  const held = Object.fromEntries(SPLITS.map((split) => [split, emptyCounts()])) as Record<Split, EmotionCounts>;
  const speakers: Record<Split, number> = { train: 0, validation: 0, test: 0 };
  const add = (split: Split, counts: EmotionCounts) => {
    for (const emotion of EMOTIONS) held[split][emotion] += counts[emotion];
    if (total(counts) > 0) speakers[split] += 1;
  };
  for (const speaker of placed) add(speaker.split, speaker.counts);

  const growth = (split: Split, counts: EmotionCounts) =>
    EMOTIONS.reduce((sum, emotion) => {
      const expected = SPLIT_TARGET[split] * whole[emotion];
      if (expected === 0) return sum;
      const now = held[split][emotion] - expected;
      return sum + ((now + counts[emotion]) ** 2 - now ** 2) / expected;
    }, 0);

  const order = [...newcomers].sort((a, b) => total(b.counts) - total(a.counts) || (a.speakerId < b.speakerId ? -1 : a.speakerId > b.speakerId ? 1 : 0));
  const placements = new Map<string, Split>();
  for (const speaker of order) {
    const empty = total(speaker.counts) > 0 ? SPLITS.find((split) => speakers[split] === 0) : undefined;
    const split = empty ?? SPLITS.reduce((best, candidate) => (growth(candidate, speaker.counts) < growth(best, speaker.counts) ? candidate : best));
    placements.set(speaker.speakerId, split);
    add(split, speaker.counts);
  }
  return placements;
}
