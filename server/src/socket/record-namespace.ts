// Socket.IO /record: speakers stream takes. Thin: validate, call the take service, map the result.
import type { Namespace, Server, Socket } from 'socket.io';
import type { ResolveIdentity } from '../auth/identity.js';
import type { Speaker } from '../db/speaker-repository.js';
import { RECORD_NAMESPACE } from '../protocol/events.js';
import { takeChunkSchema, takeIdSchema, takeStartSchema, takeStopSchema } from '../protocol/schemas.js';
import type { TakeService } from '../takes/take-service.js';
import { answerUnknownEvents, onEvent, type HandlerContext } from './ack-handler.js';
import { SpeakerSocketCap } from './socket-cap.js';

const EVENTS = new Set(['take:start', 'take:chunk', 'take:stop', 'take:resume', 'take:discard']);

export const speakerRoom = (speakerId: string) => `speaker:${speakerId}`;

export interface RecordNamespaceDeps {
  resolveIdentity: ResolveIdentity;
  service: TakeService;
  removeObjects: (prefix: string) => Promise<void>;
  ctx: HandlerContext;
  /** /record sockets one speaker may hold on this replica. */
  maxSocketsPerSpeaker: number;
  onPresence?: (speaker: Speaker, connected: boolean) => void;
}

export function attachRecordNamespace(io: Server, deps: RecordNamespaceDeps): Namespace {
  const nsp = io.of(RECORD_NAMESPACE);
  const cap = new SpeakerSocketCap(deps.maxSocketsPerSpeaker);
  nsp.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const identity = await deps.resolveIdentity(typeof token === 'string' ? token : null);
      if (!identity) return next(new Error('UNAUTHORIZED'));
      if (identity.kind !== 'speaker') return next(new Error('FORBIDDEN'));
      if (!cap.take(identity.speaker.id, socket)) return next(new Error('RATE_LIMITED'));
      socket.data.speaker = identity.speaker;
      next();
    } catch (error) {
      deps.ctx.log.error({ err: error }, 'record handshake failed');
      next(new Error('UNAVAILABLE'));
    }
  });

  nsp.on('connection', (socket: Socket) => {
    const speaker = socket.data.speaker as Speaker;
    void socket.join(speakerRoom(speaker.id));
    deps.ctx.metrics.connectedSockets.inc({ namespace: RECORD_NAMESPACE });
    deps.onPresence?.(speaker, true);
    socket.on('disconnect', () => {
      deps.ctx.metrics.connectedSockets.dec({ namespace: RECORD_NAMESPACE });
      deps.onPresence?.(speaker, false);
    });
    answerUnknownEvents(socket, EVENTS);

    const { service, ctx } = deps;
    onEvent(socket, ctx, 'take:start', takeStartSchema, (input) => service.start(speaker, input));
    onEvent(socket, ctx, 'take:chunk', takeChunkSchema, (input) => service.chunk(speaker, input, performance.now()));
    onEvent(
      socket,
      ctx,
      'take:stop',
      takeStopSchema,
      async (input) => service.stop(speaker, input),
      // After the ack has gone out: the finalizing status, then the finalize itself.
      (input, result) => {
        if (result.changed) {
          service.afterStop(input.takeId).catch((error: unknown) => ctx.log.error({ err: error }, 'finalize crashed'));
        }
      },
    );
    onEvent(socket, ctx, 'take:resume', takeIdSchema, (input) => service.resume(speaker, input.takeId));
    onEvent(socket, ctx, 'take:discard', takeIdSchema, (input) =>
      service.discard(speaker, input.takeId, deps.removeObjects),
    );
  });
  return nsp;
}
