// The listening part of wire contract v1.1 (docs/PROTOCOL.md, "Listening") as the client reads it, with the
// server's additions (docs/PROTOCOL-extensions.md). Kept beside the client so that it reads the contract's
// names whatever the server's own type module grows into.
import type { Emotion, Locale, TakeJson } from '@emovox/server/protocol';

/** What a listener may answer: one of the six emotions, or "other". */
export type Heard = Emotion | 'other';
export const HEARD: readonly Heard[] = ['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral', 'other'];

export const PROBLEMS = ['noise', 'cut_off', 'wrong_sentence', 'silent', 'distorted'] as const;
export type Problem = (typeof PROBLEMS)[number];

export const INTENSITY_LEVELS = [1, 2, 3, 4, 5] as const;
export type IntensityLevel = (typeof INTENSITY_LEVELS)[number];

export interface Assignment {
  assignmentId: string;
  sentence: { text: string; locale: Locale };
  audioUrl: string;
  expiresAt: string;
}

export interface Rating {
  emotion: Heard;
  intensity: IntensityLevel | null;
  problems: Problem[];
  responseMs: number;
  plays: number;
}

export interface ListenMe {
  rated: number;
  goldRated: number;
  goldAccuracy: number | null;
  counted: boolean;
  /** Extension: how many takes this listener could still be given (capped). */
  available?: number;
}

export interface Perception {
  ratings: number | null;
  votes: Record<Heard, number>;
  perceivedEmotion: Heard | null;
  agreement: number | null;
  intendedMatch: boolean | null;
  meanIntensity: number | null;
  problems: Record<Problem, number>;
}

/** Take JSON with the v1.1 fields (optional here so that a v1 server's takes still render). */
export type PerceivedTake = TakeJson & { gold?: boolean; perception?: Perception | null };

export interface ListenerRow {
  listenerId: string;
  rated: number;
  goldRated: number;
  goldAccuracy: number | null;
  counted: boolean;
}

export interface PerceptionStats {
  ratedTakes: number;
  ratings: number;
  /** The contract's count of listeners with a counted rating (a list of rows on a server that put them here). */
  listeners: number | ListenerRow[];
  confusion: { intended: Emotion; perceived: Heard; count: number }[];
  recognitionByEmotion: Partial<Record<Emotion, number | null>>;
  fleissKappa: number | null;
  /** Extensions. */
  perDay?: { day: string; ratings: number; listeners: number }[];
  listenerAccuracy?: ListenerRow[];
}

/** The monitor's `monitor:rating` event (an extension): a rating just stored, and the take's perception after it. */
export interface MonitorRating {
  takeId: string;
  sentenceText: string;
  intended: Emotion;
  heard: Heard;
  ratings: number | null;
  perceivedEmotion: Heard | null;
  agreement: number | null;
  at: string;
}
