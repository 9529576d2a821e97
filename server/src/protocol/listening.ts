// Wire contract v1.1, Listening: the listener's vocabulary and the JSON shapes of assignments, ratings and
// perception. Values here are wire-visible: never rename them.
import type { Emotion, Locale } from './vocabulary.js';

/** What a listener may hear: the six emotions, then "other" (last, as in the export's class labels). */
export const PERCEIVED_LABELS = ['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral', 'other'] as const;
export type PerceivedLabel = (typeof PERCEIVED_LABELS)[number];

export const RATING_PROBLEMS = ['noise', 'cut_off', 'wrong_sentence', 'silent', 'distorted'] as const;
export type RatingProblem = (typeof RATING_PROBLEMS)[number];

export interface Assignment {
  assignmentId: string;
  sentence: { text: string; locale: Locale | null };
  /** The assignment's own audio route (never the take's): the listener never learns the take ID. */
  audioUrl: string;
  expiresAt: string;
}

export interface Rating {
  emotion: PerceivedLabel;
  intensity: 1 | 2 | 3 | 4 | 5 | null;
  problems: RatingProblem[];
  responseMs: number;
  plays: number;
}

export interface Perception {
  ratings: number;
  votes: Record<PerceivedLabel, number>;
  perceivedEmotion: PerceivedLabel | null;
  agreement: number;
  intendedMatch: boolean | null;
  meanIntensity: number | null;
  problems: Record<RatingProblem, number>;
}

export interface ListenMe {
  rated: number;
  goldRated: number;
  goldAccuracy: number | null;
  counted: boolean;
  /** Extension: how many takes this listener could still be given (capped at LISTEN_AVAILABLE_CAP). */
  available: number;
}

export interface PerceptionStats {
  ratedTakes: number;
  ratings: number;
  listeners: number;
  confusion: { intended: Emotion; perceived: PerceivedLabel; count: number }[];
  recognitionByEmotion: Record<Emotion, number | null>;
  fleissKappa: number | null;
  /** Extension: counted ratings and distinct listeners per UTC day, the last 30 days. */
  perDay: { day: string; ratings: number; listeners: number }[];
  /**
   * Extension: every listener with a rating, pseudonymous (the export's speaker_id scheme). Not named
   * `listeners`: the contract already gives that name to the count of listeners with a counted rating.
   */
  listenerAccuracy: ListenerGold[];
}

export interface ListenerGold {
  listenerId: string;
  rated: number;
  goldRated: number;
  goldAccuracy: number | null;
  counted: boolean;
}

/** monitor:rating, sent to every monitor when a rating is stored: the take's perception after it. */
export interface MonitorRating {
  takeId: string;
  sentenceText: string;
  intended: Emotion;
  heard: PerceivedLabel;
  ratings: number | null;
  perceivedEmotion: PerceivedLabel | null;
  agreement: number | null;
  at: string;
}
