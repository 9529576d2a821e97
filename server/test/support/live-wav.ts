// Finishes a live transcode as finalize does, and takes its WAV file off the disk: bytes, analysis and seqs.
import { readFile, rm } from 'node:fs/promises';
import type { LiveTranscoder } from '../../src/media/live-transcoder.js';

export async function finishLive(live: LiveTranscoder) {
  const result = await live.finish();
  try {
    return { ...result, wav: await readFile(result.file) };
  } finally {
    await rm(result.file, { force: true });
  }
}
