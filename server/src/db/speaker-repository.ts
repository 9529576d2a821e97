import type { Locale, SpeakerProfile } from '../protocol/index.js';
import type { Models } from './models.js';

export interface Speaker extends SpeakerProfile {
  id: string;
  locale: Locale;
  consentedAt: Date;
  disabled: boolean;
}

export function speakerRepository(models: Models) {
  const toSpeaker = (row: InstanceType<Models['Speaker']>): Speaker => ({
    id: row.id,
    locale: row.locale as Locale,
    consentedAt: row.consentedAt,
    ageRange: row.ageRange as Speaker['ageRange'],
    gender: row.gender as Speaker['gender'],
    nativeLanguage: row.nativeLanguage,
    accent: row.accent,
    disabled: row.disabledAt !== null && row.disabledAt !== undefined,
  });
  return {
    async create(input: { tokenHash: Buffer; locale: Locale } & SpeakerProfile): Promise<Speaker> {
      const row = await models.Speaker.create({ ...input, consentedAt: new Date() });
      return toSpeaker(row);
    },
    async findByTokenHash(tokenHash: Buffer): Promise<Speaker | null> {
      const row = await models.Speaker.findOne({ where: { tokenHash } });
      return row ? toSpeaker(row) : null;
    },
    async findById(id: string): Promise<Speaker | null> {
      const row = await models.Speaker.findByPk(id);
      return row ? toSpeaker(row) : null;
    },
  };
}
export type SpeakerRepository = ReturnType<typeof speakerRepository>;
