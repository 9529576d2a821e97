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
/** Before chunk 0 a take holds no ffmpeg: it may keep only this many later chunks waiting for it. */
const PRESTART_WINDOW = 2;

interface Started {
  transcoder: LiveTranscoder;
  spool: OriginalSpool;
}

interface Live {
  mimeType: string;
  /** Null until chunk 0 is durable: a take costs no process and no file before its audio arrives. */
  started: Started | null;
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
  /** Live takes (ffmpegs) at most; takes beyond finalize in batch. */
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
  /** Takes holding an ffmpeg (a place under the cap). */
  private running = 0;
  /** Aborts whose ffmpeg or files are still going away. */
  private readonly releasing = new Set<Promise<void>>();

  constructor(private readonly options: LiveTranscodesOptions) {
    this.spoolDir = options.spoolDir ?? tmpdir();
  }

  /** A take started recording: it may go live once its chunk 0 is durable. */
  begin(takeId: string, mimeType: string): void {
    if (this.live.has(takeId) || !LiveTranscoder.supports(mimeType)) return;
    this.live.set(takeId, { mimeType, started: null, waiting: new Map() });
  }

  /** Called once a chunk is durable. A gap (a chunk lost and resent later) ends the live transcode. */
  feed(takeId: string, seq: number, data: Buffer): void {
    const entry = this.live.get(takeId);
    if (!entry) return;
    if (!entry.started) {
      if (seq !== 0) {
        if (entry.waiting.size >= PRESTART_WINDOW) this.live.delete(takeId);
        else entry.waiting.set(seq, data);
        return;
      }
      entry.started = this.startLive(entry.mimeType);
      if (!entry.started) {
        this.live.delete(takeId); // over the cap, or ffmpeg could not start: the batch path
        return;
      }
      this.running += 1;
    }
    const { transcoder, spool } = entry.started;
    if (seq < transcoder.coveredSeqs) return;
    entry.waiting.set(seq, data);
    for (let next = transcoder.coveredSeqs; entry.waiting.has(next); next = transcoder.coveredSeqs) {
      const chunk = entry.waiting.get(next)!;
      entry.waiting.delete(next);
      if (!transcoder.write(next, chunk)) return void this.abort(takeId);
      spool.append(chunk);
    }
    if (entry.waiting.size > REORDER_WINDOW) void this.abort(takeId);
  }

  private startLive(mimeType: string): Started | null {
    const { max, launcher, thresholds } = this.options;
    if (this.running >= max) this.pruneUnusable();
    if (this.running >= max) return null;
    try {
      const transcoder = new LiveTranscoder(mimeType, { spoolDir: this.spoolDir, ...(launcher ? { launcher } : {}), ...(thresholds ? { thresholds } : {}) });
      return { transcoder, spool: new OriginalSpool(this.spoolDir) };
    } catch (error) {
      this.options.log.warn({ err: error }, 'live transcoder did not start');
      return null;
    }
  }

  /** Whether the take transcodes live here (holds an ffmpeg): its finalize should need no batch transcode. */
  holds(takeId: string): boolean {
    return this.live.get(takeId)?.started != null;
  }

  /** Audio decoded so far of a live take; null when the take does not transcode live here. */
  decodedMs(takeId: string): number | null {
    return this.live.get(takeId)?.started?.transcoder.decodedMs ?? null;
  }

  /** The original and the WAV of chunks 0..lastSeq, each resolving to null when the live take cannot give it. */
  finish(takeId: string, lastSeq: number): LiveResult {
    const entry = this.live.get(takeId);
    if (!entry?.started || entry.started.transcoder.coveredSeqs !== lastSeq + 1) {
      void this.abort(takeId);
      return NOTHING;
    }
    this.live.delete(takeId);
    this.running -= 1;
    return { original: entry.started.spool.close(), wav: finishWav(entry.started.transcoder) };
  }

  /**
   * The take ended without its live files (discard, delete, failure, shutdown): its ffmpeg is killed and its spool
   * files removed. Resolves once both are gone; the place under the cap is free at once.
   */
  abort(takeId: string): Promise<void> {
    const entry = this.live.get(takeId);
    this.live.delete(takeId);
    if (!entry?.started) return Promise.resolve();
    this.running -= 1;
    const released = Promise.all([entry.started.transcoder.abort(), entry.started.spool.discard()]).then(() => undefined);
    this.releasing.add(released);
    void released.finally(() => this.releasing.delete(released));
    return released;
  }

  /** Abandoned takes whose ffmpeg gave up (lifetime, backlog) must not hold places under the cap. */
  private pruneUnusable(): void {
    for (const [takeId, entry] of this.live) if (entry.started && !entry.started.transcoder.isUsable) void this.abort(takeId);
  }

  /** Shutdown: every live take's ffmpeg is killed and its files removed before this resolves. */
  async abortAll(): Promise<void> {
    for (const takeId of [...this.live.keys()]) void this.abort(takeId);
    await Promise.all([...this.releasing]);
  }

  /** Takes this replica tracks (recording here), to drop those that ended elsewhere. */
  takeIds(): string[] {
    return [...this.live.keys()];
  }

  /** Takes holding an ffmpeg and spool files now. */
  get size(): number {
    return this.running;
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
