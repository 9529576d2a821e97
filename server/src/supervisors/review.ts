// Reviewing a take: accept, reject or reset it, with a note. Monitors hear of it like any take change.
import type { TakeBulkReviewRepository } from '../db/take-bulk-review-repository.js';
import type { TakeReviewRepository } from '../db/take-review-repository.js';
import { toTakeJson } from '../db/take-row.js';
import { notFound } from '../errors.js';
import type { ReviewState, TakeJson } from '../protocol/index.js';
import type { TakeNotifier } from '../takes/take-notifier.js';

export function createReviewService(deps: { takes: TakeReviewRepository; bulk: TakeBulkReviewRepository; notifier: Pick<TakeNotifier, 'take'> }) {
  return {
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
