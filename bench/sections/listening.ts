// Listening at scale: 20,000 saved takes and about 100,000 ratings seeded by SQL, then 200 listeners at once
// each asking GET /listen/next and answering, in a loop bounded in count and time. Prints p50/p99 of both,
// checks that no clip was over-filled, and shows the fill query's plan with and without its index.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { FILL_CANDIDATES_SQL, FILL_LEVEL_SQL } from '../../server/src/db/listen-assignment-repository.js';
import { createLogger } from '../../server/src/logger.js';
import { startServerProcess, type ServerProcess } from '../../server/test/support/server-process.js';
import { BENCH_ENV, buildServer } from '../bench-server.js';
import { percentile, round } from '../stats.js';

export interface ListeningOptions {
  takes: number;
  listeners: number;
  /** Rounds of next + answer per listener, and a wall-clock cap on the whole load. */
  rounds: number;
  maxSeconds: number;
}

const TARGET = 5;
const EMOTIONS = ['joy', 'sadness', 'anger', 'disgust', 'fear', 'neutral'];

/** Speakers, takes (t % 11 ratings each: about 5 on average), gold takes, answered assignments and ratings. */
async function seed(client: pg.Client, takes: number): Promise<{ ratings: number }> {
  await client.query(`
    CREATE TEMP TABLE bench_speakers AS
      SELECT n, gen_random_uuid() AS id FROM generate_series(0, 2999) n;
    INSERT INTO speakers (id, token_hash, consented_at, locale)
      SELECT id, decode(md5(id::text), 'hex'), now(), 'en' FROM bench_speakers;
    CREATE TEMP TABLE bench_sentences AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, text FROM sentences WHERE locale = 'en' AND active;
    INSERT INTO takes (speaker_id, sentence_id, sentence_text, locale, emotion, state, mime_type, duration_ms, wav_key,
                       original_key, saved_at, created_at, gold)
      SELECT sp.id, se.id, se.text, 'en', (ARRAY['${EMOTIONS.join("','")}'])[1 + t % 6], 'saved', 'audio/webm', 3000,
             'bench/none.wav', 'bench/none.webm', now(), now() - (t || ' seconds')::interval, t % 100 = 0
      FROM generate_series(0, ${takes - 1}) t
      JOIN bench_speakers sp ON sp.n = t % 1000
      JOIN bench_sentences se ON se.n = t % (SELECT count(*) FROM bench_sentences);
    CREATE TEMP TABLE bench_takes AS SELECT row_number() OVER (ORDER BY created_at DESC) - 1 AS n, id, emotion FROM takes;
    CREATE TEMP TABLE bench_ratings AS
      SELECT gen_random_uuid() AS assignment_id, bt.id AS take_id, ls.id AS listener_id, bt.emotion AS intended, r
      FROM bench_takes bt, generate_series(0, 9) r, bench_speakers ls
      WHERE r < bt.n % 11 AND ls.n = 1000 + (bt.n + r * 401) % 2000;
    INSERT INTO listen_assignments (id, listener_id, take_id, kind, created_at, expires_at, answered_at)
      SELECT assignment_id, listener_id, take_id, 'fill', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'
      FROM bench_ratings;
    INSERT INTO ratings (assignment_id, take_id, listener_id, emotion, intensity, problems, response_ms, plays, repeat, counted, created_at)
      SELECT assignment_id, take_id, listener_id,
             CASE WHEN r % 3 = 0 THEN (ARRAY['${EMOTIONS.join("','")}','other'])[1 + (r * 7) % 7] ELSE intended END,
             1 + r % 5, '{}', 1500 + r * 100, 1, false, true, now() - (r || ' hours')::interval
      FROM bench_ratings;
    UPDATE takes t SET counted_ratings = c.n FROM (SELECT take_id, count(*)::int AS n FROM ratings GROUP BY take_id) c WHERE c.take_id = t.id;
    ANALYZE;
  `);
  return { ratings: (await client.query('SELECT count(*)::int AS n FROM ratings')).rows[0].n as number };
}

/** The fill query's plan for a listener with ratings, with the indexes and (in a rolled-back transaction) without. */
async function plans(client: pg.Client) {
  const listener = (await client.query('SELECT listener_id FROM ratings GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].listener_id as string;
  const explain = async (locale: string | null) => {
    const base = [listener, locale, TARGET, []];
    const level = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${FILL_LEVEL_SQL}`, base);
    const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${FILL_CANDIDATES_SQL}`, [...base, 0, '80000000-0000-4000-8000-000000000000']);
    type Explained = [{ Plan: Record<string, unknown>; 'Execution Time': number }];
    const levelMs = (level.rows[0]['QUERY PLAN'] as Explained)[0]['Execution Time'];
    const plan = (result.rows[0]['QUERY PLAN'] as Explained)[0];
    const nodes: string[] = [];
    const walk = (node: Record<string, unknown>, depth: number) => {
      if (depth < 4) nodes.push(`${' '.repeat(depth * 2)}${String(node['Node Type'])}${node['Index Name'] ? ` using ${String(node['Index Name'])}` : ''}`);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child, depth + 1);
    };
    walk(plan.Plan, 0);
    return { executionMs: round(levelMs + plan['Execution Time'], 2), levelMs: round(levelMs, 2), sharedHitBlocks: plan.Plan['Shared Hit Blocks'], nodes };
  };
  for (let i = 0; i < 3; i += 1) await explain('en'); // warm the cache: both plans read from memory
  const withIndexes = await explain('en');
  const anyLocale = await explain(null);
  await client.query('BEGIN');
  await client.query('DROP INDEX takes_listenable; DROP INDEX takes_listenable_any');
  const withoutListenableIndex = await explain('en');
  await client.query('ROLLBACK');
  return { withIndexes, anyLocale, withoutListenableIndex };
}

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await run();
  samples.push(performance.now() - start);
  return value;
}

