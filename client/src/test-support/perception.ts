import type { Perception } from '../lib/listen-types';

/** A take's perception as the server's take JSON carries it, for tests; `over` replaces any field. */
export function perception(over: Partial<Perception> = {}): Perception {
  return {
    ratings: 5,
    votes: { joy: 1, sadness: 0, anger: 3, disgust: 0, fear: 0, neutral: 1, other: 0 },
    perceivedEmotion: 'anger',
    agreement: 0.6,
    intendedMatch: false,
    meanIntensity: 3.4,
    problems: { noise: 2, cut_off: 0, wrong_sentence: 0, silent: 0, distorted: 0 },
    ...over,
  };
}
