// Shared set-up of the fault tests: speakers streaming the same utterance, and checking what was saved.
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { FIXTURES } from '../fixtures/index.js';
import { compareToSource } from '../support/audio-compare.js';
import { ResilientSpeaker, type SpeakerRun } from '../support/resilient-speaker.js';
import { createSpeaker, randomSentence, splitIntoChunks } from '../support/speaker-client.js';

/** Limits and timers a fault test needs: many takes at once, and retries within seconds. */
export const FAST_RECOVERY_ENV = {
  TOKEN_SECRET: 'fault-test-secret-fault-test-secret-0123',
  MAX_ACTIVE_TAKES: '5',
  TAKES_PER_MINUTE: '1000',
  SOCKET_EVENTS_PER_SECOND: '2000',
  REST_REQUESTS_PER_MINUTE: '100000',
  FINALIZE_JOB_DELAY_SECONDS: '1',
  FINALIZE_RETRY_BASE_SECONDS: '1',
  FINALIZE_LEASE_SECONDS: '4',
  JOB_POLL_SECONDS: '0.5',
  SHUTDOWN_GRACE_SECONDS: '10',
};

export async function utteranceChunks(size = 1000): Promise<Buffer[]> {
  return splitIntoChunks(await readFile(FIXTURES.en1Webm), size);
}

export async function startSpeakers(url: string, count: number, chunks: Buffer[], paceMs: number) {
  const sentence = await randomSentence(url);
  const speakers = await Promise.all(Array.from({ length: count }, () => createSpeaker(url)));
  const runs = speakers.map((speaker, i) =>
    new ResilientSpeaker(url, speaker.token, chunks, { sentenceId: sentence.id, clientTakeId: `fault-${i}`, paceMs }).run(),
  );
  return { tokens: speakers.map((s) => s.token), runs };
}

/** Every take saved, and every saved WAV is the utterance: duration within 2 %, envelope r ≥ 0.9. */
export async function expectAllSavedIntact(url: string, tokens: string[], runs: SpeakerRun[]) {
  expect(runs.map((run) => run.state)).toEqual(runs.map(() => 'saved'));
  for (const [i, run] of runs.entries()) {
    const response = await fetch(`${url}/api/v1/takes/${run.takeId}/audio`, { headers: { authorization: `Bearer ${tokens[i]}` } });
    expect(response.status).toBe(200);
    const comparison = await compareToSource(Buffer.from(await response.arrayBuffer()), FIXTURES.en1Wav);
    expect(Math.abs(comparison.durationRatio - 1)).toBeLessThan(0.02);
    expect(comparison.r).toBeGreaterThanOrEqual(0.9);
  }
}

export function summarise(label: string, runs: SpeakerRun[], recoveryMs: number) {
  const chunks = runs.reduce((n, r) => n + r.chunksSent, 0);
  const resends = runs.reduce((n, r) => n + r.resends, 0);
  const reconnects = runs.reduce((n, r) => n + r.reconnects, 0);
  console.log(`[fault] ${label}: ${runs.length} takes, ${chunks} chunks, ${resends} resends, ${reconnects} reconnects, ` +
    `${runs.filter((r) => r.state !== 'saved').length} lost takes, recovery ${Math.round(recoveryMs)} ms`);
}
