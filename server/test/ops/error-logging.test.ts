// A real pg pool whose idle client loses its backend: pg-pool hangs the whole client on the error it emits.
// The log line must carry the error's code and message, and none of the client's connection secrets.
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { guardPool } from '../../src/db/connection.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase } from '../support/test-database.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
let pool: pg.Pool | undefined;
afterAll(async () => {
  await pool?.end();
});

it('when an idle pooled client loses its backend, then the log has the code and message, not the host, user, processID or secretKey', async () => {
  const url = new URL(await createTestDatabase());
  pool = guardPool(new pg.Pool({ connectionString: url.toString(), max: 1 }), createLogger('warn', {}, sink), 'database');
  const client = await pool.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  client.release(); // idle now: pg-pool's idle listener is the one that attaches err.client
  const other = new pg.Client({ connectionString: url.toString() });
  await other.connect();
  await other.query('SELECT pg_terminate_backend($1)', [pid]);
  await other.end();
  for (let waited = 0; !lines.some((line) => line.includes('idle database client error')); waited += 20) {
    if (waited > 10_000) throw new Error(`no log line; saw ${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const line = lines.find((candidate) => candidate.includes('idle database client error'))!;
  const logged = JSON.parse(line) as { err: Record<string, unknown> };
  expect(logged.err).toMatchObject({ code: '57P01', message: expect.stringContaining('terminating connection') });
  expect(Object.keys(logged.err).sort()).toEqual(['code', 'message', 'stack', 'type']);
  for (const secret of ['secretKey', 'processID', 'password', '"user"', '"host"', '"client"', String(pid)]) {
    expect(line).not.toContain(secret);
  }
});
