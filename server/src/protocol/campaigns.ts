// Recording sessions (campaigns): wire contract v1.1 shapes, with the additions of docs/PROTOCOL-extensions.md.
import type { Emotion, Intensity, Locale } from './vocabulary.js';

export const SKIP_REASONS = ['offensive', 'unreadable', 'wrong_language', 'other'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const REDO_REASONS = ['clipping', 'too_quiet', 'noise', 'misread', 'emotion_unclear', 'cut_off', 'other'] as const;
export type RedoReason = (typeof REDO_REASONS)[number];

/** Join codes use this alphabet only: no 0/O, 1/I/L, so that a code read aloud or typed is unambiguous. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A prompt skipped by a speaker (extension): reported to supervisors on the Campaign, newest first. */
export interface CampaignSkip {
  promptId: string;
  sentenceId: string;
  sentenceText: string;
  reason: SkipReason;
  note: string | null;
  at: string;
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
  progress: { cells: number; done: number; speakers: number };
  /** Extension: the speaker must play a saved take back before the next prompt. */
  listenBack: boolean;
  /** Extension: the latest 50 skips. */
  skips: CampaignSkip[];
}

export interface Prompt {
  promptId: string;
  sentence: { id: string; text: string; locale: Locale };
  emotion: Emotion;
  intensity: Intensity | null;
}

/** The contract's campaign `Session` (named apart from the monitor's `Session`). */
export interface CampaignSession {
  campaignId: string;
  name: string;
  done: number;
  total: number;
  next: Prompt | null;
  /** Extension: the campaign's listen-back mode, for the client to enforce. */
  listenBack: boolean;
}

/** GET /campaigns/:id/coverage (extension). */
export interface CampaignCoverage {
  cells: { sentenceId: string; sentenceText: string; emotion: Emotion; intensity: Intensity | null; saved: number }[];
  speakers: { speakerId: string; done: number; total: number; lastActivityAt: string }[];
}

/** The monitor's Session.campaign. */
export interface SessionCampaign {
  id: string;
  name: string;
  done: number;
  total: number;
}

/** Sent to every /record socket of the take's speaker. promptId is null for a take recorded outside campaigns. */
export interface TakeRedoNotice {
  takeId: string;
  promptId: string | null;
  reason: RedoReason;
  note: string | null;
}
