// zod schemas for the campaign routes (docs/PROTOCOL.md "Recording sessions", and the extensions).
import { z } from 'zod';
import { REDO_REASONS, SKIP_REASONS } from './campaigns.js';
import { EMOTIONS, INTENSITIES, LOCALES } from './vocabulary.js';

const NO_NUL = /^[^\0]*$/;
const text = () => z.string().regex(NO_NUL, 'text must not contain NUL characters');
const unique = <T>(items: T[]) => new Set(items).size === items.length;

/** Bounds that keep a campaign's grid and a session within reason. */
export const CAMPAIGN_LIMITS = { sentences: 1_000, takesPerCell: 100, sessionSize: 500 } as const;

const intensities = z
  .array(z.enum(INTENSITIES).nullable())
  .min(1)
  .refine(unique, 'intensities must not repeat')
  .refine((list) => !list.includes(null) || list.length === 1, 'intensities is [null] or a subset of low, medium, high');

export const campaignCreateSchema = z.object({
  name: text().trim().min(1).max(200),
  locale: z.enum(LOCALES),
  sentenceIds: z.array(z.uuid()).min(1).max(CAMPAIGN_LIMITS.sentences).refine(unique, 'sentenceIds must not repeat').optional(),
  emotions: z.array(z.enum(EMOTIONS)).min(1).refine(unique, 'emotions must not repeat').optional(),
  intensities: intensities.optional(),
  takesPerCell: z.number().int().min(1).max(CAMPAIGN_LIMITS.takesPerCell).optional(),
  sessionSize: z.number().int().min(1).max(CAMPAIGN_LIMITS.sessionSize).optional(),
  listenBack: z.boolean().optional(),
});

/** Only these may change: the design (sentences, emotions, intensities, sizes) is fixed once speakers record it. */
export const campaignPatchSchema = z
  .strictObject({
    active: z.boolean().optional(),
    name: text().trim().min(1).max(200).optional(),
    listenBack: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' });

/** What a speaker may type: a code's letters and digits, with spaces or dashes they add (never NUL or markup). */
export const joinSchema = z.object({ code: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_ -]+$/, 'code has only letters, digits, spaces and dashes') });

export const skipSchema = z.object({
  reason: z.enum(SKIP_REASONS),
  note: text().trim().max(500).nullable().optional(),
});

export const redoSchema = z.object({
  reason: z.enum(REDO_REASONS),
  note: text().trim().max(2000).nullable().optional(),
});
