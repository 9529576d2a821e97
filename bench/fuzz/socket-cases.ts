// Malformed and hostile Socket.IO traffic, one case at a time, each with what the contract
// says must come back. Lifecycle (valid) traffic lives in lifecycle.ts.
import { bytes, int, pick, type Random } from './random.js';
import { BAD_SEQS, eventName, junk, notUuid, randomUuid } from './values.js';

export const KNOWN_EVENTS = ['take:start', 'take:chunk', 'take:stop', 'take:resume', 'take:discard'] as const;

export interface SocketCase {
  kind: string;
  namespace: 'record' | 'monitor';
  event: string | number;
  args: unknown[];
  withAck: boolean;
  /** Codes the answer may carry; undefined: any contract code. */
  expect?: readonly string[];
  /** RATE_LIMITED may stand in for the expected code (every limited event). */
  rateLimitable: boolean;
  okAllowed: boolean;
  /** Over the transport limit: the socket must close, with no ack. */
  oversize?: boolean;
  /** A raw engine.io message instead of an event. */
  raw?: string | Buffer;
}

export interface CaseContext {
  random: Random;
  /** One of the speaker's own takes, or a random UUID when it has none. */
  takeId: string;
  sentenceId: string;
  maxChunkBytes: number;
  transportLimitBytes: number;
}

const base = { namespace: 'record' as const, withAck: true, rateLimitable: true, okAllowed: false };

/** A valid payload for each event, to break one field of. */
function template(event: (typeof KNOWN_EVENTS)[number], ctx: CaseContext): Record<string, unknown> {
  switch (event) {
    case 'take:start':
      return { sentenceId: ctx.sentenceId, emotion: 'joy', mimeType: 'audio/webm;codecs=opus' };
    case 'take:chunk':
      return { takeId: ctx.takeId, seq: 0, data: Buffer.from('x') };
    case 'take:stop':
      return { takeId: ctx.takeId, lastSeq: 0 };
    default:
      return { takeId: ctx.takeId };
  }
}

const BROKEN: Record<string, (random: Random) => unknown> = {
  sentenceId: notUuid,
  takeId: notUuid,
  emotion: (r) => pick(r, ['happy', 'JOY', '', 1, null, ['joy']]),
  intensity: (r) => pick(r, ['extreme', 0, true, 'LOW']),
  mimeType: (r) => pick(r, ['', 7, null, 'a'.repeat(101), { type: 'audio/webm' }]),
  clientTakeId: (r) => pick(r, ['', 'has space', 'x'.repeat(65), 'émotion', 5, 'a/b']),
  audioSettings: (r) => pick(r, ['on', 5, [1], { sampleRate: -1 }, { channelCount: 0.5 }, { echoCancellation: 'yes' }]),
  seq: (r) => pick(r, BAD_SEQS),
  lastSeq: (r) => pick(r, BAD_SEQS),
  data: (r) => pick(r, ['text', 5, null, [1, 2, 3], { 0: 1 }, true]),
  peak: (r) => pick(r, [2, -0.1, 'loud', Number.NaN]),
  durationMs: (r) => pick(r, [-1, 'long', 1e12]),
};

const FIELDS: Record<(typeof KNOWN_EVENTS)[number], string[]> = {
  'take:start': ['sentenceId', 'emotion', 'intensity', 'mimeType', 'clientTakeId', 'audioSettings'],
  'take:chunk': ['takeId', 'seq', 'data', 'peak'],
  'take:stop': ['takeId', 'lastSeq', 'durationMs'],
  'take:resume': ['takeId'],
  'take:discard': ['takeId'],
};

