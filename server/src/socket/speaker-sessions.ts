// Ends a speaker's /record sockets on every replica, as disabled supervisor accounts are ended (monitor-peers):
// one adapter message per replica, each replica telling and closing its own sockets, so that the notice is
// always written before the socket closes.
import type { Logger } from '../logger.js';
import { hasPeers } from './local-first-emit.js';
import type { RecordNamespace } from './typed-io.js';

const SPEAKER_ENDED = 'record:peer-speaker-ended';

type Untyped = {
  on(event: string, listener: (...args: unknown[]) => void): void;
  serverSideEmit(event: string, ...args: unknown[]): boolean;
};

export function speakerSessions(nsp: RecordNamespace, log: Logger) {
  const untyped = nsp as unknown as Untyped;
  const endHere = (speakerId: string, message: string) => {
    for (const socket of nsp.sockets.values()) {
      if (socket.data.speaker?.id !== speakerId) continue;
      socket.emit('session:expired', { code: 'UNAUTHORIZED', message });
      socket.disconnect(true);
    }
  };
  untyped.on(SPEAKER_ENDED, (speakerId, message) => {
    if (typeof speakerId === 'string') endHere(speakerId, typeof message === 'string' ? message : 'The token no longer works');
  });
  return {
    /** Disconnects the speaker's sockets here at once, and on the other replicas as soon as they hear of it. */
    end(speakerId: string, message: string): void {
      endHere(speakerId, message);
      hasPeers(nsp)
        .then((peers) => peers && untyped.serverSideEmit(SPEAKER_ENDED, speakerId, message))
        .catch((error: unknown) => log.warn({ err: error }, 'could not tell other replicas to end a speaker'));
    },
  };
}
export type SpeakerSessions = ReturnType<typeof speakerSessions>;
