// A live take's original, written to a file in the spool directory as its chunks arrive in order, so that at
// stop the file is moved into the object store instead of the take assembled from PostgreSQL (200 rows for a
// 60 s take). Only a copy: the staged chunks stay the source of truth; a spool that failed in any way yields
// null, and finalize assembles the take from PostgreSQL as before.
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { LIVE_SPOOL_PREFIX } from '../media/index.js';

export class OriginalSpool {
  private readonly file: string;
  private readonly stream: WriteStream;
  private failed = false;

  constructor(dir = tmpdir()) {
    this.file = join(dir, `${LIVE_SPOOL_PREFIX}${randomUUID()}.orig`);
    this.stream = createWriteStream(this.file, { flags: 'wx', mode: 0o600 });
    this.stream.on('error', () => {
      this.failed = true;
    });
  }

  append(chunk: Buffer): void {
    if (this.failed) return;
    this.stream.write(chunk);
  }

  /**
   * The file holding everything appended, in order, now the caller's (to move into the store, or remove); null
   * when the file could not keep it, and then the file is removed.
   */
  async close(): Promise<string | null> {
    this.stream.end();
    try {
      await finished(this.stream); // rejects when any write failed
      return this.file;
    } catch {
      // below
    }
    await rm(this.file, { force: true }).catch(() => undefined);
    return null;
  }

  /** Resolves once the file is gone: removed after the stream closed, since its open may still be on the way. */
  discard(): Promise<void> {
    this.failed = true;
    const closed = this.stream.closed ? Promise.resolve() : new Promise<void>((resolve) => this.stream.once('close', () => resolve()));
    this.stream.destroy();
    return closed.then(() => rm(this.file, { force: true })).catch(() => undefined);
  }
}
