import { readFile } from 'node:fs/promises';
// A speaker as a real Socket.IO client: consent over REST, then the /record namespace.
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  RecordClientEvents,
  RecordServerEvents,
  TakeStatus,
} from '../../src/protocol/index.js';

export type RecordSocket = Socket<RecordServerEvents, RecordClientEvents>;

export async function createSpeaker(baseUrl: string, locale: 'fr' | 'en' = 'en') {
  const response = await fetch(`${baseUrl}/api/v1/speakers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ consent: true, locale }),
  });
  if (response.status !== 201) throw new Error(`speaker creation failed: ${response.status}`);
  return (await response.json()) as { speakerId: string; token: string };
}

/** A random active sentence of the locale, other than those in `exclude` (the contract's `exclude=ID,ID`). */
export async function randomSentence(baseUrl: string, locale: 'fr' | 'en' = 'en', exclude: string[] = []) {
  const query = new URLSearchParams({ locale, ...(exclude.length ? { exclude: exclude.join(',') } : {}) });
  const response = await fetch(`${baseUrl}/api/v1/sentences/random?${query}`);
  if (!response.ok) throw new Error(`no sentence: ${response.status}`);
  return (await response.json()) as { id: string; text: string; locale: string };
}

export function connectRecorder(baseUrl: string, token: string, options: { reconnection?: boolean } = {}): Promise<RecordSocket> {
  const socket: RecordSocket = io(`${baseUrl}/record`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** emitWithAck with a timeout, typed loosely so tests can send malformed payloads too. */
export async function call<T extends object = Record<string, unknown>>(
  socket: RecordSocket,
  event: string,
  payload: unknown,
  timeoutMs = 20_000,
): Promise<Ack<T>> {
  const untyped = socket as unknown as Socket;
  return (await untyped.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
}

/** Resolves with the first take:status matching the predicate. */
export function nextStatus(socket: RecordSocket, match: (status: TakeStatus) => boolean, timeoutMs = 30_000) {
  return new Promise<TakeStatus>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('take:status', listener);
      reject(new Error('no matching take:status'));
    }, timeoutMs);
    const listener = (status: TakeStatus) => {
      if (!match(status)) return;
      clearTimeout(timer);
      socket.off('take:status', listener);
      resolve(status);
    };
    socket.on('take:status', listener);
  });
}

export function splitIntoChunks(data: Buffer, size = 4800): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += size) chunks.push(data.subarray(offset, offset + size));
  return chunks;
}

/** Streams a whole recording as one take on a fresh socket and waits until it is saved. */
export async function recordSavedTake(
  baseUrl: string,
  token: string,
  file: string,
  options: { emotion?: string; mimeType?: string } = {},
): Promise<{ takeId: string; receipt: string }> {
  const socket = await connectRecorder(baseUrl, token);
  try {
    const sentence = await randomSentence(baseUrl);
    const start = await call<{ takeId: string; receipt: string }>(socket, 'take:start', {
      sentenceId: sentence.id,
      emotion: options.emotion ?? 'joy',
      mimeType: options.mimeType ?? 'audio/webm;codecs=opus',
    });
    if (!start.ok) throw new Error(start.error.code);
    const chunks = splitIntoChunks(await readFile(file));
    for (const [seq, data] of chunks.entries()) await call(socket, 'take:chunk', { takeId: start.takeId, seq, data });
    const saved = nextStatus(socket, (s) => s.takeId === start.takeId && s.state === 'saved');
    await call(socket, 'take:stop', { takeId: start.takeId, lastSeq: chunks.length - 1 });
    await saved;
    return { takeId: start.takeId, receipt: start.receipt };
  } finally {
    socket.close();
  }
}
