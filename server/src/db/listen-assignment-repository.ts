// Assignment of clips to listeners, in PostgreSQL so that every replica shares it. A fill assignment counts
// towards RATINGS_TARGET while open: a candidate take is locked (FOR UPDATE SKIP LOCKED) and its counted
// ratings plus open fill assignments recounted under that lock, so two listeners asking at once cannot
// over-fill one clip. Each listener's requests are serialised on their speaker row. A listener the gold rule excludes
// gets 'extra' clips instead of fill ones: their ratings never count, so their clips hold no place.
import type pg from 'pg';
import type { Locale } from '../protocol/index.js';
import { goldStanding, isExcluded, type GoldRule } from './take-perception.js';
import { retryOnDeadlock, withTransaction } from './transaction.js';

export type AssignmentKind = 'fill' | 'gold' | 'repeat' | 'extra';

export interface AssignmentRecord {
  id: string;
  listenerId: string;
  takeId: string;
  kind: AssignmentKind;
  expiresAt: Date;
  answeredAt: Date | null;
  sentenceText: string;
  locale: Locale | null;
  wavKey: string | null;
}

export interface AssignOptions {
  listenerId: string;
  locale: Locale | null;
  /** Kinds to try, in order; the first that finds a take wins. */
  plan: AssignmentKind[];
  ratingsTarget: number;
  /** Who is excluded: such a listener's fill becomes 'extra'. */
  rule: GoldRule;
  assignmentMs: number;
  /** Uniform in [0, 1): the tie-breaks between equally rated takes (seeded in tests). */
  random: () => number;
}

/** What assignment may give: saved, not rejected in review, not replaced by a re-recording. */
export const LISTENABLE = `t.state = 'saved' AND t.review <> 'rejected' AND t.replaced_by IS NULL`;

const ASSIGNMENT_COLUMNS = `a.id, a.listener_id, a.take_id, a.kind, a.expires_at, a.answered_at, t.sentence_text, t.locale, t.wav_key`;
const CANDIDATES = 16;

