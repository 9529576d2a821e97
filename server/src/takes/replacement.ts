// Re-record: a new take may name an earlier take of the same speaker that it replaces. The earlier take is
// never deleted; it is marked replaced only once the new take is saved (take-repository markSaved).
import type { Speaker } from '../db/speaker-repository.js';
import type { TakeRepository } from '../db/take-repository.js';
import { conflict, notFound } from '../errors.js';
import type { TakeState } from '../protocol/index.js';

/** States whose take holds (or is about to hold) audio worth replacing. */
const REPLACEABLE: ReadonlySet<TakeState> = new Set(['saved', 'finalizing', 'failed']);

/** The validated ID of the take to replace, or null. Another speaker's take is NOT_FOUND, as everywhere. */
export async function takeToReplace(
  takes: TakeRepository,
  speaker: Speaker,
  input: { replacesTakeId?: string | undefined; sentenceId: string },
): Promise<string | null> {
  if (input.replacesTakeId === undefined) return null;
  const old = await takes.find(input.replacesTakeId);
  if (!old || old.speakerId !== speaker.id) throw notFound('take to replace');
  // A take of another sentence is a new recording, not a re-record: replacing would drop that sentence's audio.
  if (old.sentenceId !== input.sentenceId) throw conflict('A take can only replace a take of the same sentence', old.state);
  if (!REPLACEABLE.has(old.state)) throw conflict('Only a saved, finalizing or failed take can be replaced', old.state);
  if (old.replacedBy !== null) throw conflict('This take was already replaced', old.state);
  return old.id;
}
