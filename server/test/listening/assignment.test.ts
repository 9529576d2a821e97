// Assignment over real PostgreSQL, through the listening use cases with a seeded random: own takes never
// given, fewest counted ratings first up to the target, no over-fill under concurrency, expiry, declared
// repeats that never count, the gold rule excluding a listener from every consensus, and an excluded listener's
// clips holding no place.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { ListeningConfig } from '../../src/config.js';
import { listenAssignmentRepository } from '../../src/db/listen-assignment-repository.js';
import { ratingRepository } from '../../src/db/rating-repository.js';
import { createListeningService } from '../../src/listening/listening-service.js';
import type { MonitorRating, Rating } from '../../src/protocol/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { cloneTakes, insertSpeaker, seeded, templateTake } from './listening-fixtures.js';

let server: TestServer;
let pool: pg.Pool;
let template: string;

beforeAll(async () => {
  server = await startTestServer({ env: { FFMPEG_RUNNER: 'inline' } });
  pool = server.db.pool;
});
afterAll(async () => {
  await server?.dispose();
});
beforeEach(async () => {
  await pool.query('DELETE FROM ratings; DELETE FROM listen_assignments; DELETE FROM takes');
  template = await templateTake(pool);
  await pool.query(`UPDATE takes SET state = 'failed' WHERE id = $1`, [template]); // the template itself is never listenable
});

const BASE: ListeningConfig = { ratingsTarget: 2, goldMin: 2, goldPass: 0.5, assignmentMs: 600_000, goldShare: 0, repeatShare: 0 };

function service(config: Partial<ListeningConfig> = {}, seed = 1) {
  const events: MonitorRating[] = [];
  const listening = createListeningService({
    assignments: listenAssignmentRepository(pool),
    ratings: ratingRepository(pool),
    notifier: { rating: (event) => events.push(event) },
    config: { ...BASE, ...config },
    random: seeded(seed),
  });
  return { listening, events };
}

const heard = (emotion: Rating['emotion'], over: Partial<Rating> = {}): Rating => ({ emotion, intensity: 3, problems: [], responseMs: 1200, plays: 1, ...over });
const takeOf = async (assignmentId: string) => (await pool.query('SELECT take_id FROM listen_assignments WHERE id = $1', [assignmentId])).rows[0].take_id as string;
const row = async (takeId: string) =>
  (await pool.query('SELECT counted_ratings, perception, perceived_emotion FROM takes WHERE id = $1', [takeId])).rows[0] as {
    counted_ratings: number;
    perception: { ratings: number; votes: Record<string, number> } | null;
    perceived_emotion: string | null;
  };

