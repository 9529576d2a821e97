import type { TakeJson } from '@emovox/server/protocol';

/** A saved take as the server's take JSON, for tests; `over` replaces any field. */
export function takeJson(takeId: string, over: Partial<TakeJson> = {}): TakeJson {
  return {
    takeId,
    speakerId: '11111111-1111-4111-8111-111111111111',
    sentenceId: 's1',
    sentenceText: 'The train leaves at seven.',
    locale: 'en',
    emotion: 'joy',
    intensity: null,
    state: 'saved',
    review: 'pending',
    reviewNote: null,
    mimeType: 'audio/webm;codecs=opus',
    audioSettings: null,
    durationMs: 1000,
    quality: { rmsDbfs: -20, peakDbfs: -3, clippedRatio: 0, silenceRatio: 0.1, flags: [] },
    error: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    savedAt: '2026-11-20T10:00:01.000Z',
    replaces: null,
    replacedBy: null,
    promptId: null,
    ...over,
  };
}
