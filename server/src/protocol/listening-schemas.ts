// zod schemas of the Listening part of the contract (v1.1): what listeners and supervisors send.
import { z } from 'zod';
import { PERCEIVED_LABELS, RATING_PROBLEMS } from './listening.js';
import { EMOTIONS, LOCALES, REVIEW_STATES } from './vocabulary.js';

export const listenNextQuery = z.object({ locale: z.enum(LOCALES).optional() });

const INT32 = 2_147_483_647;

/**
 * A rating. plays is at least 1: a rating counts only once the clip was heard to the end, so a clip never
 * played through is a bad request, not a rating.
 */
export const ratingSchema = z.object({
  emotion: z.enum(PERCEIVED_LABELS),
  intensity: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullable(),
  problems: z.array(z.enum(RATING_PROBLEMS)).max(RATING_PROBLEMS.length),
  responseMs: z.number().int().min(0).max(INT32),
  plays: z.number().int().min(1, 'plays must be at least 1: the clip must be heard to the end').max(10_000),
});

const note = z.string().regex(/^[^\0]*$/, 'text must not contain NUL characters').max(2000).nullable().optional();

/** PATCH /takes/:takeId: { gold } alone, { review, note? } alone, or both. */
export const takePatchSchema = z
  .object({ gold: z.boolean().optional(), review: z.enum(REVIEW_STATES).optional(), note })
  .refine((patch) => patch.gold !== undefined || patch.review !== undefined, { message: 'gold or review is required' })
  .refine((patch) => patch.note === undefined || patch.review !== undefined, { message: 'note goes with review' });

const booleanText = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The perception filters GET /takes adds. */
export const perceptionFilterQuery = z.object({
  perceived: z.enum([...EMOTIONS, 'other'] as const).optional(),
  minAgreement: z.coerce.number().min(0).max(1).optional(),
  gold: booleanText.optional(),
});
