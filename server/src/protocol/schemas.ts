// zod schemas for every payload that crosses a boundary. Handlers parse with these on their first line.
import { z } from 'zod';
import {
  AGE_RANGES,
  EMOTIONS,
  GENDERS,
  INTENSITIES,
  LOCALES,
  QUALITY_FLAGS,
  REVIEW_STATES,
  EXPORT_FORMATS,
  ROLES,
  TAKE_STATES,
} from './vocabulary.js';

export const uuid = z.uuid();

// RFC 9110 media-type: type "/" subtype *( OWS ";" OWS token "=" ( token / quoted-string ) ), ASCII only,
// so that it can travel back as a Content-Type header. No CR, LF or NUL can pass. One leniency: a comma in an
// unquoted value, as browsers write "codecs=vp8,opus".
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const VALUE = "[!#$%&'*+.^_`|~0-9A-Za-z,-]+";
const QUOTED = '"(?:[\\t !#-\\[\\]-~]|\\\\[\\t -~])*"';
export const MIME_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${VALUE}|${QUOTED}))*$`);
export const mimeTypeSchema = z.string().min(1).max(100).regex(MIME_TYPE, 'mimeType is not a valid media type');

// PostgreSQL text cannot hold NUL: refuse it where it enters rather than fail in the database.
const NO_NUL = /^[^\0]*$/;
const text = () => z.string().regex(NO_NUL, 'text must not contain NUL characters');
const seq = z.number().int().min(0).max(2_147_483_647);
const nullableBool = z.boolean().nullable().optional();
const nullablePositive = z.number().positive().max(1_000_000).nullable().optional();

export const audioSettingsSchema = z
  .object({
    echoCancellation: nullableBool,
    noiseSuppression: nullableBool,
    autoGainControl: nullableBool,
    sampleRate: nullablePositive,
    channelCount: z.number().int().min(1).max(32).nullable().optional(),
  })
  .strip();

export const takeStartSchema = z.object({
  sentenceId: uuid,
  emotion: z.enum(EMOTIONS),
  intensity: z.enum(INTENSITIES).nullable().optional(),
  mimeType: mimeTypeSchema,
  audioSettings: audioSettingsSchema.nullable().optional(),
  clientTakeId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  /** A take of the same speaker that this one re-records; it is kept and marked replaced once this one is saved. */
  replacesTakeId: uuid.optional(),
  /** A campaign prompt: the take gets its sentence, emotion and intensity (the payload must agree with them). */
  promptId: uuid.optional(),
});

const binary = z.custom<ArrayBuffer | Uint8Array>(
  (value) => value instanceof ArrayBuffer || ArrayBuffer.isView(value),
  { message: 'data must be binary' },
);

export const takeChunkSchema = z.object({
  takeId: uuid,
  seq,
  data: binary,
  peak: z.number().min(0).max(1).optional(),
});

/** Pre-roll and post-roll marks (docs/PROTOCOL-extensions.md): ms from the start of the recording. */
const markMs = z.number().int().min(0).max(86_400_000);
const marksInOrder = (marks: { speakAtMs?: number | undefined; stopPressedAtMs?: number | undefined }) =>
  marks.speakAtMs === undefined || marks.stopPressedAtMs === undefined || marks.speakAtMs <= marks.stopPressedAtMs;
const marksOrderIssue = { message: 'speakAtMs must not come after stopPressedAtMs', path: ['speakAtMs'] };

export const takeStopSchema = z
  .object({
    takeId: uuid,
    lastSeq: seq,
    durationMs: z.number().min(0).max(86_400_000).optional(),
    speakAtMs: markMs.optional(),
    stopPressedAtMs: markMs.optional(),
  })
  .refine(marksInOrder, marksOrderIssue);

export const takeIdSchema = z.object({ takeId: uuid });

/** take:pause (an addition): the recorder paused or resumed this take. */
export const takePauseSchema = z.object({ takeId: uuid, paused: z.boolean() });

/** session:leave (an addition): the page is going away (tab closed, navigated off). Nothing to carry. */
export const sessionLeaveSchema = z.object({}).strip().optional();

const freeText = text().trim().max(64).nullable().optional();

export const createSpeakerSchema = z.object({
  consent: z.literal(true),
  locale: z.enum(LOCALES),
  ageRange: z.enum(AGE_RANGES).nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  nativeLanguage: freeText,
  accent: freeText,
});

export const loginSchema = z.object({
  email: text().trim().min(3).max(254),
  password: text().min(1).max(1024),
});

export const randomSentenceQuery = z.object({
  locale: z.enum(LOCALES).optional(),
  exclude: z
    .string()
    .max(20_000)
    .optional()
    .transform((value) => (value ? value.split(',').filter(Boolean) : []))
    .pipe(z.array(uuid).max(500)),
});

export const audioQuery = z.object({
  format: z.enum(['wav', 'original']).default('wav'),
});

export const deleteTakeBody = z
  .object({ receipt: z.string().min(1).max(200).optional() })
  .optional()
  .transform((body) => body ?? {});

export const forgetSpeakerBody = z
  .object({ deleteTakes: z.boolean().default(false) })
  .optional()
  .transform((body) => body ?? { deleteTakes: false });

export const uploadFieldsSchema = z.object({
  sentenceId: uuid,
  emotion: z.enum(EMOTIONS),
  intensity: z.enum(INTENSITIES).optional(),
  audioSettings: z
    .string()
    .max(4096)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'audioSettings must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(audioSettingsSchema.optional()),
  clientTakeId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  replacesTakeId: uuid.optional(),
  promptId: uuid.optional(),
  speakAtMs: z.string().regex(/^\d{1,8}$/, 'speakAtMs must be whole milliseconds').transform(Number).pipe(markMs).optional(),
  stopPressedAtMs: z.string().regex(/^\d{1,8}$/, 'stopPressedAtMs must be whole milliseconds').transform(Number).pipe(markMs).optional(),
}).refine(marksInOrder, marksOrderIssue);

export const sentenceCreateSchema = z.object({
  text: text().trim().min(1).max(500),
  locale: z.enum(LOCALES),
  active: z.boolean().optional(),
});

export const sentencePatchSchema = z
  .object({
    text: text().trim().min(1).max(500).optional(),
    locale: z.enum(LOCALES).optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change' });

export const takeListQuery = z.object({
  state: z.enum(TAKE_STATES).optional(),
  emotion: z.enum(EMOTIONS).optional(),
  speakerId: uuid.optional(),
  review: z.enum(REVIEW_STATES).optional(),
  locale: z.enum(LOCALES).optional(),
  sentenceId: uuid.optional(),
  /** Takes whose quality check raised this flag. */
  flag: z.enum(QUALITY_FLAGS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const reviewPatchSchema = z.object({
  review: z.enum(REVIEW_STATES),
  note: text().max(2000).nullable().optional(),
});

/** One decision for many takes (POST /takes/review): at most 500, applied together or not at all. */
export const bulkReviewSchema = z.object({
  takeIds: z.array(uuid).min(1).max(500),
  review: z.enum(REVIEW_STATES),
  note: text().max(2000).nullable().optional(),
});

export const exportQuery = z.object({
  /** Absent: every review state but rejected; `any`: rejected too (v1.1 leaves rejected takes out unless asked). */
  review: z.enum([...REVIEW_STATES, 'any']).optional(),
  since: z.iso.date().or(z.iso.datetime()).optional(),
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Replaced takes are left out unless asked for. */
  replaced: z.enum(['exclude', 'include']).default('exclude'),
  /** A validated subset: takes whose listener agreement is at least this (unrated takes are left out). */
  minAgreement: z.coerce.number().min(0).max(1).optional(),
  /** true: only takes whose perceived emotion is the intended one; false is the same as absent. */
  perceivedMatchesIntended: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).optional(),
});

export const userCreateSchema = z.object({
  email: z.email().max(254),
  password: text().min(10).max(1024),
  role: z.enum(ROLES),
});
