// Supervisors manage the sentence list. A sentence that has takes is never removed, only deactivated,
// so that every take keeps the text it was recorded from.
import { UniqueConstraintError } from 'sequelize';
import type { SentenceRepository } from '../db/sentence-repository.js';
import type { TakeReviewRepository } from '../db/take-review-repository.js';
import { AppError, notFound } from '../errors.js';
import type { Locale, SentenceJson } from '../protocol/index.js';

export function createSentenceAdmin(deps: { sentences: SentenceRepository; takes: TakeReviewRepository }) {
  const unique = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new AppError('CONFLICT', 'This sentence already exists in that locale');
      throw error;
    }
  };
  return {
    list: () => deps.sentences.list(),

    create: (input: { text: string; locale: Locale; active?: boolean }) => unique(() => deps.sentences.create(input)),

    async update(id: string, patch: Partial<Omit<SentenceJson, 'id'>>): Promise<SentenceJson> {
      const updated = await unique(() => deps.sentences.update(id, patch));
      if (!updated) throw notFound('sentence');
      return updated;
    },

    /** Returns what happened, so the client can tell a removal from a deactivation. */
    async remove(id: string): Promise<{ deleted: boolean; sentence: SentenceJson | null }> {
      const existing = await deps.sentences.findById(id);
      if (!existing) throw notFound('sentence');
      if (await deps.takes.sentenceHasTakes(id)) {
        return { deleted: false, sentence: await deps.sentences.update(id, { active: false }) };
      }
      try {
        await deps.sentences.remove(id);
        return { deleted: true, sentence: null };
      } catch {
        // A take started between the check and the delete (foreign key): deactivate instead.
        return { deleted: false, sentence: await deps.sentences.update(id, { active: false }) };
      }
    },
  };
}
export type SentenceAdmin = ReturnType<typeof createSentenceAdmin>;
