import { io, type Socket } from 'socket.io-client';
import {
  RECORD_NAMESPACE,
  type RecordClientEvents,
  type RecordServerEvents,
  type TakeStatus,
} from '@emovox/server/protocol';
import type { TakeRedo } from './campaigns/types';

type ClientEvent = keyof RecordClientEvents;
export type PayloadOf<E extends ClientEvent> = Parameters<RecordClientEvents[E]>[0];
export type AckOf<E extends ClientEvent> = Parameters<Parameters<RecordClientEvents[E]>[1]>[0];

/** The slice of the `/record` namespace a take needs; the socket below is the real one. */
export interface TakeTransport {
  /** Resolves with the ack; rejects on timeout or when not connected (nothing is queued). */
  request<E extends ClientEvent>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>>;
  isConnected(): boolean;
  onConnect(listener: () => void): () => void;
  onDisconnect(listener: () => void): () => void;
  onStatus(listener: (status: TakeStatus) => void): () => void;
}

export interface RecordSocket extends TakeTransport {
  /** Fires on a failed handshake with the contract's CODE (e.g. UNAUTHORIZED) or a transport message. */
  onConnectError(listener: (message: string) => void): () => void;
  /** Fires before each reconnection attempt, whatever made the previous one fail. */
  onReconnectAttempt(listener: () => void): () => void;
  /** The page is going away: say goodbye (session:leave, an addition) and close, so the monitor shows "left" at once. */
  leave(): void;
  /** The page came back (from the back/forward cache): connect again. */
  rejoin(): void;
  /** `take:redo`: a supervisor asks for a take again (v1.1). */
  onRedo(listener: (redo: TakeRedo) => void): () => void;
  close(): void;
}

export const ACK_TIMEOUT_MS = 10_000;

export function makeRecordSocket(token: string, url = '', ackTimeoutMs = ACK_TIMEOUT_MS): RecordSocket {
  const socket: Socket<RecordServerEvents, RecordClientEvents> = io(url + RECORD_NAMESPACE, {
    auth: { token },
    reconnection: true,
    reconnectionDelay: 300,
    reconnectionDelayMax: 3000,
    transports: ['websocket', 'polling'],
  });
  // Emits made while offline would be replayed after reconnecting; the take logic resends by itself.
  socket.on('disconnect', () => {
    socket.sendBuffer = [];
  });

  const subscribe = <A extends unknown[]>(event: string, listener: (...args: A) => void) => {
    const untyped = socket as unknown as Socket;
    untyped.on(event, listener as (...args: unknown[]) => void);
    return () => void untyped.off(event, listener as (...args: unknown[]) => void);
  };

  return {
    request(event, payload) {
      if (!socket.connected) return Promise.reject(new Error('not connected'));
      const untyped = socket as unknown as Socket;
      return untyped.timeout(ackTimeoutMs).emitWithAck(event, payload);
    },
    isConnected: () => socket.connected,
    onConnect: (listener) => subscribe('connect', listener),
    onDisconnect: (listener) => subscribe('disconnect', listener),
    onStatus: (listener) => subscribe('take:status', listener),
    onConnectError: (listener) => subscribe('connect_error', (error: Error) => listener(error.message)),
    onReconnectAttempt: (listener) => {
      socket.io.on('reconnect_attempt', listener);
      return () => void socket.io.off('reconnect_attempt', listener);
    },
    leave: () => {
      // No one will read the answer; the ack callback is there because the contract ignores events without one.
      if (socket.connected) socket.emit('session:leave', {}, () => undefined);
      socket.disconnect();
    },
    rejoin: () => void (socket.disconnected && socket.connect()),
    onRedo: (listener) => subscribe('take:redo', listener),
    close: () => void socket.close(),
  };
}
