// One MIME table: what take:start admits is exactly what ffmpeg is asked to read.
import { describe, expect, it } from 'vitest';
import { containerForMimeType } from '../../src/media/index.js';
import { ACCEPTED_MIME_TYPES } from '../../src/protocol/index.js';

describe('accepted MIME types', () => {
  it('when a type is in the client list, then the media layer reads it', () => {
    for (const type of ACCEPTED_MIME_TYPES) expect(containerForMimeType(type), type).not.toBeNull();
  });

  it('when a type is one take:start refuses, then the media layer refuses it too', () => {
    for (const type of ['video/webm', 'video/mp4', 'audio/x-m4a', 'audio/m4a', 'application/ogg', 'audio/wav', 'constructor']) {
      expect(containerForMimeType(type), type).toBeNull();
    }
  });

  it('when a parameter or capitals come with the type, then the base type decides', () => {
    expect(containerForMimeType('Audio/WebM; codecs=opus')).toBe('webm');
    expect(containerForMimeType('audio/mp4;codecs=mp4a.40.2')).toBe('mp4');
  });
});
