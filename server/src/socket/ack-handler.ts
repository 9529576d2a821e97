// The one way a client→server event is handled: ack required, payload validated, errors sanitised.
// Typed by RecordClientEvents: each handler must return its event's ack result (protocol/events.ts).
import type { ZodType } from 'zod';
import { AppError, badRequest, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { Ack, AckCallback, RecordClientEvents } from '../protocol/index.js';
import { describeZodError } from '../protocol/zod-error.js';
import type { RecordSocket } from './typed-io.js';

export interface HandlerContext {
  log: Logger;
  metrics: Metrics;
  /** false when the caller is over its event budget */
  allow: (socket: RecordSocket) => boolean;
}

type ClientEvent = keyof RecordClientEvents;
export type PayloadOf<E extends ClientEvent> = Parameters<RecordClientEvents[E]>[0];
/** The success half of an event's ack, e.g. TakeStopResult for take:stop. */
export type ResultOf<E extends ClientEvent> = Parameters<RecordClientEvents[E]>[1] extends AckCallback<infer R> ? R : never;

/** Work that follows the ack, with what the handler knows beyond the ack. */
export interface AfterAck<E extends ClientEvent, I, O> {
  /** What goes on the wire: the contract's fields only, never the server's own flags. */
  ack: (result: O) => ResultOf<E>;
  /** Runs once the ack has gone out. */
  run: (input: I, result: O, socket: RecordSocket) => void;
}

export function onEvent<E extends ClientEvent, I, O extends ResultOf<E>>(
  socket: RecordSocket,
  ctx: HandlerContext,
  event: E,
  schema: ZodType<I, PayloadOf<E>>,
  handler: (input: I, socket: RecordSocket) => Promise<O>,
  after?: AfterAck<E, I, O>,
): void {
  // Untyped on purpose: a client may send anything, in any number of arguments; the schema decides.
  (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, async (...args) => {
    const ack = args[args.length - 1];
    // Without a callback there is no one to answer: ignore, never crash.
    if (typeof ack !== 'function') return;
    const reply = ack as (result: Ack<O>) => void;
    const payload = args.length > 1 ? args[0] : undefined;
    try {
      if (!ctx.allow(socket)) throw new AppError('RATE_LIMITED', 'Too many events', { retryAfterMs: 1_000 });
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw badRequest(describeZodError(parsed.error));
      const result = await handler(parsed.data, socket);
      reply({ ok: true, ...(after ? after.ack(result) : result) });
      after?.run(parsed.data, result, socket);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') ctx.log.error({ err: error, event }, 'socket handler failed');
      ctx.metrics.errors.inc({ code: appError.code });
      reply({ ok: false, error: appError.toBody() });
    }
  });
}

/** Unknown events that carry an ack get BAD_REQUEST; others are ignored. */
export function answerUnknownEvents(socket: { onAny(listener: (event: string, ...args: unknown[]) => void): unknown }, known: ReadonlySet<string>): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && known.has(event)) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') {
      (ack as (result: Ack<object>) => void)({ ok: false, error: { code: 'BAD_REQUEST', message: 'Unknown event' } });
    }
  });
}
