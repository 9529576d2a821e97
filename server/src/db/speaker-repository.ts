import { randomBytes } from 'node:crypto';
import type { Locale, SpeakerProfile } from '../protocol/index.js';
import type { Models } from './models.js';

export interface Speaker extends SpeakerProfile {
  id: string;
  locale: Locale;
  consentedAt: Date;
  /** Disabled or erased: the token no longer verifies. */
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
    disabled: (row.disabledAt ?? null) !== null || (row.erasedAt ?? null) !== null,
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
    /**
     * "Forget me": the profile is cleared, and the token hash replaced by random bytes that no token hashes to,
     * so the token stops verifying even before erased_at is looked at. The locale stays: takes keep it anyway.
     */
    async erase(id: string): Promise<void> {
      await models.Speaker.update(
        { ageRange: null, gender: null, nativeLanguage: null, accent: null, erasedAt: new Date(), tokenHash: randomBytes(32) },
        { where: { id } },
      );
    },
    async findById(id: string): Promise<Speaker | null> {
      const row = await models.Speaker.findByPk(id);
      return row ? toSpeaker(row) : null;
    },
  };
}
export type SpeakerRepository = ReturnType<typeof speakerRepository>;
