import type { Server } from 'socket.io';
import { MONITOR_NAMESPACE, RECORD_NAMESPACE } from '../protocol/events.js';
import type { TakeNotifier } from '../takes/take-notifier.js';
import { speakerRoom } from './record-namespace.js';

/** Take changes go through the Socket.IO adapter, so speakers and monitors on every replica hear them. */
export function socketNotifier(io: Server): TakeNotifier {
  return {
    status(speakerId, status) {
      io.of(RECORD_NAMESPACE).to(speakerRoom(speakerId)).emit('take:status', status);
    },
    take(take) {
      io.of(MONITOR_NAMESPACE).emit('monitor:take', take);
    },
  };
}
