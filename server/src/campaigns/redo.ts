// A supervisor asks for a take to be recorded again: an explicit human decision, so the take is rejected (with the
// reason as its review note) and kept; its prompt returns to the front; the speaker hears of it on every replica.
import type { TakeRedoRepository } from '../db/take-redo-repository.js';
import { toTakeJson } from '../db/take-row.js';
import { notFound } from '../errors.js';
import type { RedoReason, TakeJson, TakeRedoNotice } from '../protocol/index.js';
import type { TakeNotifier } from '../takes/take-notifier.js';

export interface RedoDeps {
  redos: TakeRedoRepository;
  notifier: Pick<TakeNotifier, 'take'>;
  /** take:redo to every /record socket of the speaker, on any replica. */
  tellSpeaker: (speakerId: string, notice: TakeRedoNotice) => void;
}

export function createRedo(deps: RedoDeps) {
  return async function redo(takeId: string, reason: RedoReason, note: string | null, requestedBy: string | null): Promise<TakeJson> {
    const take = await deps.redos.request(takeId, { reason, note, reviewNote: note ? `${reason}: ${note}` : reason, requestedBy });
    if (!take) throw notFound();
    const json = toTakeJson(take);
    deps.notifier.take(json); // monitors, and the campaign's progress (the take no longer counts)
    deps.tellSpeaker(take.speakerId, { takeId: take.id, promptId: take.promptId, reason, note });
    return json;
  };
}
export type Redo = ReturnType<typeof createRedo>;
