// A Socket.IO client for the fuzzer: every emit ends in an answer, a timeout, or the socket closing.
import { io, type Socket } from 'socket.io-client';

export type Outcome = { kind: 'ack'; ack: unknown } | { kind: 'timeout' } | { kind: 'closed'; reason: string };

export class FuzzSocket {
  closedReason: string | null = null;
  readonly statuses: unknown[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('disconnect', (reason) => (this.closedReason = reason));
  }

  /** Connects, or rejects with the connect_error message (the contract's code). */
  static connect(url: string, namespace: string, token: unknown): Promise<FuzzSocket> {
    const socket = io(`${url}${namespace}`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000 });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new FuzzSocket(socket)));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  get open(): boolean {
    return this.closedReason === null && this.socket.connected;
  }

  emit(event: string | number, args: unknown[], timeoutMs: number): Promise<Outcome> {
    return new Promise((resolve) => {
      const onDisconnect = (reason: string) => finish({ kind: 'closed', reason });
      const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
      let done = false;
      const finish = (outcome: Outcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.socket.off('disconnect', onDisconnect);
        resolve(outcome);
      };
      if (!this.socket.connected) return finish({ kind: 'closed', reason: this.closedReason ?? 'not connected' });
      this.socket.on('disconnect', onDisconnect);
      (this.socket.emit as (...all: unknown[]) => void)(event, ...args, (ack: unknown) => finish({ kind: 'ack', ack }));
    });
  }

  /** An event without a callback: nothing comes back; the server must ignore it. */
  emitNoAck(event: string | number, args: unknown[]): void {
    if (this.socket.connected) (this.socket.emit as (...all: unknown[]) => void)(event, ...args);
  }

  /** A raw engine.io message, bypassing the Socket.IO encoder (malformed packets). */
  writeRaw(data: string | Buffer): void {
    const engine = (this.socket.io as unknown as { engine?: { write(data: string | Buffer): void } }).engine;
    if (this.socket.connected) engine?.write(data);
  }

  close(): void {
    this.socket.close();
  }
}