const summary = (samples: number[]) => ({ count: samples.length, p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), max: round(Math.max(...samples)) });

async function listen(url: string, options: ListeningOptions) {
  const tokens = await Promise.all(
    Array.from({ length: options.listeners }, async () => {
      const response = await fetch(`${url}/api/v1/speakers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ consent: true, locale: 'en' }) });
      return ((await response.json()) as { token: string }).token;
    }),
  );
  // The floor under the same concurrency: an authenticated request that reaches no listening code.
  const floorMs: number[] = [];
  await Promise.all(
    tokens.map(async (token) => {
      for (let i = 0; i < options.rounds; i += 1) {
        const response = await timed(floorMs, () => fetch(`${url}/api/v1/limits`, { headers: { authorization: `Bearer ${token}` } }));
        await response.arrayBuffer();
      }
    }),
  );
  // One listener alone first: the service time of each request without any queueing.
  const solo = await rateLoop(url, tokens.slice(0, 1), 30, options.maxSeconds);
  const started = performance.now();
  const load = await rateLoop(url, tokens, options.rounds, options.maxSeconds);
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds: round(seconds),
    pairsPerSecond: round((load.statuses['answer 201'] ?? 0) / seconds),
    statuses: load.statuses,
    floor: summary(floorMs),
    soloNext: summary(solo.nextMs),
    soloAnswer: summary(solo.rateMs),
    next: summary(load.nextMs),
    answer: summary(load.rateMs),
  };
}

/** Each listener asks for the next clip and answers it, `rounds` times or until the time is up. */
async function rateLoop(url: string, tokens: string[], rounds: number, maxSeconds: number) {
  const nextMs: number[] = [];
  const rateMs: number[] = [];
  const statuses: Record<string, number> = {};
  const count = (what: string) => (statuses[what] = (statuses[what] ?? 0) + 1);
  const deadline = performance.now() + maxSeconds * 1000;
  await Promise.all(
    tokens.map(async (token, i) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      for (let round_ = 0; round_ < rounds && performance.now() < deadline; round_ += 1) {
        const next = await timed(nextMs, () => fetch(`${url}/api/v1/listen/next?locale=en`, { headers }));
        count(`next ${next.status}`);
        if (next.status !== 200) {
          await next.arrayBuffer();
          break;
        }
        const { assignmentId } = (await next.json()) as { assignmentId: string };
        const body = JSON.stringify({ emotion: EMOTIONS[(i + round_) % 6], intensity: 3, problems: [], responseMs: 2000, plays: 1 });
        const rated = await timed(rateMs, () => fetch(`${url}/api/v1/listen/assignments/${assignmentId}`, { method: 'POST', headers, body }));
        count(`answer ${rated.status}`);
        await rated.arrayBuffer();
      }
    }),
  );
  return { nextMs, rateMs, statuses };
}

export async function listeningAtScale(options: ListeningOptions) {
  await buildServer();
  const root = await mkdtemp(path.join(os.tmpdir(), 'emovox-bench-listen-'));
  const database = await startEmbeddedPostgres({ dir: path.join(root, 'pg'), password: 'bench-listening', log: createLogger('warn') });
  const env = { ...BENCH_ENV, DATABASE_URL: database.url, TOKEN_SECRET: 'bench-listening-secret-bench-listening-01', RATINGS_TARGET: String(TARGET) };
  let server: ServerProcess | null = null;
  const client = new pg.Client({ connectionString: database.url });
  try {
    await mkdir(path.join(root, 'data'));
    server = await startServerProcess({ env, dataDir: path.join(root, 'data'), compiled: true });
    await client.connect();
    const seedStart = performance.now();
    const seeded = await seed(client, options.takes);
    const seedSeconds = round((performance.now() - seedStart) / 1000);
    const plan = await plans(client);
    const loadStart = new Date();
    const load = await listen(server.url, options);
    // Fill ratings given during the load that took a take past the target (must be 0).
    const overFilled = await client.query(
      `SELECT count(*)::int AS n FROM takes t WHERE t.counted_ratings > $1 AND NOT t.gold AND EXISTS (
         SELECT 1 FROM listen_assignments a WHERE a.take_id = t.id AND a.kind = 'fill' AND a.created_at >= $2)`,
      [TARGET, loadStart],
    );
    return { takes: options.takes, ratingsSeeded: seeded.ratings, seedSeconds, ratingsTarget: TARGET, listeners: options.listeners, ...load, overFilledTakes: overFilled.rows[0].n as number, plan };
  } finally {
    await client.end().catch(() => undefined);
    await server?.stop();
    await database.stop();
    await rm(root, { recursive: true, force: true });
  }
}
