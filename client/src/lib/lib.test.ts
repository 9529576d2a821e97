import { describe, expect, it } from 'vitest';
import { detectLocale } from './i18n';
import { en } from './i18n/en';
import { fr } from './i18n/fr';
import { levelOf } from './level-meter';
import { capabilityProblem, microphoneErrorKey, pickMimeType } from './microphone';
import { decodeWavPcm16, waveformColumns } from './waveform';
import { routeOf } from '../router';

function wav(samples: number[], sampleRate = 16000): ArrayBuffer {
  const buffer = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(buffer);
  const text = (offset: number, s: string) => [...s].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, s, true));
  return buffer;
}

describe('client library', () => {
  it('when ?lang= is given, then it wins over the stored choice and the browser', () => {
    expect(detectLocale('?lang=fr', 'en', ['en-US'])).toBe('fr');
    expect(detectLocale('', 'en', ['fr-FR'])).toBe('en');
    expect(detectLocale('', null, ['de-DE', 'fr-CA'])).toBe('fr');
    expect(detectLocale('?lang=xx', null, ['de'])).toBe('en');
  });

  it('when French is chosen, then every English message has a French one', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(fr.joy).toBe('Joie');
    expect(fr.disgust).toBe('Dégoût');
  });

  it('when several formats are supported, then WebM/Opus is preferred, then Ogg, then MP4', () => {
    expect(pickMimeType({ isTypeSupported: () => true })).toBe('audio/webm;codecs=opus');
    expect(pickMimeType({ isTypeSupported: (t) => t !== 'audio/webm;codecs=opus' })).toBe('audio/ogg;codecs=opus');
    expect(pickMimeType({ isTypeSupported: (t) => t === 'audio/mp4' })).toBe('audio/mp4');
    expect(pickMimeType({ isTypeSupported: () => false })).toBeNull();
  });

  it('when the browser lacks what recording needs, then a specific message is chosen', () => {
    const ok = { isSecureContext: true, hasGetUserMedia: true, mediaRecorder: { isTypeSupported: () => true } };
    expect(capabilityProblem(ok)).toBeNull();
    expect(capabilityProblem({ ...ok, isSecureContext: false })).toBe('errInsecure');
    expect(capabilityProblem({ ...ok, mediaRecorder: undefined })).toBe('errNoMediaRecorder');
    expect(capabilityProblem({ ...ok, hasGetUserMedia: false })).toBe('errNoMic');
    expect(microphoneErrorKey(new DOMException('no', 'NotAllowedError'))).toBe('errDenied');
    expect(microphoneErrorKey(new DOMException('none', 'NotFoundError'))).toBe('errNoMic');
    expect(microphoneErrorKey(new DOMException('busy', 'NotReadableError'))).toBe('errMicBusy');
  });

  it('when a PCM16 WAV is decoded, then samples and columns reflect its content', () => {
    const { sampleRate, samples } = decodeWavPcm16(wav([0, 16384, -32768, 0], 16000));
    expect(sampleRate).toBe(16000);
    expect([...samples]).toEqual([0, 0.5, -1, 0]);
    expect(waveformColumns(samples, 2)).toEqual([
      { min: 0, max: 0.5 },
      { min: -1, max: 0 },
    ]);
    expect(() => decodeWavPcm16(new ArrayBuffer(8))).toThrow(/not a WAV/);
  });

  it('when a frame is full scale, then the level reports the peak and 0 dBFS', () => {
    expect(levelOf(new Float32Array([1, -1, 1, -1]))).toEqual({ rmsDb: 0, peak: 1 });
    expect(levelOf(new Float32Array(4)).rmsDb).toBe(-100);
  });

  it('when the path is /, /delete, /listen or a supervisor page, then the right page is routed; others are not found', () => {
    expect(routeOf('/')).toBe('recorder');
    expect(routeOf('/delete/')).toBe('delete');
    expect(routeOf('/listen')).toBe('listen');
    expect(routeOf('/monitor')).toBe('monitor');
    expect(routeOf('/review/')).toBe('review');
    expect(routeOf('/login')).toBe('login');
    expect(routeOf('/monitorx')).toBe('not-found');
  });

  it('when the path is a join link or /campaigns, then the recorder or the campaigns page is routed', () => {
    expect(routeOf('/join/XQ4CQHDG')).toBe('recorder');
    expect(routeOf('/join/XQ4CQHDG/')).toBe('recorder');
    expect(routeOf('/join/')).toBe('not-found');
    expect(routeOf('/campaigns')).toBe('campaigns');
  });
});
