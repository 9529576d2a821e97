// Plain payload types of client→server events; the zod schemas in schemas.ts must match them.
import type { AudioSettings } from './types.js';
import type { Emotion, Intensity } from './vocabulary.js';

export interface TakeStartPayload {
  sentenceId: string;
  emotion: Emotion;
  intensity?: Intensity | null;
  mimeType: string;
  audioSettings?: Partial<AudioSettings> | null;
  clientTakeId?: string;
  /** A take of the same speaker that this one re-records; it is kept and marked replaced once this one is saved. */
  replacesTakeId?: string;
}

export interface TakeChunkPayload {
  takeId: string;
  seq: number;
  data: ArrayBuffer | Uint8Array;
  peak?: number;
}

export interface TakeStopPayload {
  takeId: string;
  lastSeq: number;
  durationMs?: number;
}

export interface TakeIdPayload {
  takeId: string;
}
