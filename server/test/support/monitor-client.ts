// A supervisor's /monitor socket for tests: every event is recorded from the first moment, so none is missed.
import { io } from 'socket.io-client';

/** Connects to /monitor, recording every event from the first moment so none is missed. */
export function watchMonitor(baseUrl: string, token: string | undefined) {
  const socket = io(`${baseUrl}/monitor`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
  const events: { name: string; payload: unknown }[] = [];
  const waiters = new Set<() => void>();
  socket.onAny((name: string, payload: unknown) => {
    events.push({ name, payload });
    waiters.forEach((wake) => wake());
  });
  socket.on('disconnect', (reason) => {
    events.push({ name: 'disconnect', payload: reason });
    waiters.forEach((wake) => wake());
  });
  /** Resolves with the first event (already received or still to come) that matches. */
  const waitFor = <T>(name: string, match: (payload: T) => boolean = () => true, timeoutMs = 30_000) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = events.find((event) => event.name === name && match(event.payload as T));
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found.payload as T);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${name} in time; saw ${events.map((event) => event.name).join(', ')}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return { socket, events, waitFor, connected };
}
