// The consensus of listeners, as pure arithmetic: a take's counted ratings to the contract's perception object,
// and Fleiss' kappa over the rated takes. No I/O here; the repositories feed it rows.
import {
  PERCEIVED_LABELS,
  RATING_PROBLEMS,
  type Emotion,
  type PerceivedLabel,
  type Perception,
  type RatingProblem,
} from '../protocol/index.js';

export interface CountedRating {
  emotion: PerceivedLabel;
  intensity: number | null;
  problems: readonly RatingProblem[];
}

export type Votes = Record<PerceivedLabel, number>;

export const emptyVotes = (): Votes =>
  Object.fromEntries(PERCEIVED_LABELS.map((label) => [label, 0])) as Votes;

/** The plurality label, or null when two or more labels share the top count (or there are no votes). */
export function plurality(votes: Votes): { label: PerceivedLabel | null; top: number } {
  let label: PerceivedLabel | null = null;
  let top = 0;
  for (const candidate of PERCEIVED_LABELS) {
    const count = votes[candidate];
    if (count > top) {
      top = count;
      label = candidate;
    } else if (count === top && count > 0) {
      label = null;
    }
  }
  return { label, top };
}

/** The contract's perception of a take from its counted ratings; null before the first one. */
export function perceptionOf(ratings: readonly CountedRating[], intended: Emotion): Perception | null {
  if (ratings.length === 0) return null;
  const votes = emptyVotes();
  const problems = Object.fromEntries(RATING_PROBLEMS.map((problem) => [problem, 0])) as Record<RatingProblem, number>;
  let intensitySum = 0;
  let intensityCount = 0;
  for (const rating of ratings) {
    votes[rating.emotion] += 1;
    for (const problem of new Set(rating.problems)) problems[problem] += 1;
    if (rating.intensity !== null) {
      intensitySum += rating.intensity;
      intensityCount += 1;
    }
  }
  const { label, top } = plurality(votes);
  return {
    ratings: ratings.length,
    votes,
    perceivedEmotion: label,
    // On a tie the share of the top count still says how split the listeners were (0.5 for 1-1).
    agreement: top / ratings.length,
    intendedMatch: label === null ? null : label === intended,
    meanIntensity: intensityCount === 0 ? null : intensitySum / intensityCount,
    problems,
  };
}

/** The number of ratings most takes have (the larger on a tie), over takes with at least two. */
export function commonRatingCount(perTake: readonly Votes[]): number | null {
  const frequency = new Map<number, number>();
  for (const votes of perTake) {
    const n = totalOf(votes);
    if (n >= 2) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestFrequency = 0;
  for (const [n, count] of frequency) {
    if (count > bestFrequency || (count === bestFrequency && best !== null && n > best)) {
      best = n;
      bestFrequency = count;
    }
  }
  return best;
}

const totalOf = (votes: Votes) => PERCEIVED_LABELS.reduce((sum, label) => sum + votes[label], 0);

/**
 * Fleiss' kappa over the takes with exactly the most common number of ratings (Fleiss needs the same number
 * of raters per subject); null when fewer than two such takes exist, or when every vote falls in one label
 * (chance agreement 1 leaves kappa undefined).
 */
export function fleissKappa(perTake: readonly Votes[]): number | null {
  const n = commonRatingCount(perTake);
  if (n === null) return null;
  const subjects = perTake.filter((votes) => totalOf(votes) === n);
  if (subjects.length < 2) return null;
  const labelTotals = emptyVotes();
  let agreementSum = 0;
  for (const votes of subjects) {
    let squares = 0;
    for (const label of PERCEIVED_LABELS) {
      squares += votes[label] * votes[label];
      labelTotals[label] += votes[label];
    }
    agreementSum += (squares - n) / (n * (n - 1));
  }
  const observed = agreementSum / subjects.length;
  const all = subjects.length * n;
  const chance = PERCEIVED_LABELS.reduce((sum, label) => sum + (labelTotals[label] / all) ** 2, 0);
  if (chance >= 1) return null;
  return (observed - chance) / (1 - chance);
}
