import type { AppServer } from './typed-io.js';
import { MONITOR_NAMESPACE, RECORD_NAMESPACE } from '../protocol/events.js';
import type { RatingNotifier } from '../listening/listening-service.js';
import type { TakeNotifier } from '../takes/take-notifier.js';
import { emitLocalFirst } from './local-first-emit.js';
import { speakerRoom } from './record-namespace.js';

/** Take changes reach speakers and monitors on every replica, this replica's at once (local-first-emit.ts). */
export function socketNotifier(io: AppServer): TakeNotifier & RatingNotifier {
  return {
    status(speakerId, status) {
      emitLocalFirst(io.of(RECORD_NAMESPACE), speakerRoom(speakerId), 'take:status', status);
    },
    take(take) {
      emitLocalFirst(io.of(MONITOR_NAMESPACE), null, 'monitor:take', take);
    },
    rating(event) {
      emitLocalFirst(io.of(MONITOR_NAMESPACE), null, 'monitor:rating', event);
    },
  };
}
