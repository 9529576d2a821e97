// One clip's answer while the listener builds it, and why it cannot be sent yet. Pure, so the page's
// rules (heard to the end, an emotion picked) are tested without a browser.
import { PROBLEMS, type Heard, type IntensityLevel, type Problem, type Rating } from '../../lib/listen-types';

export interface RatingDraft {
  emotion: Heard | null;
  intensity: IntensityLevel | null;
  problems: Problem[];
  /** Times playback started (the first play included). */
  plays: number;
  /** Only a clip heard to its end may be rated (the contract counts no other). */
  heardToEnd: boolean;
  /** When the clip was ready to play (ms, performance clock): responseMs counts from here. */
  readyAt: number;
}

export const emptyDraft = (readyAt: number): RatingDraft => ({ emotion: null, intensity: null, problems: [], plays: 0, heardToEnd: false, readyAt });

export type Blocker = 'notHeard' | 'noEmotion';

export const MAX_PLAYS = 10_000;
export const MAX_RESPONSE_MS = 2_147_483_647;

/** Why the answer cannot be sent yet, most pressing first; null when it can. */
export function blocker(draft: RatingDraft): Blocker | null {
  if (!draft.heardToEnd) return 'notHeard';
  if (!draft.emotion) return 'noEmotion';
  return null;
}

export function toggleProblem(draft: RatingDraft, problem: Problem): RatingDraft {
  const has = draft.problems.includes(problem);
  return { ...draft, problems: has ? draft.problems.filter((p) => p !== problem) : [...draft.problems, problem] };
}

/** By key, the same intensity again clears it (intensity is optional); null clears it too. */
export function pickIntensity(draft: RatingDraft, level: IntensityLevel | null, toggle = false): RatingDraft {
  return { ...draft, intensity: toggle && draft.intensity === level ? null : level };
}

/** The body of POST /listen/assignments/:id, or null while a blocker remains. */
export function ratingOf(draft: RatingDraft, now: number): Rating | null {
  if (blocker(draft) || !draft.emotion) return null;
  return {
    emotion: draft.emotion,
    intensity: draft.intensity,
    problems: PROBLEMS.filter((p) => draft.problems.includes(p)),
    // Within what the server accepts (a page left open for weeks, a clip replayed without end).
    responseMs: Math.min(MAX_RESPONSE_MS, Math.max(0, Math.round(now - draft.readyAt))),
    plays: Math.min(MAX_PLAYS, Math.max(1, draft.plays)),
  };
}
