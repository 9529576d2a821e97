import { MediaProcessError } from './errors.js';
import { spawnInProcess, type FfmpegLauncher } from './ffmpeg-launcher.js';
import type { FfmpegProcess } from './ffmpeg-process.js';
import { ffmpegWavArgs, wavFromFfmpeg } from './ffmpeg-wav.js';
import { FFMPEG_DEMUXER, containerForMimeType, needsSeekableInput } from './mime.js';
import { DEFAULT_MAX_WAV_BYTES } from './transcode.js';

// An optional shortcut: chunks are piped into ffmpeg while the take records, so the WAV is ready
// a few ms after stop. It only ever accepts the stream in order from seq 0; anything else
// abandons it and the caller falls back to the batch transcode. It never throws at the caller.

export interface LiveTranscoderOptions {
  /** Whole life of the ffmpeg process, recording included; default 10 min. */
  maxLifetimeMs?: number;
  /** Bytes written to ffmpeg but not yet consumed; more abandons the transcoder. Default 16 MiB. */
  maxPendingInputBytes?: number;
  maxOutputBytes?: number;
  /** Where ffmpeg is spawned; default this process. */
  launcher?: FfmpegLauncher;
}

export interface LiveTranscodeResult {
  wav: Buffer;
  /** How many seqs, 0..n-1, went into the WAV in order. */
  coveredSeqs: number;
}

const DEFAULT_MAX_LIFETIME_MS = 10 * 60_000;
const DEFAULT_MAX_PENDING_INPUT_BYTES = 16 * 1024 * 1024;

export class LiveTranscoder {
  private readonly ffmpeg: FfmpegProcess | null;
  private readonly maxPendingInputBytes: number;
  private nextSeq = 0;
  private usable: boolean;
  private finishing = false;

  /** Live transcoding suits streamable containers only; MP4 is refused. */
  static supports(mimeType: string): boolean {
    const container = containerForMimeType(mimeType);
    return container !== null && !needsSeekableInput(container);
  }

  constructor(mimeType: string, opts: LiveTranscoderOptions = {}) {
    this.maxPendingInputBytes = opts.maxPendingInputBytes ?? DEFAULT_MAX_PENDING_INPUT_BYTES;
    const container = containerForMimeType(mimeType);
    if (container === null || needsSeekableInput(container)) {
      this.ffmpeg = null;
      this.usable = false;
      return;
    }
    this.ffmpeg = (opts.launcher ?? spawnInProcess)(ffmpegWavArgs(FFMPEG_DEMUXER[container], 'pipe:0', true), 'pipe', {
      timeoutMs: opts.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS,
      maxOutputBytes: opts.maxOutputBytes ?? DEFAULT_MAX_WAV_BYTES,
    });
    this.usable = true;
    // Any early end of ffmpeg (bad data, a limit) makes this transcoder unusable.
    void this.ffmpeg.result.then(() => {
      if (!this.finishing) this.usable = false;
    });
  }

  /** False when the transcoder cannot (or can no longer) produce the WAV. */
  get isUsable(): boolean {
    return this.usable;
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
    return true;
  }

  /** Closes ffmpeg's input and resolves with the WAV; rejects when the transcoder is unusable. */
  async finish(): Promise<LiveTranscodeResult> {
    if (!this.ffmpeg || !this.usable || this.finishing) {
      throw new MediaProcessError('live transcoding is not available for this take');
    }
    this.finishing = true;
    this.ffmpeg.stdin.end();
    try {
      return { wav: wavFromFfmpeg(await this.ffmpeg.result), coveredSeqs: this.nextSeq };
    } finally {
      this.usable = false;
    }
  }

  /** Stops ffmpeg now; safe to call at any time and more than once. */
  abort(): void {
    this.usable = false;
    this.ffmpeg?.abort();
  }
}
