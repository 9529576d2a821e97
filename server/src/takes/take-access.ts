// Reading and deleting takes: who may see a take, and the audited removal of its objects and row.
import type { Identity } from '../auth/identity.js';
import type { DeletionRepository } from '../db/deletion-repository.js';
import type { TakeRepository } from '../db/take-repository.js';
import type { TakeRecord } from '../db/take-row.js';
import { AppError, notFound } from '../errors.js';
import type { DeletionReason } from '../protocol/index.js';
import type { ObjectStore } from '../storage/index.js';
import type { TakeNotifier } from './take-notifier.js';

export interface TakeAccessDeps {
  takes: TakeRepository;
  deletions: DeletionRepository;
  store: ObjectStore;
  isValidReceipt: (takeId: string, receipt: string) => boolean;
  /** A removed take still recording here gives back its ffmpeg, spool files and live place. */
  release?: (takeId: string) => Promise<void>;
  /** Tells the monitors, so that a deleted take does not stay in their feed in its last state. */
  notifier?: TakeNotifier;
}

export function createTakeAccess(deps: TakeAccessDeps) {
  const visible = async (identity: Identity | null, takeId: string): Promise<TakeRecord> => {
    if (!identity) throw new AppError('UNAUTHORIZED', 'A token is required');
    const take = await deps.takes.find(takeId);
    if (!take) throw notFound();
    if (identity.kind === 'speaker' && take.speakerId !== identity.speaker.id) throw notFound();
    return take;
  };

  return {
    get: visible,

    /** The object key of the requested audio, or CONFLICT when the take has none yet. */
    async audioKey(identity: Identity | null, takeId: string, format: 'wav' | 'original') {
      const take = await visible(identity, takeId);
      const key = format === 'wav' ? (take.state === 'saved' ? take.wavKey : null) : ['saved', 'failed'].includes(take.state) ? take.originalKey : null;
      if (!key) throw new AppError('CONFLICT', `The ${format} audio is not available in state ${take.state}`, { state: take.state });
      return { key, contentType: format === 'wav' ? 'audio/wav' : take.mimeType };
    },

    async remove(takeId: string, who: { identity: Identity | null; receipt: string | undefined }): Promise<void> {
      let reason: DeletionReason;
      const take = await deps.takes.find(takeId);
      if (who.receipt !== undefined) {
        if (!take || !deps.isValidReceipt(takeId, who.receipt)) throw notFound();
        reason = 'speaker_request';
      } else if (who.identity?.kind === 'supervisor') {
        if (!take) throw notFound();
        reason = 'supervisor';
      } else if (who.identity?.kind === 'speaker') {
        if (!take || take.speakerId !== who.identity.speaker.id) throw notFound();
        reason = 'speaker_request';
      } else {
        throw new AppError('UNAUTHORIZED', 'A receipt or a token is required');
      }
      // Objects first: if storage is down the row stays, and the delete can be retried.
      try {
        await deps.store.deletePrefix(`takes/${takeId}/`);
      } catch {
        throw new AppError('UNAVAILABLE', 'Storage is unavailable; try again shortly', { retryAfterMs: 5_000 });
      }
      if (!(await deps.deletions.removeTake(takeId, reason))) throw notFound();
      await deps.release?.(takeId);
      deps.notifier?.deleted?.({ takeId, deletedAt: new Date().toISOString(), reason });
    },
  };
}
export type TakeAccess = ReturnType<typeof createTakeAccess>;
