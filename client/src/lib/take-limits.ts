import type { TakeLimitsJson } from '@emovox/server/protocol';
import { request } from './api';

/** GET /limits; null when the server cannot be asked (the recorder then keeps its default). */
export async function fetchTakeLimits(): Promise<TakeLimitsJson | null> {
  try {
    return await request<TakeLimitsJson>('/limits');
  } catch {
    return null;
  }
}
