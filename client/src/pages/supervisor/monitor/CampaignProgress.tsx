import type { Session } from '@emovox/server/protocol';
import { cst } from '../../../lib/i18n/campaigns';
import type { SessionCampaign } from '../../../lib/campaigns/types';

/** `Session.campaign` (v1.1): null outside a campaign. */
export function campaignOf(session: Session | undefined): SessionCampaign | null {
  return session?.campaign ?? null;
}

/** A speaker's progress in the campaign they are recording for. */
export function CampaignProgress(props: { campaign: SessionCampaign }) {
  const label = () => cst('campaignProgress', { name: props.campaign.name, done: props.campaign.done, total: props.campaign.total });
  return (
    <p class="session-campaign" data-testid="session-campaign">
      <span>{label()}</span>{' '}
      <progress max={Math.max(1, props.campaign.total)} value={props.campaign.done} aria-label={label()} />
    </p>
  );
}
