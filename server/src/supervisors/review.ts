// Reviewing a take: accept, reject or reset it, with a note. Monitors hear of it like any take change.
import type { TakeReviewRepository } from '../db/take-review-repository.js';
import { toTakeJson } from '../db/take-row.js';
import { notFound } from '../errors.js';
import type { ReviewState, TakeJson } from '../protocol/index.js';
import type { TakeNotifier } from '../takes/take-notifier.js';

export function createReviewService(deps: { takes: TakeReviewRepository; notifier: Pick<TakeNotifier, 'take'> }) {
  return {
    async review(takeId: string, review: ReviewState, note: string | null | undefined): Promise<TakeJson> {
      const take = await deps.takes.setReview(takeId, review, note);
      if (!take) throw notFound();
      const json = toTakeJson(take);
      deps.notifier.take(json);
      return json;
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
