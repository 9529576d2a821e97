// Honest speakers beside the fuzz: real fixture chunks, in order; each take must be saved and its
// WAV must say the same thing as the source recording.
import { readFile } from 'node:fs/promises';
import { FIXTURES } from '../../server/test/fixtures/index.js';
import { compareToSource } from '../../server/test/support/audio-compare.js';
import { splitBytes } from '../media.js';
import { VirtualSpeaker } from '../speaker.js';

export interface HonestResult {
  state: string;
  r: number | null;
  stopToSavedMs: number | null;
  problem: string | null;
}

export const MIN_CORRELATION = 0.9;

export async function honestTake(url: string, sentenceId: string): Promise<HonestResult> {
  const chunks = splitBytes(await readFile(FIXTURES.en1Webm));
  let speaker: VirtualSpeaker | null = null;
  try {
    speaker = await VirtualSpeaker.create(url);
    const timing = await speaker.recordTake(sentenceId, chunks, { chunkMs: 40, savedTimeoutMs: 30_000 });
    if (timing.state !== 'saved') return { state: timing.state, r: null, stopToSavedMs: null, problem: `honest take ended ${timing.state}` };
    const response = await fetch(`${url}/api/v1/takes/${timing.takeId}/audio?format=wav`, { headers: { authorization: `Bearer ${speaker.token}` } });
    if (!response.ok) return { state: timing.state, r: null, stopToSavedMs: timing.stopToSavedMs, problem: `WAV download: HTTP ${response.status}` };
    const { r } = await compareToSource(Buffer.from(await response.arrayBuffer()), FIXTURES.en1Wav);
    const problem = r >= MIN_CORRELATION ? null : `honest WAV correlates at r=${r.toFixed(3)} < ${MIN_CORRELATION}`;
    const lost = timing.failed + timing.lost;
    return { state: timing.state, r, stopToSavedMs: timing.stopToSavedMs, problem: problem ?? (lost > 0 ? `${lost} honest chunks failed or lost` : null) };
  } catch (error) {
    return { state: 'error', r: null, stopToSavedMs: null, problem: `honest take threw: ${String(error)}` };
  } finally {
    speaker?.close();
  }
}
