import type { ErrorBody, TakeState } from '@emovox/server/protocol';
import type { ChunkStore } from '../lib/chunk-store';
import type { TakeTransport } from '../lib/record-socket';

export interface UploadProgress {
  takeId: string | null;
  receipt: string | null;
  /** Chunks captured so far (seq assigned). */
  captured: number;
  /** Distinct chunks sent at least once. */
  sent: number;
  /** Chunks the server has acknowledged as durable. */
  acked: number;
  /** Chunks kept locally until their ack arrives. */
  unacked: number;
  connected: boolean;
  serverState: TakeState | null;
  error: ErrorBody | null;
}

export interface UploaderDeps {
  transport: TakeTransport;
  store: ChunkStore;
  onChange: (progress: UploadProgress) => void;
  /** Delay before resending a chunk whose ack did not come, while still connected. */
  retryDelayMs?: number;
  /** Asks the server for the take's state (GET /takes/:id) while waiting for it to be saved. */
  pollState?: (takeId: string) => Promise<TakeState>;
  /** The longest take, in seconds, as the take:start ack gives it. */
  onMaxTakeSeconds?: (seconds: number) => void;
}

const FINAL: readonly TakeState[] = ['saved', 'failed', 'discarded'];

export function isFinalState(state: TakeState | null): boolean {
  return state !== null && FINAL.includes(state);
}

/** Worth trying again later: the server was busy or briefly unable. */
export function isRetryable(error: ErrorBody): boolean {
  return error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE' || error.code === 'INTERNAL';
}
