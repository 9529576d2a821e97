// Supervisor REST calls (docs/PROTOCOL.md, docs/PROTOCOL-extensions.md). Every call carries the
// session's token; a 401 from any of them ends the session, which sends the pages to /login.
import type {
  DeletionJson,
  Emotion,
  ExportFormat,
  Locale,
  LoginResult,
  QualityFlag,
  ReviewState,
  Role,
  SentenceJson,
  StatsJson,
  TakeJson,
  TakeState,
  UserJson,
} from '@emovox/server/protocol';
import { ApiError, request } from './api';
import type { Heard, PerceivedTake } from './listen-types';
import { endSession, session } from './supervisor-session';

export interface TakeFilter {
  state?: TakeState;
  emotion?: Emotion;
  review?: ReviewState;
  locale?: Locale;
  speakerId?: string;
  sentenceId?: string;
  flag?: QualityFlag;
  /** Listening (v1.1): the plurality heard, the least agreement (0..1), gold or not. */
  perceived?: Heard;
  minAgreement?: string;
  gold?: 'true' | 'false';
}

export interface ExportChoice {
  review: ReviewState | null;
  /** A validated subset (v1.1 export): listener agreement at least this, and/or heard as intended. */
  minAgreement?: string | null;
  perceivedMatchesIntended?: boolean;
  /** The metadata format of the download (the preview counts the same takes whatever it is); absent: CSV. */
  format?: ExportFormat;
}

/** The export's query fields for a choice; what is unset is left out. */
function exportFields(choice: ExportChoice): Record<string, string> {
  const fields: Record<string, string> = {};
  if (choice.review) fields.review = choice.review;
  if (choice.minAgreement) fields.minAgreement = choice.minAgreement;
  if (choice.perceivedMatchesIntended) fields.perceivedMatchesIntended = 'true';
  if (choice.format) fields.format = choice.format;
  return fields;
}

export function login(email: string, password: string): Promise<LoginResult> {
  return request<LoginResult>('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
}

/** Ends the token on the server (every replica), then here; a refused or unreachable server still logs out locally. */
export async function logout(): Promise<void> {
  const token = session()?.token;
  try {
    if (token) await request<undefined>('/auth/logout', { method: 'POST', token });
  } catch {
    // Already dead or the server is away: nothing more to end.
  } finally {
    endSession();
  }
}

export async function authed<T>(path: string, init: RequestInit = {}): Promise<T> {
  try {
    return await request<T>(path, { ...init, token: session()?.token ?? null });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) endSession('expired');
    throw error;
  }
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
const at = (id: string) => encodeURIComponent(id);

export const supervisorApi = {
  sentences: () => authed<{ items: SentenceJson[] }>('/sentences').then((page) => page.items),
  createSentence: (text: string, locale: Locale) => authed<SentenceJson>('/sentences', json('POST', { text, locale })),
  updateSentence: (id: string, patch: Partial<Pick<SentenceJson, 'text' | 'locale' | 'active'>>) =>
    authed<SentenceJson>(`/sentences/${at(id)}`, json('PATCH', patch)),
  /** Null when the sentence had no takes and is gone; the deactivated sentence otherwise. */
  removeSentence: (id: string) => authed<SentenceJson | undefined>(`/sentences/${at(id)}`, { method: 'DELETE' }).then((s) => s ?? null),

  takes(filter: TakeFilter, cursor: string | null, limit = 50) {
    const query = new URLSearchParams({ limit: String(limit) });
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    if (cursor) query.set('cursor', cursor);
    return authed<{ items: TakeJson[]; nextCursor: string | null }>(`/takes?${query}`);
  },
  take: (takeId: string) => authed<TakeJson>(`/takes/${at(takeId)}`),
  takeWav: (takeId: string) => authed<ArrayBuffer>(`/takes/${at(takeId)}/audio?format=wav`, { headers: { Accept: 'audio/wav' } }),
  review: (takeId: string, review: ReviewState, note: string | null) => authed<TakeJson>(`/takes/${at(takeId)}`, json('PATCH', { review, note })),
  /** Gold alone: the review stays as it is. */
  setGold: (takeId: string, gold: boolean) => authed<PerceivedTake>(`/takes/${at(takeId)}`, json('PATCH', { gold })),
  /** 204; the server keeps an audit row with reason `supervisor`. */
  deleteTake: (takeId: string) => authed<undefined>(`/takes/${at(takeId)}`, { method: 'DELETE' }),
  deletions: () => authed<{ items: DeletionJson[] }>('/deletions').then((page) => page.items),
  stats: () => authed<StatsJson>('/stats'),
  /** One decision for up to 500 takes, in one transaction. */
  reviewMany: (takeIds: string[], review: ReviewState) =>
    authed<{ items: TakeJson[]; missing: string[] }>('/takes/review', json('POST', { takeIds, review })),
  /** How many takes and seconds of audio the export with this choice holds. */
  exportPreview: (choice: ExportChoice) =>
    authed<{ takes: number; seconds: number }>(`/export/preview?${new URLSearchParams(exportFields(choice))}`),
  /** A one-minute link to the export: the browser downloads it to disk as it streams, never into memory. */
  exportLink: (choice: ExportChoice) =>
    authed<{ url: string; expiresAt: string }>('/export/tickets', json('POST', exportFields(choice))).then((ticket) => ticket.url),

  users: () => authed<{ items: UserJson[] }>('/users').then((page) => page.items),
  createUser: (email: string, password: string, role: Role) => authed<UserJson>('/users', json('POST', { email, password, role })),
  setUserDisabled: (id: string, disabled: boolean) => authed<UserJson>(`/users/${at(id)}`, json('PATCH', { disabled })),
};