export const SOCKET_CASES: Record<string, (ctx: CaseContext) => SocketCase> = {
  /** A known event whose payload is the wrong type altogether, or one field broken. */
  'wrong-type': (ctx) => {
    const event = pick(ctx.random, KNOWN_EVENTS);
    if (ctx.random() < 0.35) {
      const payload = junk(ctx.random);
      return { ...base, kind: 'wrong-type', event, args: ctx.random() < 0.1 ? [] : [payload], expect: ['BAD_REQUEST'] };
    }
    const payload = template(event, ctx);
    const field = pick(ctx.random, FIELDS[event]);
    if (ctx.random() < 0.15 && field in payload) delete payload[field];
    else payload[field] = BROKEN[field]!(ctx.random);
    // A deleted optional field leaves a valid payload.
    const valid = !(field in payload) && !['sentenceId', 'emotion', 'mimeType', 'takeId', 'seq', 'data', 'lastSeq'].includes(field);
    return { ...base, kind: 'wrong-type', event, args: [payload], expect: valid ? undefined : ['BAD_REQUEST'], okAllowed: valid };
  },
  /** Huge, negative, fractional and non-numeric seq and lastSeq. */
  seq: (ctx) => {
    const stop = ctx.random() < 0.3;
    const seq = pick(ctx.random, BAD_SEQS);
    return stop
      ? { ...base, kind: 'seq', event: 'take:stop', args: [{ takeId: ctx.takeId, lastSeq: seq }], expect: ['BAD_REQUEST'] }
      : { ...base, kind: 'seq', event: 'take:chunk', args: [{ takeId: ctx.takeId, seq, data: bytes(ctx.random, 16) }], expect: ['BAD_REQUEST'] };
  },
  /** A valid integer seq far beyond any take's length. */
  'seq-beyond': (ctx) => ({
    ...base,
    kind: 'seq-beyond',
    event: 'take:chunk',
    args: [{ takeId: ctx.takeId, seq: int(ctx.random, 100_000, 2_147_483_647), data: bytes(ctx.random, 32) }],
    expect: ['TOO_LARGE'],
  }),
  /** Random bytes as audio, at a random seq of the speaker's take; or binary as the whole payload. */
  binary: (ctx) =>
    ctx.random() < 0.3
      ? { ...base, kind: 'binary', event: pick(ctx.random, KNOWN_EVENTS), args: [bytes(ctx.random, int(ctx.random, 0, 4096))], expect: ['BAD_REQUEST'] }
      : {
          ...base,
          kind: 'binary',
          event: 'take:chunk',
          args: [{ takeId: ctx.takeId, seq: int(ctx.random, 0, 40), data: bytes(ctx.random, int(ctx.random, 1, 8_000)) }],
          expect: ['CONFLICT', 'NOT_FOUND', 'TOO_LARGE'],
          okAllowed: true,
        },
  'unknown-ack': (ctx) => ({ ...base, kind: 'unknown-ack', event: eventName(ctx.random), args: ctx.random() < 0.5 ? [junk(ctx.random)] : [], expect: ['BAD_REQUEST'], rateLimitable: false }),
  'unknown-noack': (ctx) => ({ ...base, kind: 'unknown-noack', event: eventName(ctx.random), args: [junk(ctx.random)], withAck: false }),
  'known-noack': (ctx) => ({ ...base, kind: 'known-noack', event: pick(ctx.random, KNOWN_EVENTS), args: ctx.random() < 0.5 ? [junk(ctx.random)] : [template('take:resume', ctx)], withAck: false }),
  /** Over maxChunkBytes but under the transport limit. */
  'too-large': (ctx) => ({
    ...base,
    kind: 'too-large',
    event: 'take:chunk',
    args: [{ takeId: ctx.takeId, seq: int(ctx.random, 0, 5), data: Buffer.alloc(ctx.maxChunkBytes + int(ctx.random, 1, 65_536), 7) }],
    expect: ['TOO_LARGE'],
  }),
  /** A frame over maxHttpBufferSize: binary or text. */
  oversize: (ctx) => ({
    ...base,
    kind: 'oversize',
    event: 'take:chunk',
    args: [
      ctx.random() < 0.5
        ? { takeId: ctx.takeId, seq: 0, data: Buffer.alloc(ctx.transportLimitBytes + int(ctx.random, 1, 65_536), 1) }
        : { takeId: ctx.takeId, seq: 0, data: 'x'.repeat(ctx.transportLimitBytes + int(ctx.random, 1, 65_536)) },
    ],
    oversize: true,
  }),
  /** Malformed Socket.IO packets written straight to the engine. */
  raw: (ctx) => ({
    ...base,
    kind: 'raw',
    event: '',
    args: [],
    withAck: false,
    raw: pick(ctx.random, [
      () => '42[',
      () => '42["take:start",',
      () => '4{"a":1}',
      () => '49',
      () => '42/record,["take:chunk"]',
      () => `451-/record,0["take:chunk",{"takeId":"${ctx.takeId}","seq":0,"data":{"_placeholder":true,"num":5}}]`,
      () => '42/record,7["take:resume",{"takeId":"x"}',
      () => `4${String(junk(ctx.random))}`,
      () => bytes(ctx.random, int(ctx.random, 1, 512)),
      () => `42/record,${JSON.stringify([eventName(ctx.random), { a: 1 }])}`,
    ])(),
  }),
  'monitor-unknown': (ctx) => ({ ...base, namespace: 'monitor', kind: 'monitor-unknown', event: ctx.random() < 0.3 ? pick(ctx.random, KNOWN_EVENTS) : eventName(ctx.random), args: [junk(ctx.random)], expect: ['BAD_REQUEST'], rateLimitable: false }),
  'monitor-noack': (ctx) => ({ ...base, namespace: 'monitor', kind: 'monitor-noack', event: eventName(ctx.random), args: [junk(ctx.random)], withAck: false }),
};

export { randomUuid };
