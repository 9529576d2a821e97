// take:start under concurrency and retries: the active-take limit holds, and a retry gets its take back.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { call, connectRecorder, createSpeaker, randomSentence, type RecordSocket } from '../support/speaker-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let sentenceId: string;
const sockets: RecordSocket[] = [];
const SETTINGS = { echoCancellation: false, noiseSuppression: true, autoGainControl: false, sampleRate: 48000, channelCount: 1 };

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_ACTIVE_TAKES: '3', TAKES_PER_MINUTE: '1000', SOCKET_EVENTS_PER_SECOND: '10000' } });
  sentenceId = (await randomSentence(server.url)).id;
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.dispose();
});

async function speakerSockets(count: number) {
  const { token } = await createSpeaker(server.url);
  const opened = await Promise.all(Array.from({ length: count }, () => connectRecorder(server.url, token)));
  sockets.push(...opened);
  return { token, sockets: opened };
}

const start = (socket: RecordSocket, extra: Record<string, unknown> = {}) =>
  call<{ takeId: string; receipt: string; state: string }>(socket, 'take:start', {
    sentenceId,
    emotion: 'fear',
    mimeType: 'audio/webm;codecs=opus',
    ...extra,
  });

describe('the active-take limit', () => {
  it('when 20 take:start race on four sockets with MAX_ACTIVE_TAKES=3, then exactly 3 record and 17 are RATE_LIMITED', async () => {
    const { sockets: four } = await speakerSockets(4);
    const acks = await Promise.all(Array.from({ length: 20 }, (_, i) => start(four[i % 4]!, { clientTakeId: `race-${i}` })));
    const admitted = acks.filter((ack) => ack.ok);
    expect(admitted).toHaveLength(3);
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED')).toHaveLength(17);

    // A retry of an admitted take gets its take back although the speaker is at the limit.
    const index = acks.findIndex((ack) => ack.ok);
    const again = await start(four[0]!, { clientTakeId: `race-${index}` });
    expect(again).toMatchObject({ ok: true, takeId: (acks[index] as { takeId: string }).takeId, state: 'recording' });
    // A new take is still refused.
    expect(await start(four[1]!, { clientTakeId: 'race-new' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});

describe('retried starts with audioSettings', () => {
  it('when take:start is repeated with the same clientTakeId and audioSettings, then the same take comes back, not CONFLICT', async () => {
    const { sockets: [socket] } = await speakerSockets(1);
    const first = await start(socket!, { clientTakeId: 'settings-1', audioSettings: SETTINGS });
    expect(first).toMatchObject({ ok: true });
    // Another key order, as another serialisation of the same values would give.
    const reordered = { channelCount: 1, sampleRate: 48000, autoGainControl: false, noiseSuppression: true, echoCancellation: false };
    const again = await start(socket!, { clientTakeId: 'settings-1', audioSettings: reordered });
    expect(again).toMatchObject({ ok: true, takeId: (first as { takeId: string }).takeId });
    const other = await start(socket!, { clientTakeId: 'settings-1', audioSettings: { ...SETTINGS, sampleRate: 44100 } });
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('when POST /takes is repeated with the same clientTakeId and audioSettings, then the same take comes back', async () => {
    const { token } = await speakerSockets(0);
    const bytes = await readFile(FIXTURES.fr1Webm);
    const post = () => {
      const form = new FormData();
      form.set('sentenceId', sentenceId);
      form.set('emotion', 'joy');
      form.set('clientTakeId', 'upload-settings-1');
      form.set('audioSettings', JSON.stringify(SETTINGS));
      form.set('file', new Blob([bytes], { type: 'audio/webm' }), 'take.webm');
      return fetch(`${server.url}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    };
    const first = await post();
    expect(first.status).toBe(201);
    const again = await post();
    expect(again.status).toBe(201);
    expect(((await again.json()) as { takeId: string }).takeId).toBe(((await first.json()) as { takeId: string }).takeId);
  });
});
