// The stale sweep's reads and writes, in one transaction under an advisory lock so that one replica sweeps at a
// time: abandoned recording takes ended (take-transitions.ts endStale), unowned finalize work found, staged chunks
// no longer needed purged, and undecodable takes whose audio is due found.
import type pg from 'pg';
import { endStale } from './take-transitions.js';
import { withTransaction } from './transaction.js';

const SWEEP_LOCK_KEY = 0x656d6f77; // "emow"

/** Undecodable takes whose audio one sweep removes at most. */
const EXPIRE_BATCH = 100;

export interface SweepTimes {
  /** A recording take with no chunk and no resume for this long is abandoned. */
  staleAfterMs: number;
  /** Sooner when its speaker's page said goodbye (speaker_left_at) and nothing came since. */
  leftAfterMs?: number;
  /** Staged chunks of failed and discarded takes are kept this long. */
  retentionMs: number;
  /** A take that failed as undecodable (UNSUPPORTED_MEDIA) keeps its original and staged chunks this long. */
  undecodableRetentionMs: number;
}

export interface SweepFindings {
  /** Stale takes moved to finalizing. */
  finalized: string[];
  /** Stale takes failed as abandoned. */
  failed: string[];
  /** Finalizing takes no replica holds a lease on. */
  requeued: string[];
  purgedChunks: number;
  /** Undecodable takes whose audio is due for removal. */
  undecodable: string[];
}

/** null when another replica is sweeping. */
export function sweepTakes(pool: pg.Pool, times: SweepTimes): Promise<SweepFindings | null> {
  return withTransaction(pool, async (client) => {
    const locked = await client.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [SWEEP_LOCK_KEY]);
    if (!locked.rows[0].ok) return null;
    const findings: SweepFindings = { finalized: [], failed: [], requeued: [], purgedChunks: 0, undecodable: [] };
    const stale = await client.query(
      `SELECT t.id FROM takes t
       WHERE t.state = 'recording' AND ((t.last_activity_at < now() - make_interval(secs => $1 / 1000.0)
         AND NOT EXISTS (SELECT 1 FROM take_chunks c WHERE c.take_id = t.id AND c.created_at > now() - make_interval(secs => $1 / 1000.0)))
         OR (t.speaker_left_at < now() - make_interval(secs => $2 / 1000.0) AND t.last_activity_at <= t.speaker_left_at
           AND NOT EXISTS (SELECT 1 FROM take_chunks c WHERE c.take_id = t.id AND c.created_at > t.speaker_left_at)))
       ORDER BY t.last_activity_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
      [times.staleAfterMs, times.leftAfterMs ?? times.staleAfterMs],
    );
    for (const row of stale.rows) {
      const takeId = row.id as string;
      if ((await endStale(client, takeId)) === 'finalizing') findings.finalized.push(takeId);
      else findings.failed.push(takeId);
    }
    // Finalizing takes that no replica holds a lease on, and that nothing touched for a while.
    const orphans = await client.query(
      `SELECT id FROM takes WHERE state = 'finalizing' AND (finalize_lease_until IS NULL OR finalize_lease_until < now())
         AND updated_at < now() - interval '30 seconds' LIMIT 500`,
    );
    findings.requeued = orphans.rows.map((r) => r.id as string);
    const purged = await client.query(
      `DELETE FROM take_chunks c USING takes t
       WHERE c.take_id = t.id AND (t.state = 'saved'
         OR (t.state IN ('failed', 'discarded') AND t.updated_at < now() - make_interval(secs => $1 / 1000.0))
         OR (t.state = 'failed' AND t.error_code = 'UNSUPPORTED_MEDIA' AND t.updated_at < now() - make_interval(secs => $2 / 1000.0)))`,
      [times.retentionMs, times.undecodableRetentionMs],
    );
    findings.purgedChunks = purged.rowCount ?? 0;
    const expired = await client.query(
      `SELECT id FROM takes WHERE state = 'failed' AND error_code = 'UNSUPPORTED_MEDIA' AND audio_expired_at IS NULL
         AND updated_at < now() - make_interval(secs => $1 / 1000.0) ORDER BY updated_at LIMIT ${EXPIRE_BATCH}`,
      [times.undecodableRetentionMs],
    );
    findings.undecodable = expired.rows.map((r) => r.id as string);
    return findings;
  });
}
