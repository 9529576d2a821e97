// Supervisor REST: sentences, the take list and review, deletions audit, statistics. Speakers get 403, anonymous 401.
import { Router } from 'express';
import type { DeletionRepository } from '../db/deletion-repository.js';
import type { SentenceUsageRepository } from '../db/sentence-usage-repository.js';
import type { StatsRepository } from '../db/stats-repository.js';
import type { TakeReviewRepository } from '../db/take-review-repository.js';
import { toTakeJson } from '../db/take-row.js';
import { perceptionFilterQuery, takePatchSchema } from '../protocol/listening-schemas.js';
import { bulkReviewSchema, sentenceCreateSchema, sentencePatchSchema, takeListQuery, uuid } from '../protocol/schemas.js';
import type { SentenceAdmin } from '../sentences/sentence-admin.js';
import type { ReviewService } from '../supervisors/review.js';
import { supervisorsOnly } from './auth-middleware.js';
import { parse } from './validate.js';

export interface SupervisorRoutesDeps {
  sentences: SentenceAdmin;
  takes: TakeReviewRepository;
  review: ReviewService;
  deletions: DeletionRepository;
  stats: StatsRepository;
  usage: SentenceUsageRepository;
}

export function supervisorRoutes(deps: SupervisorRoutesDeps) {
  const router = Router();

  router.get('/sentences', supervisorsOnly, async (_req, res) => {
    const [items, counts] = await Promise.all([deps.sentences.list(), deps.usage.takeCounts()]);
    res.json({ items: items.map((sentence) => ({ ...sentence, takes: counts.get(sentence.id) ?? 0 })) });
  });

  router.post('/sentences', supervisorsOnly, async (req, res) => {
    res.status(201).json(await deps.sentences.create(parse(sentenceCreateSchema, req.body)));
  });

  router.patch('/sentences/:id', supervisorsOnly, async (req, res) => {
    const id = parse(uuid, req.params.id);
    res.json(await deps.sentences.update(id, parse(sentencePatchSchema, req.body)));
  });

  // 204 when removed; 200 with the sentence when it had takes and was deactivated instead.
  router.delete('/sentences/:id', supervisorsOnly, async (req, res) => {
    const outcome = await deps.sentences.remove(parse(uuid, req.params.id));
    if (outcome.deleted) res.status(204).end();
    else res.json(outcome.sentence);
  });

  router.get('/takes', supervisorsOnly, async (req, res) => {
    const { limit, cursor, ...filter } = parse(takeListQuery, req.query);
    const page = await deps.takes.list({ ...filter, ...parse(perceptionFilterQuery, req.query) }, limit, cursor);
    res.json({ items: page.items.map(toTakeJson), nextCursor: page.nextCursor });
  });

  // One decision for a filtered selection: one transaction, then one monitor:take per take.
  router.post('/takes/review', supervisorsOnly, async (req, res) => {
    const body = parse(bulkReviewSchema, req.body);
    res.json(await deps.review.reviewMany(body.takeIds, body.review, body.note));
  });

  router.patch('/takes/:takeId', supervisorsOnly, async (req, res) => {
    const takeId = parse(uuid, req.params.takeId);
    res.json(await deps.review.patch(takeId, parse(takePatchSchema, req.body)));
  });

  router.get('/deletions', supervisorsOnly, async (_req, res) => {
    res.json({ items: await deps.deletions.list() });
  });

  router.get('/stats', supervisorsOnly, async (_req, res) => {
    res.json(await deps.stats.compute());
  });

  return router;
}
