// The consensus arithmetic end to end over real PostgreSQL: ratings stored through the listening use cases,
// then the perception kept on each take and GET /stats' perception, against values computed by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { listenAssignmentRepository } from '../../src/db/listen-assignment-repository.js';
import { perceptionStatsRepository } from '../../src/db/perception-stats-repository.js';
import { ratingRepository } from '../../src/db/rating-repository.js';
import { createListeningService } from '../../src/listening/listening-service.js';
import type { Emotion, PerceivedLabel } from '../../src/protocol/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { cloneTakes, insertSpeaker, seeded, templateTake } from './listening-fixtures.js';

let server: TestServer;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startTestServer({ env: { FFMPEG_RUNNER: 'inline' } });
  pool = server.db.pool;
});
afterAll(async () => {
  await server?.dispose();
});

const RULE = { goldMin: 4, goldPass: 0.5 };

describe('consensus over real PostgreSQL', () => {
  it('keeps plurality, ties and agreement per take, and computes confusion, recognition and kappa as by hand', async () => {
    const listening = createListeningService({
      assignments: listenAssignmentRepository(pool),
      ratings: ratingRepository(pool),
      notifier: { rating: () => undefined },
      config: { ratingsTarget: 3, goldMin: 4, goldPass: 0.5, assignmentMs: 600_000, goldShare: 0, repeatShare: 0 },
      random: seeded(42),
    });
    const template = await templateTake(pool);
    await pool.query(`UPDATE takes SET state = 'failed' WHERE id = $1`, [template]);
    const intended: Emotion[] = ['joy', 'anger', 'fear', 'sadness'];
    const takes: string[] = [];
    for (const emotion of intended) takes.push(...(await cloneTakes(pool, template, 1, { emotion })));
    // What each listener hears, per take (by intended emotion). Take 4 gets only two ratings.
    const heard: Record<Emotion, PerceivedLabel[]> = {
      joy: ['joy', 'joy', 'joy'],
      anger: ['anger', 'sadness', 'anger'],
      fear: ['fear', 'other', 'neutral'],
      sadness: ['sadness', 'joy'],
      disgust: [],
      neutral: [],
    };
    const listeners = [await insertSpeaker(pool), await insertSpeaker(pool), await insertSpeaker(pool)];
    for (const [index, listener] of listeners.entries()) {
      if (index === 2) await pool.query(`UPDATE takes SET state = 'failed' WHERE id = $1`, [takes[3]]);
      for (;;) {
        const assignment = await listening.next(listener, null);
        if (!assignment) break;
        const take = (await pool.query('SELECT emotion FROM takes t JOIN listen_assignments a ON a.take_id = t.id WHERE a.id = $1', [assignment.assignmentId])).rows[0].emotion as Emotion;
        await listening.rate(listener, assignment.assignmentId, { emotion: heard[take][index]!, intensity: (index + 1) as 1 | 2 | 3, problems: index === 0 ? ['noise'] : [], responseMs: 900, plays: 2 });
      }
    }
    await pool.query(`UPDATE takes SET state = 'saved' WHERE id = $1`, [takes[3]]);

    const perception = async (take: string) => (await pool.query('SELECT perception FROM takes WHERE id = $1', [take])).rows[0].perception as Record<string, unknown>;
    expect(await perception(takes[0]!)).toMatchObject({ ratings: 3, perceivedEmotion: 'joy', agreement: 1, intendedMatch: true, meanIntensity: 2, problems: { noise: 1 } });
    expect(await perception(takes[1]!)).toMatchObject({ ratings: 3, votes: { anger: 2, sadness: 1 }, perceivedEmotion: 'anger', intendedMatch: true });
    expect((await perception(takes[1]!)).agreement).toBeCloseTo(2 / 3, 6);
    expect(await perception(takes[2]!)).toMatchObject({ ratings: 3, perceivedEmotion: null, intendedMatch: null });
    expect((await perception(takes[2]!)).agreement).toBeCloseTo(1 / 3, 6);
    expect(await perception(takes[3]!)).toMatchObject({ ratings: 2, perceivedEmotion: null, agreement: 0.5, intendedMatch: null, meanIntensity: 1.5 });

    const stats = await perceptionStatsRepository(pool, { pseudonym: (id) => `p-${id.slice(0, 4)}`, rule: RULE }).compute();
    expect(stats).toMatchObject({
      ratedTakes: 4,
      ratings: 11,
      listeners: 3,
      confusion: [
        { intended: 'joy', perceived: 'joy', count: 1 },
        { intended: 'anger', perceived: 'anger', count: 1 },
      ].sort((x, y) => x.intended.localeCompare(y.intended)),
      recognitionByEmotion: { joy: 1, anger: 1, fear: null, sadness: null, disgust: null, neutral: null },
    });
    // Over the three takes with 3 ratings (the most common count): P-bar = (1 + 1/3 + 0) / 3 = 4/9;
    // label shares 3/9 joy, 2/9 anger, 1/9 each of sadness, fear, other, neutral: P-e = 17/81;
    // kappa = (4/9 - 17/81) / (1 - 17/81) = 19/64.
    expect(stats.fleissKappa).toBeCloseTo(19 / 64, 10);
    expect(stats.listenerAccuracy.map((row) => row.rated).sort()).toEqual([3, 4, 4]);
  });
});
