// Campaign progress reaches supervisors: a change (a take saved, rejected or redone, a join, a skip, a close) is
// gathered per campaign for a moment, then announced once: monitor:campaign, and the speakers' monitor sessions.
import type { CampaignPromptRepository } from '../db/campaign-prompt-repository.js';
import type { CampaignRepository } from '../db/campaign-repository.js';
import type { Logger } from '../logger.js';
import type { Campaign, SessionCampaign, TakeJson, TakeRedoNotice } from '../protocol/index.js';
import type { TakeNotifier } from '../takes/take-notifier.js';

/** How campaign changes leave the domain: the socket layer implements it for every replica. */
export interface CampaignEvents {
  campaign(campaign: Campaign): void;
  /** The campaign the monitor shows for a speaker (null: none active). */
  speaker(speakerId: string, campaign: SessionCampaign | null): void;
  redo(speakerId: string, notice: TakeRedoNotice): void;
}

/** Well under the contract's second: changes within it are announced together. */
const GATHER_MS = 150;

export class CampaignProgress {
  private readonly pending = new Map<string, Set<string>>();

  constructor(
    private readonly deps: {
      campaigns: CampaignRepository;
      prompts: CampaignPromptRepository;
      speakerCampaign: (speakerId: string, campaignId?: string) => Promise<SessionCampaign | null>;
      events: CampaignEvents;
      log: Logger;
      gatherMs?: number;
    },
  ) {}

  changed(campaignId: string, speakerId?: string): void {
    let speakers = this.pending.get(campaignId);
    if (!speakers) {
      speakers = new Set();
      this.pending.set(campaignId, speakers);
      setTimeout(() => void this.flush(campaignId), this.deps.gatherMs ?? GATHER_MS).unref();
    }
    if (speakerId) speakers.add(speakerId);
  }

  /** Any take change: one recorded through a prompt may move its campaign's progress. */
  takeChanged(take: TakeJson): void {
    if (!take.promptId) return;
    this.deps.prompts
      .find(take.promptId)
      .then((prompt) => prompt && this.changed(prompt.campaignId, prompt.speakerId))
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'campaign progress lookup failed'));
  }

  private async flush(campaignId: string): Promise<void> {
    const speakers = this.pending.get(campaignId) ?? new Set<string>();
    this.pending.delete(campaignId);
    try {
      const campaign = await this.deps.campaigns.find(campaignId);
      if (!campaign) return;
      this.deps.events.campaign(campaign);
      for (const speakerId of speakers) {
        this.deps.events.speaker(speakerId, await this.deps.speakerCampaign(speakerId, campaign.active ? campaignId : undefined));
      }
    } catch (error) {
      this.deps.log.warn({ err: error }, 'campaign progress announcement failed');
    }
  }
}

/** The take notifier, also telling campaign progress of every take change (review included). */
export function watchCampaignTakes(base: TakeNotifier, progress: CampaignProgress): TakeNotifier {
  return {
    status: (speakerId, status) => base.status(speakerId, status),
    take(take) {
      base.take(take);
      progress.takeChanged(take);
    },
  };
}
