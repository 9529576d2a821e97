// "Forget me": the speaker's profile is erased and their token stops working; on request, every take of theirs
// goes too, each with its own audit row (reason speaker_request), as DELETE /takes/:id does for one.
import type { Speaker, SpeakerRepository } from '../db/speaker-repository.js';
import type { SpeakerTakeRepository } from '../db/speaker-take-repository.js';
import { AppError } from '../errors.js';
import type { TakeAccess } from './take-access.js';
import type { TakeService } from './take-service.js';

export interface ForgetSpeakerDeps {
  speakers: SpeakerRepository;
  speakerTakes: SpeakerTakeRepository;
  access: TakeAccess;
  service: TakeService;
  removeObjects: (prefix: string) => Promise<void>;
  /** Ends the speaker's live sockets on every replica. */
  endSessions: (speakerId: string) => void;
}

const BATCH = 500;

export function createForgetSpeaker(deps: ForgetSpeakerDeps) {
  /** Deletes every take of the speaker; a take still moving is discarded first, so its live work stops. */
  async function deleteAllTakes(speaker: Speaker): Promise<number> {
    const identity = { kind: 'speaker' as const, speaker };
    let deleted = 0;
    for (;;) {
      const takes = await deps.speakerTakes.list(speaker.id, BATCH);
      if (takes.length === 0) return deleted;
      for (const take of takes) {
        if (take.state === 'recording' || take.state === 'finalizing') {
          await deps.service.discard(speaker, take.id, deps.removeObjects).catch(() => undefined);
        }
        try {
          await deps.access.remove(take.id, { identity, receipt: undefined });
          deleted += 1;
        } catch (error) {
          // Gone meanwhile (a concurrent delete) is fine; anything else stops here, to be retried.
          if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        }
      }
    }
  }

  return {
    /**
     * With deleteTakes, the takes go first while the token still works, so that a storage outage leaves
     * something the speaker can retry; then the profile and token; then once more for a take started meanwhile.
     */
    async forget(speaker: Speaker, options: { deleteTakes: boolean }): Promise<{ deletedTakes: number }> {
      let deletedTakes = options.deleteTakes ? await deleteAllTakes(speaker) : 0;
      await deps.speakers.erase(speaker.id);
      deps.endSessions(speaker.id);
      if (options.deleteTakes) deletedTakes += await deleteAllTakes(speaker);
      return { deletedTakes };
    },
  };
}
export type ForgetSpeaker = ReturnType<typeof createForgetSpeaker>;
