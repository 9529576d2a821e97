// Compile-time checks, run by `npx tsc -p server`: the sockets are typed by the event maps in protocol/events.ts,
// so a wrong ack result, schema or emit payload does not build. Each @ts-expect-error must stay an error.
import { takeIdSchema, takeStopSchema } from '../../src/protocol/schemas.js';
import { onEvent, type HandlerContext } from '../../src/socket/ack-handler.js';
import type { MonitorSocket, RecordSocket } from '../../src/socket/typed-io.js';

export function wrongShapesDoNotBuild(record: RecordSocket, monitor: MonitorSocket, ctx: HandlerContext): void {
  onEvent(record, ctx, 'take:stop', takeStopSchema, async () => ({ state: 'finalizing' as const }));
  // @ts-expect-error take:stop acks with TakeStopResult { state }, not { seq }
  onEvent(record, ctx, 'take:stop', takeStopSchema, async () => ({ seq: 1 }));
  // @ts-expect-error take:discard acks with TakeDiscardResult, whose state is 'discarded'
  onEvent(record, ctx, 'take:discard', takeIdSchema, async () => ({ state: 'saved' as const }));
  // @ts-expect-error take:chunk is checked by the chunk schema, not the take-id one
  onEvent(record, ctx, 'take:chunk', takeIdSchema, async () => ({ seq: 1 }));

  monitor.emit('session:expired', { code: 'UNAUTHORIZED', message: 'Logged out' });
  // @ts-expect-error session:expired carries { code, message }
  monitor.emit('session:expired');
  // @ts-expect-error take:status carries a whole TakeStatus
  record.emit('take:status', { takeId: 'x' });
}
