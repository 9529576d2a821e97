import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { ByteRange, ObjectInfo, ObjectStore } from './object-store.js';
import { objectNotFound } from './object-store.js';
import { assertValidKey, assertValidPrefix, assertValidRange, DEFAULT_CONTENT_TYPE } from './validation.js';

// Object files sit at rootDir/<key>. One whose content type is not the one its extension implies (IMPLIED_TYPES)
// has a sidecar `.<name>.meta.json` holding it; temporary files are `.<name>.<uuid>.tmp`. Keys may not have
// dot-segments (validation.ts), so none of these can collide with an object, and list() skips them. A WAV stored as
// audio/wav needs no sidecar: one file and one fsync fewer per saved take.

const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);
/** The content type a key's extension stands for when the object has no sidecar. */
const IMPLIED_TYPES: Record<string, string> = { wav: 'audio/wav', webm: 'audio/webm', ogg: 'audio/ogg', m4a: 'audio/mp4' };

function impliedType(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot > file.lastIndexOf(sep) && IMPLIED_TYPES[file.slice(dot + 1)]) || DEFAULT_CONTENT_TYPE;
}
const PUT_ATTEMPTS = 3; // a concurrent deletePrefix may prune the directory we are about to write into

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error ? String(error.code) : undefined;
const isMissing = (error: unknown) => MISSING_CODES.has(errorCode(error) ?? '');

export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.store(key, contentType, (target) => writeAtomically(target, body));
  }

  async putFile(key: string, source: string, contentType: string): Promise<void> {
    try {
      await this.store(key, contentType, (target) => moveAtomically(source, target));
    } catch (error) {
      // A move that worked leaves no source behind; a failed one may.
      await rm(source, { force: true });
      throw error;
    }
  }

  private async store(key: string, contentType: string, write: (target: string) => Promise<void>): Promise<void> {
    const file = this.pathOf(key);
    const type = contentType || DEFAULT_CONTENT_TYPE;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await mkdir(dirname(file), { recursive: true });
        // Sidecar first: whenever the object file exists, its content type exists too. An implied type needs
        // none, and one left by an earlier put of this key with another type goes first, for the same reason.
        if (type === impliedType(file)) await unlinkIfPresent(sidecarOf(file));
        else await writeAtomically(sidecarOf(file), Buffer.from(JSON.stringify({ contentType: type })));
        await write(file);
        await fsyncDirectory(dirname(file));
        return;
      } catch (error) {
        if (errorCode(error) !== 'ENOENT' || attempt >= PUT_ATTEMPTS) throw error;
      }
    }
  }

  async stat(key: string): Promise<ObjectInfo | null> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      return { size: info.size, contentType: await readContentType(file) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    if (range) assertValidRange(range);
    // Open first, then stream from the open handle: no gap between the existence check and the read.
    const handle = await open(file, 'r').catch((error: unknown) => {
      throw isMissing(error) ? objectNotFound(key) : error;
    });
    try {
      if (!(await handle.stat()).isFile()) throw objectNotFound(key);
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await unlinkIfPresent(file);
    await unlinkIfPresent(sidecarOf(file));
    await this.pruneEmptyDirectories(dirname(file));
  }

  async deletePrefix(prefix: string): Promise<void> {
    if (prefix === '') throw new Error('Refusing to delete every object (empty prefix)');
    for (const key of await this.list(prefix)) await this.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    await this.collect('', prefix, keys);
    return keys.sort();
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.R_OK | constants.W_OK);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  /** Walks only the directories that can hold keys starting with prefix. */
  private async collect(relativeDir: string, prefix: string, into: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(join(this.root, ...relativeDir.split('/')), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const key = relativeDir + entry.name;
      if (entry.isDirectory()) {
        const asDir = `${key}/`;
        if (asDir.startsWith(prefix) || prefix.startsWith(asDir)) await this.collect(asDir, prefix, into);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        into.push(key);
      }
    }
  }

  private async pruneEmptyDirectories(from: string): Promise<void> {
    for (let dir = from; dir.startsWith(this.root + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or already gone): nothing further up can be empty because of us
      }
    }
  }
}

const sidecarOf = (file: string) => join(dirname(file), `.${basename(file)}.meta.json`);

async function readContentType(file: string): Promise<string> {
  try {
    const meta = JSON.parse(await readFile(sidecarOf(file), 'utf8')) as { contentType?: unknown };
    return typeof meta.contentType === 'string' && meta.contentType ? meta.contentType : DEFAULT_CONTENT_TYPE;
  } catch (error) {
    if (isMissing(error)) return impliedType(file);
    throw error;
  }
}

/** Temp file in the same directory, fsync, rename: readers see the old bytes or the new, never a mix. */
async function writeAtomically(target: string, data: Buffer): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Makes source durable and renames it onto target. Across filesystems (a spool directory on another mount) it is
 * copied to a temporary file beside target first; either way readers see the old bytes or the new, never a mix.
 */
async function moveAtomically(source: string, target: string): Promise<void> {
  const handle = await open(source, 'r+');
  try {
    await handle.chmod(0o644);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(source, target);
  } catch (error) {
    if (errorCode(error) !== 'EXDEV') throw error;
    await writeAtomically(target, await readFile(source));
    await rm(source, { force: true });
  }
}

/** Makes the rename itself durable across a power cut. */
async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}
