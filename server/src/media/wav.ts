import { endianness } from 'node:os';

// PCM16 WAV reading and writing. The reader walks the chunk list, so it accepts extra chunks
// (LIST, fact, ...) and the header ffmpeg writes to a pipe, whose RIFF and data sizes are
// 0xFFFFFFFF because it cannot seek back to fill them in.

export interface PcmAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved when channels > 1. */
  samples: Int16Array;
}

const UNKNOWN_SIZE = 0xffffffff;
const FORMAT_PCM = 1;
const FORMAT_EXTENSIBLE = 0xfffe;

interface ChunkPosition {
  id: string;
  /** Offset of the chunk's payload, after its 8-byte header. */
  start: number;
  declaredSize: number;
}

function* chunks(buf: Buffer): Generator<ChunkPosition> {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE buffer');
  }
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const declaredSize = buf.readUInt32LE(offset + 4);
    yield { id, start: offset + 8, declaredSize };
    if (id === 'data') return;
    offset += 8 + declaredSize + (declaredSize % 2); // chunks are padded to even sizes
  }
}

/** Data bytes actually present: the declared size, or the rest of the buffer when unknown or too big. */
function dataLength(buf: Buffer, chunk: ChunkPosition, blockAlign: number): number {
  const available = buf.length - chunk.start;
  const length = chunk.declaredSize === UNKNOWN_SIZE ? available : Math.min(chunk.declaredSize, available);
  return length - (length % blockAlign);
}

interface PcmFormat {
  sampleRate: number;
  channels: number;
  blockAlign: number;
}

function readFormat(buf: Buffer, chunk: ChunkPosition): PcmFormat {
  const audioFormat = buf.readUInt16LE(chunk.start);
  const bits = buf.readUInt16LE(chunk.start + 14);
  if ((audioFormat !== FORMAT_PCM && audioFormat !== FORMAT_EXTENSIBLE) || bits !== 16) {
    throw new Error(`unsupported WAV encoding (format ${audioFormat}, ${bits} bits)`);
  }
  const channels = buf.readUInt16LE(chunk.start + 2);
  return { channels, sampleRate: buf.readUInt32LE(chunk.start + 4), blockAlign: 2 * channels };
}

export interface WavHeader extends PcmFormat {
  /** Offset of the first sample. */
  dataStart: number;
  /** The data chunk's size field as written (0xFFFFFFFF or 0 while a writer has not filled it in). */
  declaredDataBytes: number;
}

/** The layout of a PCM16 WAV from its first bytes; null while they do not yet reach the first sample. */
export function wavHeader(buf: Buffer): WavHeader | null {
  if (buf.length < 12) return null;
  let format: PcmFormat | null = null;
  for (const chunk of chunks(buf)) {
    if (chunk.id === 'fmt ') {
      if (chunk.start + 16 > buf.length) return null;
      format = readFormat(buf, chunk);
    } else if (chunk.id === 'data') {
      if (!format) throw new Error('WAV data chunk before fmt chunk');
      return { ...format, dataStart: chunk.start, declaredDataBytes: chunk.declaredSize };
    }
  }
  return null;
}

export function parseWav(buf: Buffer): PcmAudio {
  const header = wavHeader(buf);
  if (!header) throw new Error('WAV has no data chunk');
  const data = { id: 'data', start: header.dataStart, declaredSize: header.declaredDataBytes };
  const length = dataLength(buf, data, header.blockAlign);
  return { sampleRate: header.sampleRate, channels: header.channels, samples: readInt16(buf, header.dataStart, length / 2) };
}

export function readInt16(buf: Buffer, start: number, count: number): Int16Array {
  if (endianness() === 'LE') {
    // Copy into a fresh, aligned ArrayBuffer; the source offset may be odd.
    const bytes = new Uint8Array(count * 2);
    bytes.set(buf.subarray(start, start + count * 2));
    return new Int16Array(bytes.buffer);
  }
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) out[i] = buf.readInt16LE(start + i * 2);
  return out;
}

/**
 * Writes the real RIFF and data sizes into a WAV that was streamed with unknown sizes, dropping
 * a trailing partial sample frame. Every reader then accepts it. Returns the (possibly shorter)
 * buffer; the header is patched in place.
 */
export function fixStreamedWavSizes(buf: Buffer): Buffer {
  let blockAlign = 2;
  for (const chunk of chunks(buf)) {
    if (chunk.id === 'fmt ') blockAlign = Math.max(1, buf.readUInt16LE(chunk.start + 12));
    if (chunk.id === 'data') {
      const length = dataLength(buf, chunk, blockAlign);
      const fixed = buf.subarray(0, chunk.start + length);
      fixed.writeUInt32LE(length, chunk.start - 4);
      fixed.writeUInt32LE(fixed.length - 8, 4);
      return fixed;
    }
  }
  throw new Error('WAV has no data chunk');
}

/** Bytes of sample data present, without copying them. */
export function wavDataLength(buf: Buffer): number {
  let blockAlign = 2;
  for (const chunk of chunks(buf)) {
    if (chunk.id === 'fmt ') blockAlign = Math.max(1, buf.readUInt16LE(chunk.start + 12));
    if (chunk.id === 'data') return dataLength(buf, chunk, blockAlign);
  }
  throw new Error('WAV has no data chunk');
}

/** A canonical 44-byte-header PCM16 WAV. */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Buffer {
  const dataBytes = samples.length * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(FORMAT_PCM, 20);
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * channels * 2, 28);
  buf.writeUInt16LE(channels * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) buf.writeInt16LE(samples[i] ?? 0, 44 + i * 2);
  return buf;
}
