// Counterbalanced assignment: which of the cells a speaker never had comes next. Pure, so that the simulation
// and the database path run the same rule.
import type { Candidate } from '../db/campaign-prompt-repository.js';
import type { Emotion } from '../protocol/index.js';

type Previous = { sentenceId: string; emotion: Emotion } | null;

/** What a cell has, or will have once the prompts handed out lately are recorded. */
const load = (c: Candidate) => c.saved + c.offered;

/**
 * The rule, in order:
 * 1. consecutive prompts change emotion and sentence; when the design leaves no such cell (one emotion only, say),
 *    a change of emotion is kept first, then a change of sentence, then anything;
 * 2. fewest counted takes over all speakers, counting the prompts handed out in the last OFFER_HOLD_MINUTES and
 *    not yet recorded: speakers served at the same moment spread out instead of all getting the least-recorded
 *    cell (an offer is not a recording: it never counts in progress, and an abandoned one stops counting here);
 * 3. then fewest counted takes alone;
 * 4. then the cell whose emotion, and then sentence, is most common among the least-loaded cells, so that the
 *    cells left behind stay varied and the next speaker can still change emotion without leaving the lowest level;
 * 5. then at random.
 */
export function chooseCell(candidates: Candidate[], previous: Previous, random: () => number = Math.random): Candidate | null {
  if (candidates.length === 0) return null;
  const tiers = previous
    ? [
        (c: Candidate) => c.emotion !== previous.emotion && c.sentenceId !== previous.sentenceId,
        (c: Candidate) => c.emotion !== previous.emotion,
        (c: Candidate) => c.sentenceId !== previous.sentenceId,
      ]
    : [];
  const allowed = tiers.map((keep) => candidates.filter(keep)).find((list) => list.length > 0) ?? candidates;

  const minLoad = Math.min(...allowed.map(load));
  // How common each emotion and sentence is among the least-loaded cells of the whole set.
  const lowest = Math.min(...candidates.map(load));
  const emotionWeight = new Map<string, number>();
  const sentenceWeight = new Map<string, number>();
  for (const c of candidates) {
    if (load(c) !== lowest) continue;
    emotionWeight.set(c.emotion, (emotionWeight.get(c.emotion) ?? 0) + 1);
    sentenceWeight.set(c.sentenceId, (sentenceWeight.get(c.sentenceId) ?? 0) + 1);
  }
  const keyed = allowed
    .filter((c) => load(c) === minLoad)
    .map((c) => ({ c, key: [c.saved, -(emotionWeight.get(c.emotion) ?? 0), -(sentenceWeight.get(c.sentenceId) ?? 0), random()] }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i += 1) {
      const diff = a.key[i]! - b.key[i]!;
      if (diff !== 0) return diff;
    }
    return 0;
  });
  return keyed[0]!.c;
}
