import { describe, expect, it } from 'vitest';
import { encodeWav, fixStreamedWavSizes, parseWav } from '../../src/media/wav.js';

const ramp = Int16Array.from({ length: 1001 }, (_, i) => (i * 67) % 65536 - 32768);

function withListChunk(wav: Buffer): Buffer {
  // fmt (ends at 36), then an odd-sized LIST chunk padded to even length, then data.
  const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx'), Buffer.from([0])]);
  return Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
}

describe('WAV', () => {
  it('when samples are encoded and parsed, then they come back unchanged', () => {
    const parsed = parseWav(encodeWav(ramp, 16_000));
    expect(parsed.sampleRate).toBe(16_000);
    expect(parsed.channels).toBe(1);
    expect(Array.from(parsed.samples)).toEqual(Array.from(ramp));
  });

  it('when the WAV has a LIST chunk before the data, then the samples are still found', () => {
    const parsed = parseWav(withListChunk(encodeWav(ramp, 48_000, 1)));
    expect(parsed.sampleRate).toBe(48_000);
    expect(Array.from(parsed.samples)).toEqual(Array.from(ramp));
  });

  it('when the header was streamed with unknown sizes, then parsing reads to the end and the sizes can be fixed', () => {
    const streamed = encodeWav(ramp, 16_000);
    streamed.writeUInt32LE(0xffffffff, 4);
    streamed.writeUInt32LE(0xffffffff, 40);
    expect(parseWav(streamed).samples.length).toBe(ramp.length);

    const fixed = fixStreamedWavSizes(Buffer.concat([streamed, Buffer.from([7])])); // plus half a sample
    expect(fixed.length).toBe(44 + ramp.length * 2);
    expect(fixed.readUInt32LE(4)).toBe(fixed.length - 8);
    expect(fixed.readUInt32LE(40)).toBe(ramp.length * 2);
  });

  it('when stereo samples are encoded, then they are read back interleaved', () => {
    const parsed = parseWav(encodeWav(Int16Array.from([1, -1, 2, -2]), 8_000, 2));
    expect(parsed.channels).toBe(2);
    expect(Array.from(parsed.samples)).toEqual([1, -1, 2, -2]);
  });

  it('when the bytes are not a PCM16 WAV, then parsing throws', () => {
    expect(() => parseWav(Buffer.from('not a wave file at all'))).toThrow();
    const float = encodeWav(ramp, 16_000);
    float.writeUInt16LE(3, 20); // IEEE float
    expect(() => parseWav(float)).toThrow(/unsupported/);
  });
});
