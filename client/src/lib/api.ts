import type {
  AgeRange,
  ErrorBody,
  Gender,
  Locale,
  SentenceJson,
  SpeakerCreated,
  TakeJson,
} from '@emovox/server/protocol';

const PREFIX = '/api/v1';

/** A failed REST call, carrying the contract's error body (or INTERNAL when there was none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
  get code(): ErrorBody['code'] {
    return this.body.code;
  }
}

/** One REST call under /api/v1: JSON in and out (binary answers come back as an ArrayBuffer). */
export async function request<T>(path: string, init: RequestInit & { token?: string | null } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  const response = await fetch(PREFIX + path, { ...init, headers });
  if (!response.ok) {
    let body: ErrorBody = { code: 'INTERNAL', message: `HTTP ${response.status}` };
    try {
      const parsed = (await response.json()) as { error?: ErrorBody };
      if (parsed.error) body = parsed.error;
    } catch {
      // Not JSON (a proxy error page): keep the generic body.
    }
    throw new ApiError(response.status, body);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.arrayBuffer()) as T;
}

export type SentenceOrNone = Pick<SentenceJson, 'id' | 'text' | 'locale'> | null;

export async function fetchRandomSentence(locale: Locale, exclude: string[]): Promise<SentenceOrNone> {
  const query = new URLSearchParams({ locale });
  if (exclude.length > 0) query.set('exclude', exclude.slice(-20).join(','));
  try {
    return await request<Pick<SentenceJson, 'id' | 'text' | 'locale'>>(`/sentences/random?${query}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export interface ConsentAnswers {
  locale: Locale;
  ageRange: AgeRange | null;
  gender: Gender | null;
  nativeLanguage: string | null;
  accent: string | null;
}

export function createSpeaker(answers: ConsentAnswers): Promise<SpeakerCreated> {
  const body: Record<string, unknown> = { consent: true, locale: answers.locale };
  for (const key of ['ageRange', 'gender', 'nativeLanguage', 'accent'] as const) {
    if (answers[key]) body[key] = answers[key];
  }
  return request<SpeakerCreated>('/speakers', { method: 'POST', body: JSON.stringify(body) });
}

export function fetchTake(takeId: string, token: string): Promise<TakeJson> {
  return request<TakeJson>(`/takes/${encodeURIComponent(takeId)}`, { token });
}

export function fetchTakeWav(takeId: string, token: string): Promise<ArrayBuffer> {
  return request<ArrayBuffer>(`/takes/${encodeURIComponent(takeId)}/audio?format=wav`, {
    token,
    headers: { Accept: 'audio/wav' },
  });
}

export function deleteTakeWithToken(takeId: string, token: string): Promise<void> {
  return request<void>(`/takes/${encodeURIComponent(takeId)}`, { method: 'DELETE', token });
}

export function deleteTakeWithReceipt(takeId: string, receipt: string): Promise<void> {
  return request<void>(`/takes/${encodeURIComponent(takeId)}`, {
    method: 'DELETE',
    body: JSON.stringify({ receipt }),
  });
}

export interface UploadFields {
  sentenceId: string;
  emotion: string;
  intensity: string | null;
  audioSettings: unknown;
  clientTakeId: string;
  replacesTakeId?: string;
  /** Pre-roll and post-roll marks (take-cues.ts). */
  speakAtMs?: number;
  stopPressedAtMs?: number;
  promptId?: string;
}

/** The whole-file path, for when the live socket cannot connect at all. */
export function uploadTake(file: Blob, fields: UploadFields, token: string): Promise<TakeJson & { receipt: string }> {
  const form = new FormData();
  form.set('sentenceId', fields.sentenceId);
  form.set('emotion', fields.emotion);
  if (fields.intensity) form.set('intensity', fields.intensity);
  form.set('audioSettings', JSON.stringify(fields.audioSettings));
  form.set('clientTakeId', fields.clientTakeId);
  if (fields.replacesTakeId) form.set('replacesTakeId', fields.replacesTakeId);
  if (fields.speakAtMs !== undefined) form.set('speakAtMs', String(fields.speakAtMs));
  if (fields.stopPressedAtMs !== undefined) form.set('stopPressedAtMs', String(fields.stopPressedAtMs));
  if (fields.promptId) form.set('promptId', fields.promptId);
  form.set('file', file, 'take');
  return request(`/takes`, { method: 'POST', body: form, token });
}
