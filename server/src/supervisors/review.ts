// Reviewing a take: accept, reject or reset it, with a note. Monitors hear of it like any take change.
import type { TakeBulkReviewRepository } from '../db/take-bulk-review-repository.js';
import type { TakeReviewRepository } from '../db/take-review-repository.js';
import type { TakeRecord } from '../db/take-row.js';
import { toTakeJson } from '../db/take-row.js';
import { notFound } from '../errors.js';
import type { ReviewState, TakeJson } from '../protocol/index.js';
import type { TakeNotifier } from '../takes/take-notifier.js';

/** Marking a take gold (or not) and reading it back: the listening side of PATCH /takes/:takeId. */
export interface GoldMarking {
  setGold(takeId: string, gold: boolean): Promise<boolean>;
  find(takeId: string): Promise<TakeRecord | null>;
}

export function createReviewService(deps: {
  takes: TakeReviewRepository;
  bulk: TakeBulkReviewRepository;
  notifier: Pick<TakeNotifier, 'take'>;
  gold?: GoldMarking;
}) {
  return {
    /** PATCH /takes/:takeId: { gold } alone, { review, note? } alone, or both; one monitor:take after. */
    async patch(takeId: string, patch: { gold?: boolean | undefined; review?: ReviewState | undefined; note?: string | null | undefined }): Promise<TakeJson> {
      let take: TakeRecord | null = null;
      if (patch.review !== undefined) take = await deps.takes.setReview(takeId, patch.review, patch.note);
      if (patch.gold !== undefined && deps.gold) {
        take = (await deps.gold.setGold(takeId, patch.gold)) ? await deps.gold.find(takeId) : null;
      }
      if (!take) throw notFound();
      const json = toTakeJson(take);
      deps.notifier.take(json);
      return json;
    },

    async review(takeId: string, review: ReviewState, note: string | null | undefined): Promise<TakeJson> {
      const take = await deps.takes.setReview(takeId, review, note);
      if (!take) throw notFound();
      const json = toTakeJson(take);
      deps.notifier.take(json);
      return json;
    },

    /** Ids that match no take (deleted meanwhile) are reported back, not an error: the others are decided. */
    async reviewMany(takeIds: string[], review: ReviewState, note: string | null | undefined): Promise<{ items: TakeJson[]; missing: string[] }> {
      const unique = [...new Set(takeIds.map((id) => id.toLowerCase()))];
      const items = (await deps.bulk.setReviewMany(unique, review, note)).map(toTakeJson);
      // Announced only after the commit, one event per take, as a single review would.
      for (const take of items) deps.notifier.take(take);
      const found = new Set(items.map((take) => take.takeId));
      return { items, missing: unique.filter((id) => !found.has(id)) };
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
