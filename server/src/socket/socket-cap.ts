// At most `max` /record sockets per speaker on this replica. A place is taken in the handshake middleware and
// given back when the socket disconnects, or when its connection closes before it ever connected (Socket.IO
// connects a socket one tick after its middleware passes, so counting connected sockets alone would race).
import type { Socket } from 'socket.io';

export class SpeakerSocketCap {
  private readonly held = new Map<string, number>();

  constructor(private readonly max: number) {}

  count(speakerId: string): number {
    return this.held.get(speakerId) ?? 0;
  }

  /** Takes a place for this socket; false when the speaker already holds `max`. */
  take(speakerId: string, socket: Socket): boolean {
    const count = this.count(speakerId);
    if (count >= this.max) return false;
    this.held.set(speakerId, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      socket.conn.off('close', release);
      const left = this.count(speakerId) - 1;
      if (left > 0) this.held.set(speakerId, left);
      else this.held.delete(speakerId);
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    return true;
  }
}
