// What a take holds on this replica while it records (its live ffmpeg, spool files and place under
// LIVE_TRANSCODE_MAX, and its cache entry) is given back whenever it ends, here or on another replica.
import type { TakeRepository } from '../db/take-repository.js';
import type { LiveTakes } from './live-takes.js';
import type { LiveTranscodes } from './live-transcodes.js';

/** Releasing a live take waits this long at most for its ffmpeg to exit and its files to go. */
const RELEASE_WAIT_MS = 5_000;

export function takeRelease(takes: TakeRepository, live: LiveTakes, transcodes: LiveTranscodes) {
  /** A take that ended gives back its ffmpeg, its spool files and its place under the cap. */
  const release = async (takeId: string): Promise<void> => {
    live.delete(takeId);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, RELEASE_WAIT_MS)));
    await Promise.race([transcodes.abort(takeId), bound]);
    clearTimeout(timer);
  };

  /**
   * Live takes of this replica that ended elsewhere (deleted, discarded or swept on another replica), and cache
   * entries a chunk rebuilt while its take was being ended. A finalizing take's live files wait for the finalizer
   * (here) or for the take to be saved (elsewhere).
   */
  const releaseEnded = async (): Promise<void> => {
    const ids = [...new Set([...transcodes.takeIds(), ...live.ids()])];
    const unfinished = await takes.unfinishedAmong(ids);
    await Promise.all(ids.filter((id) => !unfinished.has(id)).map((id) => release(id)));
  };

  return { release, releaseEnded };
}
