// Reads a WAV file while another process (a live take's ffmpeg) is still writing it, and analyzes the samples as
// they appear. At stop only what ffmpeg wrote since the last read is left to read and analyze, whatever the take's
// length: for a 60 s take that is a few tens of KB instead of 1.9 MB read and analyzed on the path to 'saved'.
import { open, type FileHandle } from 'node:fs/promises';
import { PcmAnalyzer, type AudioAnalysis, type QualityThresholds } from './analyze.js';
import { readInt16, wavHeader, type WavHeader } from './wav.js';

const READ_BYTES = 64 * 1024;
/** ffmpeg's header is 44 bytes; anything this long without reaching the samples is not one we wrote. */
const MAX_HEADER_BYTES = 4096;
const MISSING = 'ENOENT';

export interface WavFileTailOptions {
  thresholds?: Partial<QualityThresholds>;
  /** Bytes per read; small values exercise pieces that end mid-sample in tests. */
  readBytes?: number;
}

export interface WavFileSummary {
  analysis: AudioAnalysis;
  /** The whole file, header included. */
  fileBytes: number;
  dataBytes: number;
}

export class WavFileTail {
  private handle: FileHandle | null = null;
  /** File bytes consumed so far. */
  private offset = 0;
  private header: WavHeader | null = null;
  private analyzer: PcmAnalyzer | null = null;
  /** Header bytes before the header is complete, or the odd byte of a sample split between reads. */
  private pending = Buffer.alloc(0);
  private dataBytes = 0;
  private reading: Promise<void> | null = null;
  private failed = false;
  private readonly readBytes: number;

  constructor(
    private readonly file: string,
    private readonly options: WavFileTailOptions = {},
  ) {
    this.readBytes = options.readBytes ?? READ_BYTES;
  }

  /** Milliseconds of audio read so far (mono PCM16); 0 before the header. */
  get decodedMs(): number {
    return this.header ? (this.dataBytes / 2 / this.header.sampleRate) * 1000 : 0;
  }

  /** Reads, in the background, what the writer has added since the last read. One read runs at a time. */
  poll(): void {
    if (this.reading || this.failed) return;
    this.reading = this.readAvailable()
      .catch(() => {
        this.failed = true;
      })
      .finally(() => {
        this.reading = null;
      });
  }

  /**
   * Once the writer has closed the file: reads the rest and summarizes the whole file. null when the file cannot
   * be read, is not a mono PCM16 WAV, or its final header does not declare exactly the samples that were read.
   */
  async finish(): Promise<WavFileSummary | null> {
    try {
      await this.reading;
      if (this.failed) return null;
      await this.readAvailable();
      if (!this.header || !this.analyzer || this.pending.length > 0 || !this.handle) return null;
      // The writer filled in the sizes at the end: they must match what was read.
      const start = Buffer.alloc(this.header.dataStart);
      await this.handle.read(start, 0, start.length, 0);
      const final = wavHeader(start);
      if (!final || final.declaredDataBytes !== this.dataBytes || this.offset !== this.header.dataStart + this.dataBytes) return null;
      return { analysis: this.analyzer.result(), fileBytes: this.offset, dataBytes: this.dataBytes };
    } catch {
      return null;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.failed = true;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  private async readAvailable(): Promise<void> {
    if (this.failed) throw new Error('closed');
    if (!this.handle) {
      let handle: FileHandle;
      try {
        handle = await open(this.file, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === MISSING) return; // the writer has not created it yet
        throw error;
      }
      if (this.failed) {
        await handle.close(); // closed while it opened: keep no descriptor
        throw new Error('closed');
      }
      this.handle = handle;
    }
    for (;;) {
      const buffer = Buffer.allocUnsafe(this.readBytes);
      const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      this.consume(buffer.subarray(0, bytesRead));
      if (bytesRead < buffer.length) return;
    }
  }

  private consume(bytes: Buffer): void {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, bytes]) : bytes;
    if (!this.header) {
      const header = wavHeader(data);
      if (!header) {
        if (data.length > MAX_HEADER_BYTES) throw new Error('no WAV header');
        this.pending = Buffer.from(data);
        return;
      }
      if (header.channels !== 1) throw new Error(`expected mono, got ${header.channels} channels`);
      this.header = header;
      this.analyzer = new PcmAnalyzer(header.sampleRate, this.options.thresholds);
      data = data.subarray(header.dataStart);
    }
    const whole = data.length - (data.length % 2);
    if (whole > 0) {
      this.analyzer!.add(readInt16(data, 0, whole / 2));
      this.dataBytes += whole;
    }
    this.pending = Buffer.from(data.subarray(whole));
  }
}
