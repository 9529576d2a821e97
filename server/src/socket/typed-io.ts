// The Socket.IO server typed by the event maps in protocol/events.ts. One Server carries two namespaces with
// different maps, and socket.io types `io.of()` with the server's own; the two casts below are the only place
// where a namespace gets its map, so every emit, handler and ack elsewhere is checked against the contract.
import type { Namespace, Server, Socket } from 'socket.io';
import type { Speaker } from '../db/speaker-repository.js';
import {
  MONITOR_NAMESPACE,
  RECORD_NAMESPACE,
  type MonitorClientEvents,
  type MonitorServerEvents,
  type RecordClientEvents,
  type RecordServerEvents,
} from '../protocol/index.js';

/** What a supervisor's handshake established, checked again while the socket lives. */
export interface SupervisorData {
  userId: string;
  expiresAt: Date;
  tokenId: string | null;
  epoch: number;
}

/** Set by each namespace's handshake: a /record socket has a speaker, a /monitor socket a supervisor. */
export interface SocketData {
  speaker?: Speaker;
  supervisor?: SupervisorData;
  /** A /record socket whose page said goodbye (session:leave). */
  leaving?: boolean;
}

/** Replica-to-replica messages (serverSideEmit) are internal and checked where they are heard. */
export type InterServerEvents = Record<string, (...args: unknown[]) => void>;
export type NoEvents = Record<string, never>;

/** The root namespace is not used: clients connect to /record and /monitor. */
export type AppServer = Server<NoEvents, NoEvents, InterServerEvents, SocketData>;
export type RecordNamespace = Namespace<RecordClientEvents, RecordServerEvents, InterServerEvents, SocketData>;
export type RecordSocket = Socket<RecordClientEvents, RecordServerEvents, InterServerEvents, SocketData>;
export type MonitorNamespace = Namespace<MonitorClientEvents, MonitorServerEvents, InterServerEvents, SocketData>;
export type MonitorSocket = Socket<MonitorClientEvents, MonitorServerEvents, InterServerEvents, SocketData>;

export const recordNamespace = (io: AppServer) => io.of(RECORD_NAMESPACE) as unknown as RecordNamespace;
export const monitorNamespace = (io: AppServer) => io.of(MONITOR_NAMESPACE) as unknown as MonitorNamespace;
