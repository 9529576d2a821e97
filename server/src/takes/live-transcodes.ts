// Live transcoding: while a take records, its durable chunks are piped into ffmpeg in order, so the WAV is
// ready a few milliseconds after stop whatever the take's length, and spooled to a file, so the original is
// too. Only an optimisation: finalize uses them only when they cover exactly the staged chunks 0..lastSeq, and
// assembles and transcodes the staged chunks otherwise. Each live take holds an ffmpeg process, so their number
// is capped; takes beyond the cap finalize in batch.
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import {
  DEFAULT_MAX_LIFETIME_MS,
  LIVE_SPOOL_PREFIX,
  LiveTranscoder,
  type AudioAnalysis,
  type FfmpegLauncher,
  type QualityThresholds,
} from '../media/index.js';
import { OriginalSpool } from './original-spool.js';

/** Group commits can acknowledge chunk n+1 before chunk n; this many may wait for their turn. */
const REORDER_WINDOW = 16;

interface Live {
  transcoder: LiveTranscoder;
  spool: OriginalSpool;
  waiting: Map<number, Buffer>;
}

/** The finished WAV file of a live take, measured while it grew. */
export interface LiveWav {
  file: string;
  analysis: AudioAnalysis;
}

/**
 * What a live take left at stop: files that are now the caller's (to move into the store, or remove), each null
 * when it does not cover exactly chunks 0..lastSeq.
 */
export interface LiveResult {
  original: Promise<string | null>;
  wav: Promise<LiveWav | null>;
}

export interface LiveTranscodesOptions {
  /** Live takes at most; takes beyond finalize in batch. */
  max: number;
  log: Logger;
  launcher?: FfmpegLauncher;
  /** Default: the OS temp directory. */
  spoolDir?: string;
  /** The quality measures taken as the WAV grows; the batch path must use the same. */
  thresholds?: Partial<QualityThresholds>;
}

const NOTHING: LiveResult = { original: Promise.resolve(null), wav: Promise.resolve(null) };

export class LiveTranscodes {
  private readonly live = new Map<string, Live>();
  private readonly spoolDir: string;

  constructor(private readonly options: LiveTranscodesOptions) {
    this.spoolDir = options.spoolDir ?? tmpdir();
  }

  begin(takeId: string, mimeType: string): void {
    const { max, launcher, thresholds } = this.options;
    if (this.live.size >= max) this.pruneUnusable();
    if (this.live.size >= max || this.live.has(takeId) || !LiveTranscoder.supports(mimeType)) return;
    try {
      const transcoder = new LiveTranscoder(mimeType, { spoolDir: this.spoolDir, ...(launcher ? { launcher } : {}), ...(thresholds ? { thresholds } : {}) });
      this.live.set(takeId, { transcoder, spool: new OriginalSpool(this.spoolDir), waiting: new Map() });
    } catch (error) {
      this.options.log.warn({ err: error, takeId }, 'live transcoder did not start');
    }
  }

  /** Called once a chunk is durable. A gap (a chunk lost and resent later) ends the live transcode. */
  feed(takeId: string, seq: number, data: Buffer): void {
    const entry = this.live.get(takeId);
    if (!entry || seq < entry.transcoder.coveredSeqs) return;
    entry.waiting.set(seq, data);
    for (let next = entry.transcoder.coveredSeqs; entry.waiting.has(next); next = entry.transcoder.coveredSeqs) {
      const chunk = entry.waiting.get(next)!;
      entry.waiting.delete(next);
      if (!entry.transcoder.write(next, chunk)) return this.abort(takeId);
      entry.spool.append(chunk);
    }
    if (entry.waiting.size > REORDER_WINDOW) this.abort(takeId);
  }

  /** Audio decoded so far of a live take; null when the take does not transcode live here. */
  decodedMs(takeId: string): number | null {
    return this.live.get(takeId)?.transcoder.decodedMs ?? null;
  }

  /** The original and the WAV of chunks 0..lastSeq, each resolving to null when the live take cannot give it. */
  finish(takeId: string, lastSeq: number): LiveResult {
    const entry = this.live.get(takeId);
    if (!entry) return NOTHING;
    this.live.delete(takeId);
    if (entry.transcoder.coveredSeqs !== lastSeq + 1) {
      entry.transcoder.abort();
      entry.spool.discard();
      return NOTHING;
    }
    return { original: entry.spool.close(), wav: finishWav(entry.transcoder) };
  }

  abort(takeId: string): void {
    const entry = this.live.get(takeId);
    entry?.transcoder.abort();
    entry?.spool.discard();
    this.live.delete(takeId);
  }

  /** Abandoned takes whose ffmpeg gave up (lifetime, backlog) must not hold places under the cap. */
  private pruneUnusable(): void {
    for (const [takeId, entry] of this.live) if (!entry.transcoder.isUsable) this.abort(takeId);
  }

  abortAll(): void {
    for (const takeId of [...this.live.keys()]) this.abort(takeId);
  }

  get size(): number {
    return this.live.size;
  }
}

/** The caller has checked the coverage; finishing stops any further write, so it cannot change. */
async function finishWav(transcoder: LiveTranscoder): Promise<LiveWav | null> {
  try {
    const { file, analysis } = await transcoder.finish();
    return { file, analysis };
  } catch {
    return null; // the batch path decides, and reports, what is wrong with the audio
  }
}

/**
 * Spool files a killed process left in the spool directory. A live take writes its files every few hundred ms and lives
 * at most DEFAULT_MAX_LIFETIME_MS, so a file untouched for longer belongs to no one, whichever process made it.
 */
export async function removeStaleSpools(dir = tmpdir(), now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(LIVE_SPOOL_PREFIX)) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info || now - info.mtimeMs <= DEFAULT_MAX_LIFETIME_MS) continue;
    await rm(file, { force: true }).catch(() => undefined);
    removed += 1;
  }
  return removed;
}
