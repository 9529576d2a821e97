// Campaign events over Socket.IO, on every replica: monitor:campaign to supervisors, take:redo to the speaker's
// /record sockets (the speaker room, as take:status), and each speaker's campaign for the monitor's Session,
// which every replica keeps for the speakers connected to it.
import type { Logger } from '../logger.js';
import type { CampaignEvents } from '../campaigns/campaign-progress.js';
import { MONITOR_NAMESPACE, RECORD_NAMESPACE, type Campaign, type SessionCampaign } from '../protocol/index.js';
import { emitLocalFirst, hasPeers } from './local-first-emit.js';
import { speakerRoom } from './record-namespace.js';
import type { AppServer } from './typed-io.js';

const PEER_SPEAKER = 'campaign:peer-speaker';
const PEER_CAMPAIGN = 'campaign:peer-campaign';

type Untyped = {
  on(event: string, listener: (...args: unknown[]) => void): void;
  serverSideEmit(event: string, ...args: unknown[]): boolean;
};

/**
 * Speaker → campaign shown on the monitor, for the speakers connected to this replica only (added when one
 * connects, dropped when their last socket here closes). `changed` has the monitor push that speaker's session.
 */
export class SpeakerCampaigns {
  private readonly bySpeaker = new Map<string, SessionCampaign | null>();
  /** Reads a speaker's campaign from the database (set once the services exist). */
  load: (speakerId: string) => Promise<SessionCampaign | null> = () => Promise.resolve(null);
  changed: (speakerId: string) => void = () => undefined;

  get(speakerId: string): SessionCampaign | null {
    return this.bySpeaker.get(speakerId) ?? null;
  }

  /** A change heard from any replica: kept only for a speaker connected here. */
  set(speakerId: string, campaign: SessionCampaign | null): void {
    if (!this.bySpeaker.has(speakerId)) return;
    this.bySpeaker.set(speakerId, campaign);
    this.changed(speakerId);
  }

  /** A speaker connected here: their campaign, from the database. */
  async connected(speakerId: string): Promise<void> {
    if (!this.bySpeaker.has(speakerId)) this.bySpeaker.set(speakerId, null); // a second socket keeps what is shown
    this.set(speakerId, await this.load(speakerId));
  }

  forget(speakerId: string): void {
    this.bySpeaker.delete(speakerId);
  }

  /** A closed campaign is no longer shown; a renamed one shows its new name. */
  campaignChanged(campaign: Campaign): void {
    for (const [speakerId, shown] of this.bySpeaker) {
      if (shown?.id !== campaign.id) continue;
      this.set(speakerId, campaign.active ? { ...shown, name: campaign.name } : null);
    }
  }
}

export function campaignSocketEvents(io: AppServer, view: SpeakerCampaigns, log: Logger): CampaignEvents {
  const monitor = io.of(MONITOR_NAMESPACE);
  const untyped = monitor as unknown as Untyped;
  untyped.on(PEER_SPEAKER, (speakerId, campaign) => {
    if (typeof speakerId === 'string') view.set(speakerId, (campaign as SessionCampaign | null) ?? null);
  });
  untyped.on(PEER_CAMPAIGN, (campaign) => view.campaignChanged(campaign as Campaign));
  const toPeers = (event: string, ...args: unknown[]) => {
    hasPeers(monitor)
      .then((peers) => peers && untyped.serverSideEmit(event, ...args))
      .catch((error: unknown) => log.warn({ err: error }, 'could not tell other replicas of a campaign change'));
  };
  return {
    campaign(campaign) {
      emitLocalFirst(monitor, null, 'monitor:campaign', campaign);
      view.campaignChanged(campaign);
      toPeers(PEER_CAMPAIGN, campaign);
    },
    speaker(speakerId, campaign) {
      view.set(speakerId, campaign);
      toPeers(PEER_SPEAKER, speakerId, campaign);
    },
    redo(speakerId, notice) {
      emitLocalFirst(io.of(RECORD_NAMESPACE), speakerRoom(speakerId), 'take:redo', notice);
    },
  };
}
