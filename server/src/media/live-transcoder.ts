import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AudioAnalysis, QualityThresholds } from './analyze.js';
import { MediaDecodeError, MediaProcessError, MediaTooLargeError } from './errors.js';
import { spawnInProcess, type FfmpegLauncher } from './ffmpeg-launcher.js';
import type { FfmpegProcess } from './ffmpeg-process.js';
import { ffmpegWavArgs, throwIfFfmpegFailed } from './ffmpeg-wav.js';
import { FFMPEG_DEMUXER, containerForMimeType, needsSeekableInput } from './mime.js';
import { DEFAULT_MAX_WAV_BYTES } from './transcode.js';
import { WavFileTail } from './wav-file-tail.js';

// An optional shortcut: chunks are piped into ffmpeg while the take records, so the WAV is ready
// a few ms after stop. It only ever accepts the stream in order from seq 0; anything else
// abandons it and the caller falls back to the batch transcode. It never throws at the caller.
//
// ffmpeg writes the WAV to a file in the spool directory (SPOOL_DIR, by default TMPDIR) as it decodes, not to
// a pipe, and the file is analyzed as it grows (wav-file-tail.ts). At stop only the last few hundred ms are read;
// the finished file is handed to the caller, who moves it into the object store. Nothing proportional to the
// take's length is left on the path to 'saved'.

export interface LiveTranscoderOptions {
  /** Whole life of the ffmpeg process, recording included; default 10 min. */
  maxLifetimeMs?: number;
  /** Bytes written to ffmpeg but not yet consumed; more abandons the transcoder. Default 16 MiB. */
  maxPendingInputBytes?: number;
  maxOutputBytes?: number;
  /** Where ffmpeg is spawned; default this process. */
  launcher?: FfmpegLauncher;
  /** Where the WAV is written while it grows; default os.tmpdir(). */
  spoolDir?: string;
  /** For the quality measures taken as the WAV grows. */
  thresholds?: Partial<QualityThresholds>;
}

export interface LiveTranscodeResult {
  /** The finished WAV, now the caller's: move it into the store, or remove it. */
  file: string;
  fileBytes: number;
  analysis: AudioAnalysis;
  /** How many seqs, 0..n-1, went into the WAV in order. */
  coveredSeqs: number;
}

/** The growing WAV is read after every this many chunks (about a second of audio). */
const TAIL_EVERY_CHUNKS = 4;

export const DEFAULT_MAX_LIFETIME_MS = 10 * 60_000;
/** Names of the files live takes write in the spool directory (the WAV here, the original in takes/original-spool.ts). */
export const LIVE_SPOOL_PREFIX = 'emovox-live-';
const DEFAULT_MAX_PENDING_INPUT_BYTES = 16 * 1024 * 1024;

export class LiveTranscoder {
  private readonly ffmpeg: FfmpegProcess | null;
  private readonly maxPendingInputBytes: number;
  private readonly maxOutputBytes: number;
  private readonly spool: string;
  private readonly tail: WavFileTail;
  private nextSeq = 0;
  private usable: boolean;
  private finishing = false;
  /** Settles once an abandoned transcoder's ffmpeg has exited and its file is removed. */
  private readonly released: Promise<void>;

  /** Live transcoding suits streamable containers only; MP4 is refused. */
  static supports(mimeType: string): boolean {
    const container = containerForMimeType(mimeType);
    return container !== null && !needsSeekableInput(container);
  }

  constructor(mimeType: string, opts: LiveTranscoderOptions = {}) {
    this.maxPendingInputBytes = opts.maxPendingInputBytes ?? DEFAULT_MAX_PENDING_INPUT_BYTES;
    this.maxOutputBytes = opts.maxOutputBytes ?? DEFAULT_MAX_WAV_BYTES;
    this.spool = join(opts.spoolDir ?? tmpdir(), `${LIVE_SPOOL_PREFIX}${randomUUID()}.wav`);
    this.tail = new WavFileTail(this.spool, opts.thresholds ? { thresholds: opts.thresholds } : {});
    const container = containerForMimeType(mimeType);
    if (container === null || needsSeekableInput(container)) {
      this.ffmpeg = null;
      this.usable = false;
      this.released = Promise.resolve();
      return;
    }
    const output = { file: this.spool, maxBytes: this.maxOutputBytes };
    this.ffmpeg = (opts.launcher ?? spawnInProcess)(ffmpegWavArgs(FFMPEG_DEMUXER[container], 'pipe:0', true, output), 'pipe', {
      timeoutMs: opts.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS,
      maxOutputBytes: this.maxOutputBytes,
    });
    this.usable = true;
    // Any early end of ffmpeg (bad data, a limit) makes this transcoder unusable, and its file garbage.
    this.released = this.ffmpeg.result.then(async () => {
      if (this.finishing) return;
      this.usable = false;
      await this.dropSpool();
    });
  }

  /** False when the transcoder cannot (or can no longer) produce the WAV. */
  get isUsable(): boolean {
    return this.usable;
  }

  /** Audio decoded so far, as last read from the growing WAV (about a second behind the input). */
  get decodedMs(): number {
    return this.tail.decodedMs;
  }

  get coveredSeqs(): number {
    return this.nextSeq;
  }

  /**
   * Feeds chunk `seq`. A seq already written is ignored (resends are checked by the caller).
   * Returns false when the transcoder is unusable: a gap in the order abandons it for good.
   */
  write(seq: number, data: Buffer): boolean {
    if (!this.usable || this.finishing || !this.ffmpeg) return false;
    if (seq < this.nextSeq) return true;
    if (seq !== this.nextSeq) {
      this.abort();
      return false;
    }
    const stdin = this.ffmpeg.stdin;
    if (stdin.destroyed || stdin.writableLength + data.length > this.maxPendingInputBytes) {
      this.abort();
      return false;
    }
    stdin.write(data);
    this.nextSeq++;
    if (this.nextSeq % TAIL_EVERY_CHUNKS === 0) this.tail.poll();
    return true;
  }

  /** Closes ffmpeg's input and resolves with the finished WAV file and its analysis; rejects when the transcoder is unusable. */
  async finish(): Promise<LiveTranscodeResult> {
    if (!this.ffmpeg || !this.usable || this.finishing) {
      throw new MediaProcessError('live transcoding is not available for this take');
    }
    this.finishing = true;
    this.ffmpeg.stdin.end();
    let handedOver = false;
    try {
      const result = await this.ffmpeg.result;
      throwIfFfmpegFailed(result);
      const summary = await this.tail.finish();
      if (!summary) throw new MediaProcessError('the live WAV could not be read back', result.stderr);
      // -fs stops the output at the cap without an error: a file that reached it was cut short.
      if (summary.fileBytes >= this.maxOutputBytes) throw new MediaTooLargeError('the decoded audio is too long', result.stderr);
      if (summary.dataBytes === 0) throw new MediaDecodeError('the audio contains no decodable sound', result.stderr);
      handedOver = true;
      return { file: this.spool, fileBytes: summary.fileBytes, analysis: summary.analysis, coveredSeqs: this.nextSeq };
    } finally {
      this.usable = false;
      if (!handedOver) await this.dropSpool();
    }
  }

  private async dropSpool(): Promise<void> {
    await this.tail.close();
    await rm(this.spool, { force: true }).catch(() => undefined);
  }

  /**
   * Stops ffmpeg now; safe to call at any time and more than once. Resolves once ffmpeg has exited and, unless
   * finish() handed it over, its WAV file is gone.
   */
  abort(): Promise<void> {
    this.usable = false;
    this.ffmpeg?.abort();
    void this.tail.close();
    return this.released;
  }
}
