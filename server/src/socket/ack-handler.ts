// The one way a client→server event is handled: ack required, payload validated, errors sanitised.
import type { Socket } from 'socket.io';
import type { ZodType } from 'zod';
import { AppError, badRequest, toAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { Ack } from '../protocol/index.js';
import { describeZodError } from '../protocol/zod-error.js';

export interface HandlerContext {
  log: Logger;
  metrics: Metrics;
  /** false when the caller is over its event budget */
  allow: (socket: Socket) => boolean;
}

type Handler<I, O extends object> = (input: I, socket: Socket) => Promise<O>;

export function onEvent<I, O extends object>(
  socket: Socket,
  ctx: HandlerContext,
  event: string,
  schema: ZodType<I>,
  handler: Handler<I, O>,
  after?: (input: I, result: O, socket: Socket) => void,
): void {
  socket.on(event, async (...args: unknown[]) => {
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
      reply({ ok: true, ...result });
      after?.(parsed.data, result, socket);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') ctx.log.error({ err: error, event }, 'socket handler failed');
      ctx.metrics.errors.inc({ code: appError.code });
      reply({ ok: false, error: appError.toBody() });
    }
  });
}

/** Unknown events that carry an ack get BAD_REQUEST; others are ignored. */
export function answerUnknownEvents(socket: Socket, known: ReadonlySet<string>): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && known.has(event)) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') {
      (ack as (result: Ack<object>) => void)({ ok: false, error: { code: 'BAD_REQUEST', message: 'Unknown event' } });
    }
  });
}
