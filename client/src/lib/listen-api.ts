// The listener's REST calls (docs/PROTOCOL.md, "Listening"), all under the speaker token.
import type { Locale } from '@emovox/server/protocol';
import { ApiError, request } from './api';
import type { Assignment, ListenMe, Rating } from './listen-types';

/** The open assignment, or null when the server answers 204 (nothing left for this listener). */
export async function fetchNextAssignment(token: string, locale: Locale): Promise<Assignment | null> {
  const assignment = await request<Assignment | undefined>(`/listen/next?${new URLSearchParams({ locale })}`, { token });
  return assignment ?? null;
}

/** The clip's WAV bytes. `audioUrl` is the server's own path (with or without the /api/v1 prefix, or absolute). */
export async function fetchAssignmentAudio(audioUrl: string, token: string): Promise<ArrayBuffer> {
  const url = /^https?:|^\/api\//.test(audioUrl) ? audioUrl : `/api/v1${audioUrl.startsWith('/') ? '' : '/'}${audioUrl}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'audio/wav' } });
  if (!response.ok) {
    let body = { code: 'INTERNAL', message: `HTTP ${response.status}` } as ApiError['body'];
    try {
      body = ((await response.json()) as { error?: ApiError['body'] }).error ?? body;
    } catch {
      // Not JSON: keep the generic body.
    }
    throw new ApiError(response.status, body);
  }
  return response.arrayBuffer();
}

export function submitRating(token: string, assignmentId: string, rating: Rating): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/listen/assignments/${encodeURIComponent(assignmentId)}`, {
    method: 'POST',
    token,
    body: JSON.stringify(rating),
  });
}

export function fetchListenMe(token: string): Promise<ListenMe> {
  return request<ListenMe>('/listen/me', { token });
}
