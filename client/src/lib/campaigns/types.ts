// Recording sessions (campaigns), as docs/PROTOCOL.md v1.1 and docs/PROTOCOL-extensions.md name them.
// Kept on the client side so the UI builds against the contract before the server's own types land.
import type { Emotion, Intensity, Locale } from '@emovox/server/protocol';

export interface Prompt {
  promptId: string;
  sentence: { id: string; text: string; locale: Locale };
  emotion: Emotion;
  intensity: Intensity | null;
}

/** A speaker's guided session (`POST /campaigns/join`, `GET /campaigns/:id/session`). */
export interface CampaignSession {
  campaignId: string;
  name: string;
  done: number;
  total: number;
  next: Prompt | null;
  /** Extension: the speaker must play each saved take before the next prompt. */
  listenBack?: boolean;
}

export interface CampaignProgress {
  cells: number;
  done: number;
  speakers: number;
}

export interface Campaign {
  id: string;
  name: string;
  locale: Locale;
  code: string;
  active: boolean;
  sentenceIds: string[];
  emotions: Emotion[];
  intensities: (Intensity | null)[];
  takesPerCell: number;
  sessionSize: number;
  createdAt: string;
  progress: CampaignProgress;
  listenBack?: boolean;
}

export interface CampaignDraft {
  name: string;
  locale: Locale;
  sentenceIds: string[];
  emotions: Emotion[];
  intensities: (Intensity | null)[];
  takesPerCell: number;
  sessionSize: number;
  listenBack: boolean;
}

export interface CoverageCell {
  sentenceId: string;
  sentenceText: string;
  emotion: Emotion;
  intensity: Intensity | null;
  saved: number;
}

export interface SpeakerProgress {
  speakerId: string;
  done: number;
  total: number;
  lastActivityAt: string | null;
}

export interface Coverage {
  cells: CoverageCell[];
  speakers: SpeakerProgress[];
}

export const REDO_REASONS = ['clipping', 'too_quiet', 'noise', 'misread', 'emotion_unclear', 'cut_off', 'other'] as const;
export type RedoReason = (typeof REDO_REASONS)[number];

export const SKIP_REASONS = ['offensive', 'unreadable', 'wrong_language', 'other'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** `take:redo`, sent to every `/record` socket of the speaker. */
export interface TakeRedo {
  takeId: string;
  promptId: string | null;
  reason: RedoReason;
  note: string | null;
}

/** `/monitor` Session.campaign. */
export interface SessionCampaign {
  id: string;
  name: string;
  done: number;
  total: number;
}