describe('assignment', () => {
  it('never gives a listener their own takes, nor unsaved, rejected or replaced ones', async () => {
    const { listening } = service();
    const listener = await insertSpeaker(pool);
    await cloneTakes(pool, template, 3, { speakerId: listener });
    await cloneTakes(pool, template, 1, { state: 'failed' });
    await cloneTakes(pool, template, 1, { review: 'rejected' });
    const [old] = await cloneTakes(pool, template, 1);
    const [fresh] = await cloneTakes(pool, template, 1);
    await pool.query('UPDATE takes SET replaced_by = $2 WHERE id = $1', [old, fresh]);
    const given = await listening.next(listener, null);
    expect(given).not.toBeNull();
    expect(await takeOf(given!.assignmentId)).toBe(fresh);
    await listening.rate(listener, given!.assignmentId, heard('joy'));
    expect(await listening.next(listener, null)).toBeNull();
  });

  it('gives the same open assignment again, fewest counted ratings first, and filters by locale', async () => {
    const { listening } = service({ ratingsTarget: 5 });
    const [rated] = await cloneTakes(pool, template, 1);
    const [unrated] = await cloneTakes(pool, template, 1);
    await cloneTakes(pool, template, 2, { locale: 'fr' });
    const earlier = await insertSpeaker(pool);
    const first = await listening.next(earlier, 'en');
    // whichever it got, the other en take is still at 0: rate the first to make it "rated"
    await pool.query('UPDATE listen_assignments SET take_id = $2 WHERE id = $1', [first!.assignmentId, rated]);
    await listening.rate(earlier, first!.assignmentId, heard('joy'));
    const listener = await insertSpeaker(pool);
    const given = await listening.next(listener, 'en');
    expect(await takeOf(given!.assignmentId)).toBe(unrated);
    expect(await listening.next(listener, 'en')).toEqual(given);
    const french = await listening.next(await insertSpeaker(pool), 'fr');
    expect((await pool.query('SELECT locale FROM takes WHERE id = $1', [await takeOf(french!.assignmentId)])).rows[0].locale).toBe('fr');
  });

  it('when 20 listeners ask at once with target 2, then no take gets more than 2 fill assignments, and the rest wait', async () => {
    const { listening } = service({ ratingsTarget: 2 }, 7);
    const takes = await cloneTakes(pool, template, 5);
    const listeners = await Promise.all(Array.from({ length: 20 }, () => insertSpeaker(pool)));
    const given = await Promise.all(listeners.map((listener) => listening.next(listener, null)));
    expect(given.filter(Boolean)).toHaveLength(10);
    const load = await pool.query(`SELECT take_id, count(*)::int AS n FROM listen_assignments WHERE kind = 'fill' GROUP BY take_id`);
    expect(load.rows.map((r) => r.n as number).sort()).toEqual([2, 2, 2, 2, 2]);
    expect(new Set(load.rows.map((r) => r.take_id as string))).toEqual(new Set(takes));
    // every one answers; a second wave finds every take at its target
    await Promise.all(given.map((assignment, i) => (assignment ? listening.rate(listeners[i]!, assignment.assignmentId, heard('anger')) : null)));
    const again = await Promise.all(listeners.map((listener) => listening.next(listener, null)));
    expect(again.filter(Boolean)).toHaveLength(0);
    for (const take of takes) expect((await row(take)).counted_ratings).toBe(2);
  });

  it('when an assignment expires, then it stops holding its place, is replaced on asking, and its answer is refused', async () => {
    const { listening } = service({ ratingsTarget: 1 });
    const [take] = await cloneTakes(pool, template, 1);
    const slow = await insertSpeaker(pool);
    const other = await insertSpeaker(pool);
    const held = await listening.next(slow, null);
    expect(await listening.next(other, null)).toBeNull(); // the one place is held
    await pool.query(`UPDATE listen_assignments SET expires_at = now() - interval '1 second' WHERE id = $1`, [held!.assignmentId]);
    const taken = await listening.next(other, null);
    expect(await takeOf(taken!.assignmentId)).toBe(take);
    await expect(listening.rate(slow, held!.assignmentId, heard('joy'))).rejects.toMatchObject({ code: 'CONFLICT' });
    // asking again replaces the expired one; the take is full now
    expect(await listening.next(slow, null)).toBeNull();
    expect((await pool.query('SELECT count(*)::int AS n FROM listen_assignments WHERE listener_id = $1', [slow])).rows[0].n).toBe(0);
  });

  it('declares a repeat of a take the listener rated, stores it with repeat, and never counts it', async () => {
    const { listening } = service({ repeatShare: 1, ratingsTarget: 5 });
    const [take] = await cloneTakes(pool, template, 1);
    const listener = await insertSpeaker(pool);
    const first = await listening.next(listener, null); // nothing rated yet: falls back to fill
    await listening.rate(listener, first!.assignmentId, heard('joy'));
    const repeat = await listening.next(listener, null);
    expect(await takeOf(repeat!.assignmentId)).toBe(take);
    await listening.rate(listener, repeat!.assignmentId, heard('fear'));
    const stored = await pool.query('SELECT emotion, repeat, counted FROM ratings WHERE take_id = $1 ORDER BY created_at', [take]);
    expect(stored.rows).toEqual([
      { emotion: 'joy', repeat: false, counted: true },
      { emotion: 'fear', repeat: true, counted: false },
    ]);
    expect((await row(take!)).perception?.votes).toMatchObject({ joy: 1, fear: 0 });
    expect(await listening.next(listener, null)).toBeNull(); // one repeat per take, and nothing else to fill
    expect(await listening.me(listener, null)).toMatchObject({ rated: 2, goldRated: 0, goldAccuracy: null, counted: true });
  });

  it('when a listener fails the gold takes, then every rating of theirs leaves the consensus; passing brings them back', async () => {
    const { listening, events } = service({ goldShare: 1, goldMin: 2, goldPass: 0.5, ratingsTarget: 5 });
    const [plain] = await cloneTakes(pool, template, 1, { emotion: 'sadness' });
    const golds = await cloneTakes(pool, template, 3, { emotion: 'anger', gold: true });
    const listener = await insertSpeaker(pool);
    const honest = await insertSpeaker(pool);
    // the honest listener rates the plain take first
    await pool.query('UPDATE takes SET gold = false WHERE id = ANY($1)', [golds]);
    const h = await listening.next(honest, null);
    await pool.query('UPDATE listen_assignments SET take_id = $2 WHERE id = $1', [h!.assignmentId, plain]);
    await listening.rate(honest, h!.assignmentId, heard('sadness'));
    await pool.query('UPDATE takes SET gold = true WHERE id = ANY($1)', [golds]);
    // the listener rates the plain take (fill), then two gold takes wrongly
    const p = await listening.next(listener, null);
    await pool.query(`UPDATE listen_assignments SET take_id = $2, kind = 'fill' WHERE id = $1`, [p!.assignmentId, plain]);
    await listening.rate(listener, p!.assignmentId, heard('joy'));
    expect((await row(plain!)).perception?.votes).toMatchObject({ sadness: 1, joy: 1 });
    for (let i = 0; i < 2; i += 1) {
      const gold = await listening.next(listener, null);
      expect(golds).toContain(await takeOf(gold!.assignmentId));
      await listening.rate(listener, gold!.assignmentId, heard('joy'));
    }
    expect(await listening.me(listener, null)).toMatchObject({ goldRated: 2, goldAccuracy: 0, counted: false });
    expect((await pool.query('SELECT bool_or(counted) AS any FROM ratings WHERE listener_id = $1', [listener])).rows[0].any).toBe(false);
    expect((await row(plain!)).perception).toMatchObject({ ratings: 1, votes: { sadness: 1, joy: 0 } });
    expect((await row(plain!)).perceived_emotion).toBe('sadness');
    expect(events.at(-1)).toMatchObject({ intended: 'anger', heard: 'joy', ratings: null, perceivedEmotion: null });
    // the third gold take, right this time: 1/3 is still below 0.5; a supervisor un-golding one wrong take lifts it to 1/2
    const third = await listening.next(listener, null);
    await listening.rate(listener, third!.assignmentId, heard('anger'));
    expect(await listening.me(listener, null)).toMatchObject({ goldRated: 3, counted: false });
    const wrong = (await pool.query(`SELECT take_id FROM ratings WHERE listener_id = $1 AND emotion = 'joy' AND take_id <> $2 LIMIT 1`, [listener, plain])).rows[0].take_id as string;
    await ratingRepository(pool).setGold(wrong, false, { goldMin: 2, goldPass: 0.5 });
    expect(await listening.me(listener, null)).toMatchObject({ goldRated: 2, goldAccuracy: 0.5, counted: true });
    expect((await row(plain!)).perception).toMatchObject({ ratings: 2, votes: { sadness: 1, joy: 1 } });
    expect((await row(plain!)).perceived_emotion).toBeNull();
  });

  it('when the gold rule excludes a listener, then their clips hold no place: a take short of its target still goes to a counted listener', async () => {
    const honest = await insertSpeaker(pool);
    const excluded = await insertSpeaker(pool);
    // gold takes of the honest listener's own, so that only the other listener can be given them
    const golds = await cloneTakes(pool, template, 2, { emotion: 'anger', gold: true, speakerId: honest });
    const setup = service({ goldShare: 1, goldMin: 2, goldPass: 0.5, ratingsTarget: 1 }).listening;
    for (let i = 0; i < 2; i += 1) {
      const gold = await setup.next(excluded, null);
      expect(golds).toContain(await takeOf(gold!.assignmentId));
      await setup.rate(excluded, gold!.assignmentId, heard('joy'));
    }
    expect(await setup.me(excluded, null)).toMatchObject({ goldRated: 2, counted: false });

    const { listening } = service({ goldMin: 2, goldPass: 0.5, ratingsTarget: 1 });
    const [plain] = await cloneTakes(pool, template, 1, { emotion: 'sadness' });
    const extra = await listening.next(excluded, null);
    expect(await takeOf(extra!.assignmentId)).toBe(plain);
    const kinds = await pool.query('SELECT kind FROM listen_assignments WHERE id = $1', [extra!.assignmentId]);
    expect(kinds.rows).toEqual([{ kind: 'extra' }]);
    // the one place is still free for a listener whose rating counts
    const fill = await listening.next(honest, null);
    expect(await takeOf(fill!.assignmentId)).toBe(plain);
    await listening.rate(excluded, extra!.assignmentId, heard('joy'));
    await listening.rate(honest, fill!.assignmentId, heard('sadness'));
    const stored = await pool.query('SELECT listener_id, counted, repeat FROM ratings WHERE take_id = $1', [plain]);
    expect(stored.rows).toEqual(
      expect.arrayContaining([
        { listener_id: excluded, counted: false, repeat: false },
        { listener_id: honest, counted: true, repeat: false },
      ]),
    );
    expect((await row(plain!)).counted_ratings).toBe(1);
    expect((await row(plain!)).perceived_emotion).toBe('sadness');
  });
});
