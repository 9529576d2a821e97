// A small corpus for the v1.1 export tests: takes recorded the real way (POST /takes, real ffmpeg), listeners'
// ratings written in SQL (so that each test chooses who heard what), a gold take, a rejected and a replaced take.
import { readFile } from 'node:fs/promises';
import { refreshPerception } from '../../src/db/take-perception.js';
import { withTransaction } from '../../src/db/transaction.js';
import type { Emotion, PerceivedLabel, RatingProblem, TakeJson } from '../../src/protocol/index.js';
import { FIXTURES } from '../fixtures/index.js';
import type { TestServer } from '../support/test-server.js';
import { request, requestJson, speakerWithProfile } from '../supervisors/helpers.js';

export const CAPTURE = { echoCancellation: true, noiseSuppression: false, autoGainControl: false, sampleRate: 48_000, channelCount: 1 };

interface Upload {
  emotion: Emotion;
  sentenceId: string;
  fixture?: string;
  audioSettings?: typeof CAPTURE;
  replacesTakeId?: string;
}

export async function upload(url: string, speakerToken: string, take: Upload): Promise<TakeJson> {
  const form = new FormData();
  form.set('sentenceId', take.sentenceId);
  form.set('emotion', take.emotion);
  if (take.audioSettings) form.set('audioSettings', JSON.stringify(take.audioSettings));
  if (take.replacesTakeId) form.set('replacesTakeId', take.replacesTakeId);
  // The recorder's pre-roll and post-roll marks, as the app sends them with a whole-file take.
  form.set('speakAtMs', '500');
  form.set('stopPressedAtMs', '2500');
  form.set('file', new Blob([await readFile(take.fixture ?? FIXTURES.en1Webm)], { type: 'audio/webm;codecs=opus' }), 'take.webm');
  const response = await fetch(`${url}/api/v1/takes`, { method: 'POST', headers: { authorization: `Bearer ${speakerToken}` }, body: form });
  const body = (await response.json()) as TakeJson;
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export interface RatingRow {
  listener: string;
  emotion: PerceivedLabel;
  intensity?: number | null;
  problems?: RatingProblem[];
  repeat?: boolean;
  counted?: boolean;
}

/**
 * Stores ratings as the listening code does (an answered assignment, then the rating), then has the listening
 * code's own refresh keep the take's consensus columns up to date from its counted ratings.
 */
export async function rate(server: TestServer, takeId: string, ratings: RatingRow[]): Promise<void> {
  const pool = server.db.pool;
  for (const [index, rating] of ratings.entries()) {
    const assignment = await pool.query(
      `INSERT INTO listen_assignments (listener_id, take_id, kind, expires_at, answered_at)
       VALUES ($1, $2, $3, now() + interval '10 minutes', now()) RETURNING id`,
      [rating.listener, takeId, rating.repeat ? 'repeat' : 'fill'],
    );
    await pool.query(
      `INSERT INTO ratings (assignment_id, take_id, listener_id, emotion, intensity, problems, response_ms, plays, repeat, counted, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + make_interval(secs => $11))`,
      [assignment.rows[0].id, takeId, rating.listener, rating.emotion, rating.intensity ?? null, rating.problems ?? [], 1500 + index, 1 + (index % 2), rating.repeat ?? false, rating.counted ?? !rating.repeat, index],
    );
  }
  await withTransaction(pool, (client) => refreshPerception(client, [takeId]));
}

export interface Corpus {
  takes: Record<'aJoy' | 'aAnger' | 'bSadness' | 'bNeutralRejected' | 'cFear' | 'cDisgust' | 'dJoyOld' | 'dJoy', string>;
  listeners: string[];
  /** The sentence of aJoy: its text was edited after the take. */
  editedSentence: { id: string; readText: string };
}

/** Four speakers (three English, one French), three listeners, eight takes. */
export async function buildCorpus(server: TestServer, supervisor: string): Promise<Corpus> {
  const sentence = (text: string, locale: 'en' | 'fr') =>
    requestJson<{ id: string }>(server.url, '/sentences', { method: 'POST', token: supervisor, body: { text, locale } }, 201);
  const readText = 'The train leaves at seven tomorrow morning, right after breakfast.';
  const en1 = await sentence(readText, 'en');
  const en2 = await sentence('Please put the blue notebook on the kitchen table before dinner.', 'en');
  const fr1 = await sentence('Le train part demain matin à sept heures, juste après le café.', 'fr');
  const [a, b, c, d] = [
    await speakerWithProfile(server.url, { ageRange: '25-34', gender: 'female' }),
    await speakerWithProfile(server.url, { gender: 'male' }),
    await speakerWithProfile(server.url, { locale: 'fr' }),
    await speakerWithProfile(server.url),
  ];
  const listeners = [await speakerWithProfile(server.url), await speakerWithProfile(server.url), await speakerWithProfile(server.url)];
  const take = async (speaker: { token: string }, body: Upload) => (await upload(server.url, speaker.token, body)).takeId;
  const en2Webm = FIXTURES.en2Webm;
  const takes = {
    aJoy: await take(a!, { emotion: 'joy', sentenceId: en1.id, audioSettings: CAPTURE }),
    aAnger: await take(a!, { emotion: 'anger', sentenceId: en2.id, fixture: en2Webm }),
    bSadness: await take(b!, { emotion: 'sadness', sentenceId: en2.id, fixture: en2Webm }),
    bNeutralRejected: await take(b!, { emotion: 'neutral', sentenceId: en1.id }),
    cFear: await take(c!, { emotion: 'fear', sentenceId: fr1.id, fixture: FIXTURES.fr1Webm }),
    cDisgust: await take(c!, { emotion: 'disgust', sentenceId: fr1.id, fixture: FIXTURES.fr1Webm }),
    dJoyOld: await take(d!, { emotion: 'joy', sentenceId: en2.id, fixture: en2Webm }),
    dJoy: '',
  };
  takes.dJoy = await take(d!, { emotion: 'joy', sentenceId: en2.id, fixture: en2Webm, replacesTakeId: takes.dJoyOld });
  await requestJson(server.url, `/sentences/${en1.id}`, { method: 'PATCH', token: supervisor, body: { text: 'A later wording of the first sentence.' } });
  expect200(await request(server.url, `/takes/${takes.bNeutralRejected}`, { method: 'PATCH', token: supervisor, body: { review: 'rejected' } }));
  expect200(await request(server.url, `/takes/${takes.bSadness}`, { method: 'PATCH', token: supervisor, body: { review: 'accepted' } }));
  expect200(await request(server.url, `/takes/${takes.bSadness}`, { method: 'PATCH', token: supervisor, body: { gold: true } }));

  const [l1, l2, l3] = listeners.map((listener) => listener.speakerId) as [string, string, string];
  await rate(server, takes.aJoy, [
    { listener: l1, emotion: 'joy', intensity: 4, problems: ['noise'] },
    { listener: l2, emotion: 'joy', intensity: 3 },
    { listener: l3, emotion: 'anger', intensity: null },
    { listener: l1, emotion: 'joy', intensity: 5, repeat: true },
  ]);
  await rate(server, takes.aAnger, [
    { listener: l1, emotion: 'anger', intensity: 2 },
    { listener: l2, emotion: 'disgust', intensity: 2, problems: ['cut_off', 'distorted'] },
  ]);
  await rate(server, takes.bSadness, [
    { listener: l1, emotion: 'sadness', intensity: 1 },
    { listener: l2, emotion: 'sadness', intensity: 2 },
    { listener: l3, emotion: 'sadness', intensity: 3 },
  ]);
  // l2 counts nowhere for this take: a listener excluded by the gold rule keeps their ratings, uncounted.
  await rate(server, takes.cFear, [
    { listener: l2, emotion: 'other', counted: false },
    { listener: l3, emotion: 'fear', intensity: 5 },
  ]);
  await rate(server, takes.bNeutralRejected, [{ listener: l1, emotion: 'neutral' }]);
  await rate(server, takes.dJoyOld, [{ listener: l3, emotion: 'joy' }]);
  return { takes, listeners: [l1, l2, l3], editedSentence: { id: en1.id, readText } };
}

function expect200(response: Response): void {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}`);
}
