// The contract's closed vocabularies. Values here are wire-visible: never rename them.

export const EMOTIONS = ['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const INTENSITIES = ['low', 'medium', 'high'] as const;
export type Intensity = (typeof INTENSITIES)[number];

export const TAKE_STATES = ['recording', 'finalizing', 'saved', 'failed', 'discarded'] as const;
export type TakeState = (typeof TAKE_STATES)[number];

export const REVIEW_STATES = ['pending', 'accepted', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

// cut_off is an addition (docs/PROTOCOL-extensions.md): speech within 100 ms of an edge of the take.
export const QUALITY_FLAGS = ['too_short', 'too_long', 'too_quiet', 'clipped', 'mostly_silence', 'cut_off'] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const AGE_RANGES = ['<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeRange = (typeof AGE_RANGES)[number];

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

// The export's metadata formats; parquet is an addition (docs/PROTOCOL-extensions.md).
export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ROLES = ['supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const DELETION_REASONS = ['speaker_request', 'supervisor'] as const;
export type DeletionReason = (typeof DELETION_REASONS)[number];

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'MISSING_CHUNKS',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  MISSING_CHUNKS: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
