import { ACCEPTED_MIME_TYPES, toAudioSettings, type AudioSettings } from '@emovox/server/protocol';
import type { MessageKey } from './i18n';

/** Why recording cannot work here, as a message key; null when the browser can record. */
export function capabilityProblem(env: {
  isSecureContext: boolean;
  hasGetUserMedia: boolean;
  mediaRecorder: { isTypeSupported(type: string): boolean } | undefined;
}): MessageKey | null {
  if (!env.isSecureContext) return 'errInsecure';
  if (!env.mediaRecorder) return 'errNoMediaRecorder';
  if (!env.hasGetUserMedia) return 'errNoMic';
  if (pickMimeType(env.mediaRecorder) === null) return 'errNoMime';
  return null;
}

export function browserCapabilityProblem(): MessageKey | null {
  return capabilityProblem({
    isSecureContext: window.isSecureContext,
    hasGetUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
    mediaRecorder: typeof MediaRecorder === 'undefined' ? undefined : MediaRecorder,
  });
}

/** The contract's order: WebM/Opus, then Ogg/Opus, then MP4 (Safari). */
export function pickMimeType(recorder: { isTypeSupported(type: string): boolean }): string | null {
  return ACCEPTED_MIME_TYPES.find((type) => recorder.isTypeSupported(type)) ?? null;
}

/** A getUserMedia failure as a message the speaker can act on. */
export function microphoneErrorKey(error: unknown): MessageKey {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'errDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'errNoMic';
  return 'errMicBusy';
}

/** Opens the microphone with the voice processing off: a dataset wants the raw voice. */
export async function openMicrophone(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: {
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
      channelCount: 1,
    },
    video: false,
  });
}

/** The settings the browser actually applied, sent as `audioSettings` in `take:start`. */
export function audioSettingsOf(stream: MediaStream): AudioSettings {
  return toAudioSettings(stream.getAudioTracks()[0]?.getSettings() ?? {});
}

export function releaseStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
