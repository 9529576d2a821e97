import type {
  AgeRange,
  DeletionReason,
  Emotion,
  ErrorCode,
  Gender,
  Intensity,
  Locale,
  QualityFlag,
  ReviewState,
  Role,
  TakeState,
} from './vocabulary.js';
import type { SessionCampaign } from './campaigns.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  state?: TakeState;
  missing?: number[];
  retryAfterMs?: number;
  takeId?: string;
}

export type AckFailure = { ok: false; error: ErrorBody };
export type Ack<T extends object> = ({ ok: true } & T) | AckFailure;
export type AckCallback<T extends object> = (result: Ack<T>) => void;

export interface AudioSettings {
  echoCancellation: boolean | null;
  noiseSuppression: boolean | null;
  autoGainControl: boolean | null;
  sampleRate: number | null;
  channelCount: number | null;
}

export interface Quality {
  rmsDbfs: number | null;
  peakDbfs: number | null;
  clippedRatio: number | null;
  silenceRatio: number | null;
  flags: QualityFlag[];
}

export interface TakeJson {
  takeId: string;
  speakerId: string;
  sentenceId: string;
  /** The sentence as the speaker read it (editing the sentence later does not change it). */
  sentenceText: string;
  locale: Locale | null;
  emotion: Emotion;
  intensity: Intensity | null;
  state: TakeState;
  review: ReviewState;
  reviewNote: string | null;
  mimeType: string;
  audioSettings: AudioSettings | null;
  durationMs: number | null;
  quality: Quality | null;
  error: { code: ErrorCode; message: string } | null;
  createdAt: string;
  savedAt: string | null;
  /** The take this one re-records, and the saved take that replaced this one (null when none). */
  replaces: string | null;
  replacedBy: string | null;
  /** Extension: the campaign prompt the take was recorded for (null outside campaigns). */
  promptId: string | null;
}

export interface SentenceJson {
  id: string;
  text: string;
  locale: Locale;
  active: boolean;
  /** Takes recorded from it (GET /sentences only): a sentence may be deleted only while this is 0. */
  takes?: number;
}

export interface DeletionJson {
  takeId: string;
  deletedAt: string;
  reason: DeletionReason;
}

export interface LoginResult {
  token: string;
  role: Role;
  expiresAt: string;
}

/** An account as the admin routes answer it (GET/POST/PATCH /users, docs/PROTOCOL-extensions.md). */
export interface UserJson {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface SpeakerCreated {
  speakerId: string;
  token: string;
}

export interface CurrentTake {
  takeId: string;
  sentenceId: string;
  emotion: Emotion;
  state: TakeState;
  receivedSeq: number;
  bytes: number;
  startedAt: string;
  lastChunkAt: string | null;
  peak: number | null;
  ackMsP50: number | null;
}

export interface Session {
  speakerId: string;
  connected: boolean;
  locale: Locale | null;
  lastSeenAt: string;
  currentTake: CurrentTake | null;
  /** v1.1: the campaign whose prompt the speaker records or was last offered, while it is active. */
  campaign: SessionCampaign | null;
}

export interface TakeStatus {
  takeId: string;
  state: TakeState;
  receivedSeq: number;
  durationMs: number | null;
  quality: Quality | null;
  error: { code: ErrorCode; message: string } | null;
}

export interface StatsJson {
  byEmotion: Record<string, number>;
  byState: Record<string, number>;
  byReview: Record<string, number>;
  byLocale: Record<string, number>;
  bySentenceEmotion: { sentenceId: string; emotion: Emotion; count: number }[];
  perDay: { day: string; count: number; seconds: number }[];
  totalSavedSeconds: number;
}

export type SpeakerProfile = {
  ageRange: AgeRange | null;
  gender: Gender | null;
  nativeLanguage: string | null;
  accent: string | null;
};
