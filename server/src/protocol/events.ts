// Socket.IO event maps shared by the server and every client (see docs/PROTOCOL.md).
import type { AckCallback, Session, TakeJson, TakeStatus } from './types.js';
import type { TakeState } from './vocabulary.js';
import type { Campaign, TakeRedoNotice } from './campaigns.js';
import type {
  TakeChunkPayload,
  TakeIdPayload,
  TakeStartPayload,
  TakeStopPayload,
} from './payloads.js';

export const RECORD_NAMESPACE = '/record';
export const MONITOR_NAMESPACE = '/monitor';

export interface TakeStartResult {
  takeId: string;
  receipt: string;
  state: TakeState;
  maxChunkBytes: number;
  /** Added to the contract: the longest take, in seconds (MAX_TAKE_SECONDS). */
  maxTakeSeconds: number;
}
/** GET /limits (an addition to the contract). */
export interface TakeLimitsJson {
  maxTakeSeconds: number;
  maxChunkBytes: number;
}
export interface TakeChunkResult {
  seq: number;
}
export interface TakeStopResult {
  state: TakeState;
}
export interface TakeResumeResult {
  state: TakeState;
  nextSeq: number;
  missing: number[];
  receivedSeq: number;
  receipt: string;
}
export interface TakeDiscardResult {
  state: 'discarded';
}

export interface RecordClientEvents {
  'take:start': (payload: TakeStartPayload, ack: AckCallback<TakeStartResult>) => void;
  'take:chunk': (payload: TakeChunkPayload, ack: AckCallback<TakeChunkResult>) => void;
  'take:stop': (payload: TakeStopPayload, ack: AckCallback<TakeStopResult>) => void;
  'take:resume': (payload: TakeIdPayload, ack: AckCallback<TakeResumeResult>) => void;
  'take:discard': (payload: TakeIdPayload, ack: AckCallback<TakeDiscardResult>) => void;
}

/** Sent just before the server ends a socket whose token no longer works. */
export interface SessionExpiredNotice {
  code: 'UNAUTHORIZED';
  message: string;
}

export interface RecordServerEvents {
  'take:status': (status: TakeStatus) => void;
  /** The speaker was forgotten (DELETE /speakers/me). */
  'session:expired': (notice: SessionExpiredNotice) => void;
  /** A supervisor asked for this take to be recorded again (v1.1 campaigns). */
  'take:redo': (notice: TakeRedoNotice) => void;
}

export interface MonitorSnapshot {
  sessions: Session[];
  recent: TakeJson[];
}

export type MonitorClientEvents = Record<string, never>;

export interface MonitorServerEvents {
  'monitor:snapshot': (snapshot: MonitorSnapshot) => void;
  'monitor:session': (session: Session) => void;
  'monitor:take': (take: TakeJson) => void;
  /** A campaign's progress changed (v1.1 campaigns). */
  'monitor:campaign': (campaign: Campaign) => void;
  /** The account was disabled, the token logged out, or it expired. */
  'session:expired': (notice: SessionExpiredNotice) => void;
}
