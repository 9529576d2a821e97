// Socket.IO /record: speakers stream takes. Thin: validate, call the take service, map the result.
import type { ResolveIdentity } from '../auth/identity.js';
import type { Speaker } from '../db/speaker-repository.js';
import { RECORD_NAMESPACE } from '../protocol/events.js';
import { sessionLeaveSchema, takeChunkSchema, takeIdSchema, takePauseSchema, takeStartSchema, takeStopSchema } from '../protocol/schemas.js';
import type { TakeService } from '../takes/take-service.js';
import { answerUnknownEvents, onEvent, type HandlerContext } from './ack-handler.js';
import { tokenHandshake } from './handshake.js';
import { SpeakerSocketCap } from './socket-cap.js';
import { recordNamespace, type AppServer, type RecordNamespace, type RecordSocket } from './typed-io.js';

const EVENTS = new Set(['take:start', 'take:chunk', 'take:stop', 'take:resume', 'take:discard', 'take:pause', 'session:leave']);

export const speakerRoom = (speakerId: string) => `speaker:${speakerId}`;

/** A goodbye (session:leave), or the client closing its own socket: the speaker left, rather than dropped. */
export const saidGoodbye = (socket: RecordSocket, reason: string) => socket.data.leaving === true || reason === 'client namespace disconnect';

export interface RecordNamespaceDeps {
  resolveIdentity: ResolveIdentity;
  service: TakeService;
  removeObjects: (prefix: string) => Promise<void>;
  ctx: HandlerContext;
  /** /record sockets one speaker may hold on this replica. */
  maxSocketsPerSpeaker: number;
}

export function attachRecordNamespace(io: AppServer, deps: RecordNamespaceDeps): RecordNamespace {
  const nsp = recordNamespace(io);
  const cap = new SpeakerSocketCap(deps.maxSocketsPerSpeaker);
  nsp.use(
    tokenHandshake('record', 'speaker', deps.resolveIdentity, deps.ctx.log, (identity, socket: RecordSocket) => {
      if (!cap.take(identity.speaker.id, socket)) return new Error('RATE_LIMITED');
      socket.data.speaker = identity.speaker;
    }),
  );

  /** Once no socket of the speaker is left on any replica, their takes still recording are marked left. */
  const speakerGone = async (speaker: Speaker) => {
    try {
      if ((await nsp.in(speakerRoom(speaker.id)).fetchSockets()).length === 0) await deps.service.speakerLeft(speaker.id);
    } catch (error) {
      deps.ctx.log.warn({ err: error }, 'could not mark the takes of a speaker who left');
    }
  };

  nsp.on('connection', (socket) => {
    const speaker = socket.data.speaker as Speaker;
    void socket.join(speakerRoom(speaker.id));
    deps.ctx.metrics.connectedSockets.inc({ namespace: RECORD_NAMESPACE });
    socket.on('disconnect', (reason) => {
      deps.ctx.metrics.connectedSockets.dec({ namespace: RECORD_NAMESPACE });
      if (saidGoodbye(socket, reason)) void speakerGone(speaker);
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
      {
        ack: ({ state }) => ({ state }),
        // After the ack has gone out: the finalizing status, then the finalize itself.
        run: (input, result) => {
          if (result.stopped) {
            service.afterStop(result.stopped).catch((error: unknown) => ctx.log.error({ err: error }, 'finalize crashed'));
          }
        },
      },
    );
    onEvent(socket, ctx, 'take:resume', takeIdSchema, (input) => service.resume(speaker, input.takeId));
    onEvent(socket, ctx, 'take:discard', takeIdSchema, (input) =>
      service.discard(speaker, input.takeId, deps.removeObjects),
    );
    onEvent(socket, ctx, 'take:pause', takePauseSchema, (input) => service.pause(speaker, input));
    // The page is going away: the monitor reports the speaker left (monitor-namespace.ts reads the flag) at once.
    onEvent(socket, ctx, 'session:leave', sessionLeaveSchema, () => Promise.resolve({ left: true as const }), {
      ack: (result) => result,
      run: (_input, _result, leaving) => {
        leaving.data.leaving = true;
        leaving.disconnect(true);
      },
    });
  });
  return nsp;
}
