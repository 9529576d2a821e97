import { Op, Sequelize } from 'sequelize';
import type { Locale, SentenceJson } from '../protocol/index.js';
import type { Models } from './models.js';

export function sentenceRepository(models: Models) {
  const toJson = (row: InstanceType<Models['Sentence']>): SentenceJson => ({
    id: row.id,
    text: row.text,
    locale: row.locale as Locale,
    active: row.active,
  });
  return {
    async random(locale: Locale | undefined, exclude: string[]): Promise<SentenceJson | null> {
      const where = {
        active: true,
        ...(locale ? { locale } : {}),
        ...(exclude.length > 0 ? { id: { [Op.notIn]: exclude } } : {}),
      };
      const row = await models.Sentence.findOne({ where, order: Sequelize.literal('random()') });
      return row ? toJson(row) : null;
    },
    async findById(id: string): Promise<SentenceJson | null> {
      const row = await models.Sentence.findByPk(id);
      return row ? toJson(row) : null;
    },
    async list(): Promise<SentenceJson[]> {
      return (await models.Sentence.findAll({ order: [['locale', 'ASC'], ['createdAt', 'ASC']] })).map(toJson);
    },
    async create(input: { text: string; locale: Locale; active?: boolean }): Promise<SentenceJson> {
      return toJson(await models.Sentence.create(input));
    },
    async update(id: string, patch: Partial<Omit<SentenceJson, 'id'>>): Promise<SentenceJson | null> {
      const row = await models.Sentence.findByPk(id);
      if (!row) return null;
      await row.update({ ...patch, updatedAt: new Date() });
      return toJson(row);
    },
    async remove(id: string): Promise<boolean> {
      return (await models.Sentence.destroy({ where: { id } })) > 0;
    },
  };
}
export type SentenceRepository = ReturnType<typeof sentenceRepository>;
