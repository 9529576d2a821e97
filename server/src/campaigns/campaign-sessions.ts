// Speakers in campaigns: join by code, read their session (issuing the next prompt when due), skip a prompt,
// and the prompt check of take:start and POST /takes. All state is in PostgreSQL, so any replica serves it.
import type { CampaignPromptRepository, PromptRow } from '../db/campaign-prompt-repository.js';
import type { CampaignRepository } from '../db/campaign-repository.js';
import type { Speaker } from '../db/speaker-repository.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { Campaign, CampaignSession, Emotion, Intensity, Prompt, SessionCampaign, SkipReason } from '../protocol/index.js';
import { chooseCell } from './assignment.js';
import { normaliseJoinCode } from './join-code.js';
import { summarise, type SessionSummary } from './session-summary.js';

/** Only the speaker's ID is read here. */
type SpeakerRef = Pick<Speaker, 'id'>;

export interface CampaignSessionDeps {
  campaigns: CampaignRepository;
  prompts: CampaignPromptRepository;
  /** A campaign's progress changed (and, when given, this speaker's session with it). */
  changed: (campaignId: string, speakerId?: string) => void;
}

const toPrompt = (row: PromptRow): Prompt => ({
  promptId: row.id,
  sentence: { id: row.sentenceId, text: row.sentenceText, locale: row.locale },
  emotion: row.emotion,
  intensity: row.intensity,
});

export function createCampaignSessions(deps: CampaignSessionDeps) {
  const { campaigns, prompts } = deps;

  async function summary(campaign: Campaign, speakerId: string): Promise<SessionSummary> {
    const [rows, fresh] = await Promise.all([prompts.prompts(campaign.id, speakerId), prompts.freshCells(campaign.id, speakerId)]);
    return summarise(rows, fresh, campaign.sessionSize);
  }

  async function session(campaign: Campaign, speakerId: string): Promise<CampaignSession> {
    let state = await summary(campaign, speakerId);
    if (campaign.active && !state.next && state.kept < state.total) {
      await prompts.issue(campaign.id, speakerId, campaign.sessionSize, (candidates, previous) => chooseCell(candidates, previous));
      state = await summary(campaign, speakerId);
    }
    return {
      campaignId: campaign.id,
      name: campaign.name,
      done: state.done,
      total: state.total,
      next: campaign.active && state.next ? toPrompt(state.next) : null,
      listenBack: campaign.listenBack,
    };
  }

  /** The campaign, when this speaker joined it; NOT_FOUND otherwise (never reveal which campaigns exist). */
  async function joined(campaignId: string, speaker: SpeakerRef): Promise<Campaign> {
    const campaign = await campaigns.find(campaignId);
    if (!campaign || !(await prompts.isMember(campaignId, speaker.id))) throw notFound('campaign');
    return campaign;
  }

  return {
    async join(speaker: SpeakerRef, code: string): Promise<CampaignSession> {
      const campaign = await campaigns.findActiveByCode(normaliseJoinCode(code));
      if (!campaign) throw notFound('campaign');
      await prompts.join(campaign.id, speaker.id);
      const result = await session(campaign, speaker.id);
      deps.changed(campaign.id, speaker.id);
      return result;
    },

    async session(campaignId: string, speaker: SpeakerRef): Promise<CampaignSession> {
      const campaign = await joined(campaignId, speaker);
      const result = await session(campaign, speaker.id);
      if (result.next) await prompts.touch(campaignId, speaker.id);
      return result;
    },

    async skip(campaignId: string, promptId: string, speaker: SpeakerRef, reason: SkipReason, note: string | null): Promise<CampaignSession> {
      const campaign = await joined(campaignId, speaker);
      const prompt = await prompts.find(promptId);
      if (!prompt || prompt.campaignId !== campaignId || prompt.speakerId !== speaker.id) throw notFound('prompt');
      if (!(await prompts.skip(promptId, reason, note))) throw conflict('This prompt is already recorded or skipped');
      await prompts.touch(campaignId, speaker.id);
      const result = await session(campaign, speaker.id);
      deps.changed(campaignId, speaker.id);
      return result;
    },

    /**
     * take:start and POST /takes with a promptId: the prompt must be the speaker's (NOT_FOUND otherwise), and the
     * payload must agree with it (BAD_REQUEST). An omitted intensity takes the prompt's.
     */
    async promptForTake(
      speaker: SpeakerRef,
      input: { promptId: string; sentenceId: string; emotion: Emotion; intensity?: Intensity | null | undefined },
    ): Promise<{ promptId: string; intensity: Intensity | null }> {
      const prompt = await prompts.find(input.promptId);
      if (!prompt || prompt.speakerId !== speaker.id) throw notFound('prompt');
      if (prompt.skippedAt) throw conflict('This prompt was skipped');
      if (prompt.sentenceId !== input.sentenceId) throw badRequest('sentenceId does not match the prompt');
      if (prompt.emotion !== input.emotion) throw badRequest('emotion does not match the prompt');
      if (input.intensity !== undefined && input.intensity !== prompt.intensity) throw badRequest('intensity does not match the prompt');
      await prompts.touch(prompt.campaignId, speaker.id);
      deps.changed(prompt.campaignId, speaker.id);
      return { promptId: prompt.id, intensity: prompt.intensity };
    },

    /** The monitor's view of a speaker's campaign: the one they were last active in, while it is active. */
    async speakerCampaign(speakerId: string, campaignId?: string): Promise<SessionCampaign | null> {
      const id = campaignId ?? (await prompts.latestActiveCampaign(speakerId));
      const campaign = id ? await campaigns.find(id) : null;
      if (!campaign || !campaign.active) return null;
      const state = await summary(campaign, speakerId);
      return { id: campaign.id, name: campaign.name, done: state.done, total: state.total };
    },
  };
}
export type CampaignSessions = ReturnType<typeof createCampaignSessions>;
