import type { AudioSettings } from './types.js';

/** The contract's audioSettings from whatever subset is known (a browser's track settings, a payload): unknown is null. */
export function toAudioSettings(known: Partial<Record<keyof AudioSettings, boolean | number | null | undefined>>): AudioSettings {
  return {
    echoCancellation: (known.echoCancellation as boolean | null | undefined) ?? null,
    noiseSuppression: (known.noiseSuppression as boolean | null | undefined) ?? null,
    autoGainControl: (known.autoGainControl as boolean | null | undefined) ?? null,
    sampleRate: (known.sampleRate as number | null | undefined) ?? null,
    channelCount: (known.channelCount as number | null | undefined) ?? null,
  };
}
