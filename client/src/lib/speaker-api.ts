// The speaker's own data on the server: their takes, and "forget me".
import type { TakeJson } from '@emovox/server/protocol';
import { request } from './api';

export function fetchMyTakes(token: string): Promise<TakeJson[]> {
  return request<{ items: TakeJson[] }>('/speakers/me/takes', { token }).then((body) => body.items);
}

export function forgetSpeaker(token: string, deleteTakes: boolean): Promise<{ deletedTakes: number }> {
  return request<{ deletedTakes: number }>('/speakers/me', { method: 'DELETE', token, body: JSON.stringify({ deleteTakes }) });
}
