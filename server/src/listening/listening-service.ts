// The listener's use cases: the next clip, its audio, the answer, and their own standing. The listener never
// learns the take behind an assignment; supervisors' monitors hear each rating as it is stored.
import type { ListeningConfig } from '../config.js';
import type { AssignmentKind, AssignmentRecord, ListenAssignmentRepository } from '../db/listen-assignment-repository.js';
import type { RatingRepository } from '../db/rating-repository.js';
import { goldAccuracy, isExcluded } from '../db/take-perception.js';
import { AppError, notFound } from '../errors.js';
import type { Assignment, ListenMe, Locale, MonitorRating, Rating } from '../protocol/index.js';

/** How many takes `available` counts up to in GET /listen/me. */
export const LISTEN_AVAILABLE_CAP = 1000;

export interface RatingNotifier {
  rating(event: MonitorRating): void;
}

export interface ListeningDeps {
  assignments: ListenAssignmentRepository;
  ratings: RatingRepository;
  notifier: RatingNotifier;
  config: ListeningConfig;
  /** Uniform in [0, 1); seeded in tests so that the kinds and tie-breaks are reproducible. */
  random?: () => number;
}

export const assignmentAudioUrl = (assignmentId: string) => `/api/v1/listen/assignments/${assignmentId}/audio`;

function toAssignmentJson(record: AssignmentRecord): Assignment {
  return {
    assignmentId: record.id,
    sentence: { text: record.sentenceText, locale: record.locale },
    audioUrl: assignmentAudioUrl(record.id),
    expiresAt: record.expiresAt.toISOString(),
  };
}

/** About one in twenty a repeat, one in ten gold; otherwise filling towards the target, gold when nothing is left. */
export function assignmentPlan(draw: number, config: Pick<ListeningConfig, 'goldShare' | 'repeatShare'>): AssignmentKind[] {
  if (draw < config.repeatShare) return ['repeat', 'fill', 'gold'];
  if (draw < config.repeatShare + config.goldShare) return ['gold', 'fill'];
  return ['fill', 'gold'];
}

export function createListeningService(deps: ListeningDeps) {
  const random = deps.random ?? Math.random;
  const rule = { goldMin: deps.config.goldMin, goldPass: deps.config.goldPass };

  async function mine(listenerId: string, assignmentId: string): Promise<AssignmentRecord> {
    const record = await deps.assignments.find(assignmentId, listenerId);
    if (!record) throw notFound('assignment');
    return record;
  }

  return {
    /** null: nothing is left to rate for this listener (204). */
    async next(listenerId: string, locale: Locale | null): Promise<Assignment | null> {
      const record = await deps.assignments.assign({
        listenerId,
        locale,
        plan: assignmentPlan(random(), deps.config),
        ratingsTarget: deps.config.ratingsTarget,
        rule,
        assignmentMs: deps.config.assignmentMs,
        random,
      });
      return record ? toAssignmentJson(record) : null;
    },

    /** The object key of the assignment's WAV, for its listener only. */
    async audioKey(listenerId: string, assignmentId: string): Promise<string> {
      const record = await mine(listenerId, assignmentId);
      if (!record.wavKey) throw notFound('assignment');
      return record.wavKey;
    },

    /** 'created' (201) or 'same' (200, the identical answer again). */
    async rate(listenerId: string, assignmentId: string, rating: Rating): Promise<'created' | 'same'> {
      const outcome = await deps.ratings.answer(listenerId, assignmentId, rating, rule);
      if (outcome.kind === 'missing') throw notFound('assignment');
      if (outcome.kind === 'conflict') throw new AppError('CONFLICT', 'This assignment was already answered differently');
      if (outcome.kind === 'expired') throw new AppError('CONFLICT', 'This assignment expired; ask for the next one');
      if (outcome.kind === 'created') {
        deps.notifier.rating({
          takeId: outcome.takeId,
          sentenceText: outcome.sentenceText,
          intended: outcome.intended,
          heard: rating.emotion,
          ratings: outcome.perception?.ratings ?? null,
          perceivedEmotion: outcome.perception?.perceivedEmotion ?? null,
          agreement: outcome.perception?.agreement ?? null,
          at: new Date().toISOString(),
        });
      }
      return outcome.kind;
    },

    async me(listenerId: string, locale: Locale | null): Promise<ListenMe> {
      const [standing, available] = await Promise.all([
        deps.ratings.standing(listenerId),
        deps.assignments.available(listenerId, locale, deps.config.ratingsTarget, LISTEN_AVAILABLE_CAP),
      ]);
      return {
        rated: standing.rated,
        goldRated: standing.goldRated,
        goldAccuracy: goldAccuracy(standing),
        counted: !isExcluded(standing, rule),
        available,
      };
    },
  };
}
export type ListeningService = ReturnType<typeof createListeningService>;
