// Supervisors design campaigns: create (defaults and validation per the contract), list, read, open/close, rename.
import type { CampaignRepository } from '../db/campaign-repository.js';
import { badRequest, notFound } from '../errors.js';
import type { Campaign, CampaignCoverage } from '../protocol/index.js';
import { EMOTIONS } from '../protocol/index.js';
import type { z } from 'zod';
import type { campaignCreateSchema, campaignPatchSchema } from '../protocol/campaign-schemas.js';
import { newJoinCode } from './join-code.js';

type CreateInput = z.infer<typeof campaignCreateSchema>;
type PatchInput = z.infer<typeof campaignPatchSchema>;

const DEFAULTS = { takesPerCell: 1, sessionSize: 30 } as const;
const CODE_ATTEMPTS = 5;

export function createCampaignAdmin(deps: { campaigns: CampaignRepository; changed: (campaignId: string) => void }) {
  const { campaigns } = deps;

  /** Every sentence must exist, be active and be in the campaign's locale. */
  async function checkSentences(ids: string[], locale: CreateInput['locale']): Promise<void> {
    const found = new Map((await campaigns.sentences(ids)).map((sentence) => [sentence.id, sentence]));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw badRequest(`Unknown sentence IDs: ${unknown.slice(0, 5).join(', ')}`);
    const otherLocale = ids.filter((id) => found.get(id)!.locale !== locale);
    if (otherLocale.length > 0) throw badRequest(`Sentences not in locale ${locale}: ${otherLocale.slice(0, 5).join(', ')}`);
    const inactive = ids.filter((id) => !found.get(id)!.active);
    if (inactive.length > 0) throw badRequest(`Inactive sentences: ${inactive.slice(0, 5).join(', ')}`);
  }

  async function freeCode(): Promise<string> {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt += 1) {
      const code = newJoinCode();
      if (!(await campaigns.codeTaken(code))) return code;
    }
    throw new Error('no free join code');
  }

  async function get(id: string): Promise<Campaign> {
    const campaign = await campaigns.find(id);
    if (!campaign) throw notFound('campaign');
    return campaign;
  }

  return {
    async create(input: CreateInput): Promise<Campaign> {
      const sentenceIds = input.sentenceIds ?? (await campaigns.activeSentenceIds(input.locale));
      if (sentenceIds.length === 0) throw badRequest(`There is no active sentence in locale ${input.locale}`);
      if (input.sentenceIds) await checkSentences(sentenceIds, input.locale);
      const id = await campaigns.create({
        name: input.name,
        locale: input.locale,
        code: await freeCode(),
        sentenceIds,
        emotions: input.emotions ?? [...EMOTIONS],
        intensities: input.intensities ?? [null],
        takesPerCell: input.takesPerCell ?? DEFAULTS.takesPerCell,
        sessionSize: input.sessionSize ?? DEFAULTS.sessionSize,
        listenBack: input.listenBack ?? false,
      });
      return get(id);
    },
    list: () => campaigns.list(),
    get,
    async update(id: string, patch: PatchInput): Promise<Campaign> {
      if (!(await campaigns.update(id, patch))) throw notFound('campaign');
      deps.changed(id);
      return get(id);
    },
    async coverage(id: string): Promise<CampaignCoverage> {
      const campaign = await get(id);
      return campaigns.coverage(id, campaign.sessionSize);
    },
  };
}
export type CampaignAdmin = ReturnType<typeof createCampaignAdmin>;
