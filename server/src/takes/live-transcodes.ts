// Live transcoding: while a take records, its durable chunks are piped into ffmpeg in order, so the WAV is
// ready a few milliseconds after stop whatever the take's length. Only an optimisation: finalize uses the
// result only when it covers exactly the staged chunks 0..lastSeq, and transcodes the staged chunks otherwise.
// Each live take holds an ffmpeg process, so their number is capped; takes beyond the cap finalize in batch.
import type { Logger } from '../logger.js';
import { LiveTranscoder, type FfmpegLauncher } from '../media/index.js';

/** Group commits can acknowledge chunk n+1 before chunk n; this many may wait for their turn. */
const REORDER_WINDOW = 16;

interface Live {
  transcoder: LiveTranscoder;
  waiting: Map<number, Buffer>;
}

export class LiveTranscodes {
  private readonly live = new Map<string, Live>();

  constructor(
    private readonly max: number,
    private readonly log: Logger,
    private readonly launcher?: FfmpegLauncher,
  ) {}

  begin(takeId: string, mimeType: string): void {
    if (this.live.size >= this.max) this.pruneUnusable();
    if (this.live.size >= this.max || this.live.has(takeId) || !LiveTranscoder.supports(mimeType)) return;
    try {
      this.live.set(takeId, { transcoder: new LiveTranscoder(mimeType, this.launcher ? { launcher: this.launcher } : {}), waiting: new Map() });
    } catch (error) {
      this.log.warn({ err: error, takeId }, 'live transcoder did not start');
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
    }
    if (entry.waiting.size > REORDER_WINDOW) this.abort(takeId);
  }

  /** The WAV of chunks 0..lastSeq, or null when the live transcode does not cover exactly those. */
  async finish(takeId: string, lastSeq: number): Promise<Buffer | null> {
    const transcoder = this.live.get(takeId)?.transcoder;
    if (!transcoder) return null;
    this.live.delete(takeId);
    if (transcoder.coveredSeqs !== lastSeq + 1) {
      transcoder.abort();
      return null;
    }
    try {
      const result = await transcoder.finish();
      return result.coveredSeqs === lastSeq + 1 ? result.wav : null;
    } catch {
      return null; // the batch path decides, and reports, what is wrong with the audio
    }
  }

  abort(takeId: string): void {
    this.live.get(takeId)?.transcoder.abort();
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
