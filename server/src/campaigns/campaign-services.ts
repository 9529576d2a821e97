// Campaign wiring: repositories, use cases and progress announcements, and the take notifier that feeds them.
import type pg from 'pg';
import { campaignPromptRepository } from '../db/campaign-prompt-repository.js';
import { campaignRepository } from '../db/campaign-repository.js';
import { takeRedoRepository } from '../db/take-redo-repository.js';
import type { Logger } from '../logger.js';
import type { TakeNotifier } from '../takes/take-notifier.js';
import { createCampaignAdmin } from './campaign-admin.js';
import { CampaignProgress, watchCampaignTakes, type CampaignEvents } from './campaign-progress.js';
import { createCampaignSessions } from './campaign-sessions.js';
import { createRedo } from './redo.js';

export function createCampaignServices(deps: { pool: pg.Pool; events: CampaignEvents; notifier: TakeNotifier; log: Logger }) {
  const campaigns = campaignRepository(deps.pool);
  const prompts = campaignPromptRepository(deps.pool);
  const changed = (campaignId: string, speakerId?: string) => progress.changed(campaignId, speakerId);
  const sessions = createCampaignSessions({ campaigns, prompts, changed });
  const progress = new CampaignProgress({
    campaigns,
    prompts,
    speakerCampaign: (speakerId, campaignId) => sessions.speakerCampaign(speakerId, campaignId),
    events: deps.events,
    log: deps.log,
  });
  const notifier = watchCampaignTakes(deps.notifier, progress);
  return {
    admin: createCampaignAdmin({ campaigns, changed }),
    sessions,
    redo: createRedo({ redos: takeRedoRepository(deps.pool), notifier, tellSpeaker: (speakerId, notice) => deps.events.redo(speakerId, notice) }),
    /** The take notifier to use everywhere: it also moves campaign progress. */
    notifier,
  };
}
export type CampaignServices = ReturnType<typeof createCampaignServices>;
