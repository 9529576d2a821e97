import type { Migration } from '../migrator.js';

// The speaker's stop in one round trip. It used to be a transaction of five statements from the server (BEGIN,
// lock, read the staged seqs, update, COMMIT); when a whole room stops at once, each of those queued behind the
// others'. A PL/pgSQL function runs the same steps inside PostgreSQL: under READ COMMITTED every statement in it
// takes a fresh snapshot, so the staged seqs are read after the row lock is held, exactly as before, and a chunk
// committed while the stop waited for the lock is seen. Outcomes other than the move raise an error whose SQLSTATE
// names them (db/take-transitions.ts maps them back).
export const STOP_TAKE_ERRORS = {
  notFound: 'EV001',
  notRecording: 'EV002',
  beyondLastSeq: 'EV003',
  incomplete: 'EV004',
} as const;

export const stopTake: Migration = {
  name: '013-stop-take',
  async up({ context: sql }) {
    await sql(`
      CREATE FUNCTION emovox_stop_take(p_take uuid, p_speaker uuid, p_last_seq int, p_client_duration_ms int,
        p_speak_at_ms int, p_stop_pressed_at_ms int, p_lease_ms int)
      RETURNS SETOF takes LANGUAGE plpgsql AS $fn$
      DECLARE
        current takes%ROWTYPE;
        held int[];
      BEGIN
        SELECT * INTO current FROM takes WHERE id = p_take FOR UPDATE;
        IF NOT FOUND OR current.speaker_id <> p_speaker THEN
          RAISE EXCEPTION USING ERRCODE = '${STOP_TAKE_ERRORS.notFound}', MESSAGE = 'no such take';
        END IF;
        IF current.state <> 'recording' THEN
          RAISE EXCEPTION USING ERRCODE = '${STOP_TAKE_ERRORS.notRecording}', MESSAGE = 'not recording',
            DETAIL = json_build_object('state', current.state, 'lastSeq', current.last_seq)::text;
        END IF;
        SELECT coalesce(array_agg(seq ORDER BY seq), '{}') INTO held FROM take_chunks WHERE take_id = p_take;
        IF cardinality(held) > 0 AND held[cardinality(held)] > p_last_seq THEN
          RAISE EXCEPTION USING ERRCODE = '${STOP_TAKE_ERRORS.beyondLastSeq}', MESSAGE = 'a chunk above lastSeq is held';
        END IF;
        IF cardinality(held) <> p_last_seq + 1 OR (cardinality(held) > 0 AND held[1] <> 0) THEN
          RAISE EXCEPTION USING ERRCODE = '${STOP_TAKE_ERRORS.incomplete}', MESSAGE = 'chunks are missing',
            DETAIL = array_to_json(held)::text;
        END IF;
        RETURN QUERY
          UPDATE takes SET state = 'finalizing', last_seq = p_last_seq, client_duration_ms = p_client_duration_ms,
            speak_at_ms = p_speak_at_ms, stop_pressed_at_ms = p_stop_pressed_at_ms, updated_at = now(),
            finalize_lease_until = CASE WHEN p_lease_ms IS NULL THEN finalize_lease_until
              ELSE now() + make_interval(secs => p_lease_ms / 1000.0) END
          WHERE id = p_take RETURNING *;
      END
      $fn$;
    `);
  },
  async down({ context: sql }) {
    await sql(`DROP FUNCTION emovox_stop_take(uuid, uuid, int, int, int, int, int);`);
  },
};