function toAssignment(row: Record<string, unknown>): AssignmentRecord {
  return {
    id: row.id as string,
    listenerId: row.listener_id as string,
    takeId: row.take_id as string,
    kind: row.kind as AssignmentKind,
    expiresAt: row.expires_at as Date,
    answeredAt: row.answered_at as Date | null,
    sentenceText: row.sentence_text as string,
    locale: row.locale as Locale | null,
    wavKey: row.wav_key as string | null,
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A take this listener may be given to fill: $1 listener, $2 locale or null, $3 target, $4 take ids to skip. */
const FILLABLE = `${LISTENABLE} AND ($2::text IS NULL OR t.locale = $2) AND t.speaker_id <> $1
       AND t.counted_ratings < $3 AND NOT (t.id = ANY($4::uuid[]))
       AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.take_id = t.id AND r.listener_id = $1 AND NOT r.repeat)
       AND t.counted_ratings + (SELECT count(*) FROM listen_assignments o
             WHERE o.take_id = t.id AND o.answered_at IS NULL AND o.expires_at > now() AND o.kind = 'fill') < $3`;

/** The lowest level of counted ratings a fillable take has (fewest first), on the takes_listenable index. */
export const FILL_LEVEL_SQL = `SELECT t.counted_ratings AS n FROM takes t WHERE ${FILLABLE} ORDER BY t.counted_ratings, t.id LIMIT 1`;

/**
 * Up to CANDIDATES fillable takes of level $5 from a random point $6 (a UUID) on, wrapping around: an index
 * range scan each. The random point spreads listeners asking together over the level's takes rather than
 * have them queue for the same rows. Exported, like the level query, for the benchmark's query plans.
 */
export const FILL_CANDIDATES_SQL = `(SELECT t.id FROM takes t WHERE ${FILLABLE} AND t.counted_ratings = $5 AND t.id >= $6::uuid
      ORDER BY t.id LIMIT ${CANDIDATES})
     UNION ALL
     (SELECT t.id FROM takes t WHERE ${FILLABLE} AND t.counted_ratings = $5 AND t.id < $6::uuid
      ORDER BY t.id LIMIT ${CANDIDATES})`;

/** A UUID-shaped random point from the injected generator. */
function randomPoint(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function fillCandidates(client: pg.PoolClient, options: AssignOptions, skip: string[]): Promise<string[]> {
  const base = [options.listenerId, options.locale, options.ratingsTarget, skip];
  const level = await client.query(FILL_LEVEL_SQL, base);
  if (level.rowCount === 0) return [];
  const result = await client.query(FILL_CANDIDATES_SQL, [...base, level.rows[0].n, randomPoint(options.random)]);
  return shuffled(result.rows.slice(0, CANDIDATES).map((row) => row.id as string), options.random);
}

type Claim = 'won' | 'full' | 'busy';

/**
 * Locks one candidate and recounts under the lock. Inside a savepoint, so that a take found full (or busy)
 * is unlocked at once rather than held to the end of the transaction. `wait` blocks on a busy take instead of
 * skipping it: once every candidate was busy, a listener waits its turn rather than hear "nothing left".
 */
async function claimFill(client: pg.PoolClient, takeId: string, target: number, wait: boolean): Promise<Claim> {
  await client.query('SAVEPOINT claim');
  const locked = await client.query(`SELECT t.id FROM takes t WHERE t.id = $1 AND ${LISTENABLE} FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`, [takeId]);
  if (locked.rowCount === 0) {
    await client.query('ROLLBACK TO SAVEPOINT claim');
    return wait ? 'full' : 'busy';
  }
  // A new statement, so a new snapshot: it sees every assignment committed by whoever held this lock before.
  const load = await client.query(
    `SELECT t.counted_ratings + (SELECT count(*) FROM listen_assignments o
       WHERE o.take_id = t.id AND o.answered_at IS NULL AND o.expires_at > now() AND o.kind = 'fill')::int AS n
     FROM takes t WHERE t.id = $1`,
    [takeId],
  );
  if ((load.rows[0].n as number) >= target) {
    await client.query('ROLLBACK TO SAVEPOINT claim');
    return 'full';
  }
  await client.query('RELEASE SAVEPOINT claim');
  return 'won';
}

const SKIPPING_ROUNDS = 2;
const ROUNDS = 8;

async function pickFill(client: pg.PoolClient, options: AssignOptions): Promise<string | null> {
  const full: string[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const candidates = await fillCandidates(client, options, full);
    if (candidates.length === 0) return null;
    for (const takeId of candidates) {
      const claim = await claimFill(client, takeId, options.ratingsTarget, round >= SKIPPING_ROUNDS);
      if (claim === 'won') return takeId;
      if (claim === 'full') full.push(takeId);
    }
  }
  return null;
}

/** For an excluded listener: a take still short of its target, given without taking one of its places. */
async function pickExtra(client: pg.PoolClient, options: AssignOptions): Promise<string | null> {
  return (await fillCandidates(client, options, []))[0] ?? null;
}

/** A gold take this listener has not rated yet (gold comes on top of the target). */
async function pickGold(client: pg.PoolClient, options: AssignOptions): Promise<string | null> {
  const result = await client.query(
    `SELECT t.id FROM takes t
     WHERE t.gold AND ${LISTENABLE} AND ($2::text IS NULL OR t.locale = $2) AND t.speaker_id <> $1
       AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.take_id = t.id AND r.listener_id = $1 AND NOT r.repeat)
     ORDER BY md5(t.id::text || $3) LIMIT 1`,
    [options.listenerId, options.locale, String(options.random())],
  );
  return (result.rows[0]?.id as string | undefined) ?? null;
}

/** A take this listener rated once and never repeated: the test-retest pair. */
async function pickRepeat(client: pg.PoolClient, options: AssignOptions): Promise<string | null> {
  const result = await client.query(
    `SELECT t.id FROM ratings r JOIN takes t ON t.id = r.take_id
     WHERE r.listener_id = $1 AND NOT r.repeat AND ${LISTENABLE} AND ($2::text IS NULL OR t.locale = $2)
       AND NOT EXISTS (SELECT 1 FROM ratings again WHERE again.take_id = t.id AND again.listener_id = $1 AND again.repeat)
     ORDER BY md5(t.id::text || $3) LIMIT 1`,
    [options.listenerId, options.locale, String(options.random())],
  );
  return (result.rows[0]?.id as string | undefined) ?? null;
}

const PICKERS: Record<AssignmentKind, (client: pg.PoolClient, options: AssignOptions) => Promise<string | null>> = {
  fill: pickFill,
  gold: pickGold,
  repeat: pickRepeat,
  extra: pickExtra,
};

export function listenAssignmentRepository(pool: pg.Pool) {
  async function openOf(client: pg.PoolClient | pg.Pool, listenerId: string): Promise<(AssignmentRecord & { live: boolean }) | null> {
    const result = await client.query(
      `SELECT ${ASSIGNMENT_COLUMNS}, (a.expires_at > now() AND ${LISTENABLE}) AS live
       FROM listen_assignments a JOIN takes t ON t.id = a.take_id
       WHERE a.listener_id = $1 AND a.answered_at IS NULL`,
      [listenerId],
    );
    return result.rows[0] ? { ...toAssignment(result.rows[0]), live: result.rows[0].live as boolean } : null;
  }

  return {
    /**
     * The listener's open assignment when it is still live; otherwise a new one (an expired one, or one whose
     * take left the pool, is replaced). Null when nothing is left for this listener.
     */
    async assign(options: AssignOptions): Promise<AssignmentRecord | null> {
      return retryOnDeadlock(() =>
        withTransaction(pool, async (client) => {
          await client.query('SELECT 1 FROM speakers WHERE id = $1 FOR UPDATE', [options.listenerId]);
          const open = await openOf(client, options.listenerId);
          if (open?.live) return open;
          if (open) await client.query('DELETE FROM listen_assignments WHERE id = $1', [open.id]);
          const excluded = isExcluded(await goldStanding(client, options.listenerId), options.rule);
          const plan = excluded ? options.plan.map((kind) => (kind === 'fill' ? 'extra' : kind)) : options.plan;
          for (const kind of plan) {
            const takeId = await PICKERS[kind](client, options);
            if (!takeId) continue;
            const inserted = await client.query(
              `WITH a AS (
                 INSERT INTO listen_assignments (listener_id, take_id, kind, expires_at)
                 VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') RETURNING *)
               SELECT ${ASSIGNMENT_COLUMNS} FROM a JOIN takes t ON t.id = a.take_id`,
              [options.listenerId, takeId, kind, options.assignmentMs],
            );
            return toAssignment(inserted.rows[0]);
          }
          return null;
        }),
      );
    },

    /** The assignment when it was given to this listener; null for anyone else or an unknown id. */
    async find(assignmentId: string, listenerId: string): Promise<AssignmentRecord | null> {
      const result = await pool.query(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM listen_assignments a JOIN takes t ON t.id = a.take_id
         WHERE a.id = $1 AND a.listener_id = $2`,
        [assignmentId, listenerId],
      );
      return result.rows[0] ? toAssignment(result.rows[0]) : null;
    },

    /** How many takes this listener could still be given to fill, counted up to `cap`. */
    async available(listenerId: string, locale: Locale | null, target: number, cap: number): Promise<number> {
      const result = await pool.query(
        `SELECT count(*)::int AS n FROM (
           SELECT 1 FROM takes t
           WHERE ${LISTENABLE} AND ($2::text IS NULL OR t.locale = $2) AND t.speaker_id <> $1 AND t.counted_ratings < $3
             AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.take_id = t.id AND r.listener_id = $1 AND NOT r.repeat)
           LIMIT $4) AS open_takes`,
        [listenerId, locale, target, cap],
      );
      return result.rows[0].n as number;
    },
  };
}
export type ListenAssignmentRepository = ReturnType<typeof listenAssignmentRepository>;
