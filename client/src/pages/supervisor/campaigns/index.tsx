// The supervisor's campaigns: list, create, join link, open/close, and live coverage.
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { cst } from '../../../lib/i18n/campaigns';
import { campaignApi } from '../../../lib/campaigns/supervisor-api';
import type { Campaign } from '../../../lib/campaigns/types';
import { makeMonitorSocket } from '../../../lib/monitor-socket';
import { endSession } from '../../../lib/supervisor-session';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { CampaignDetail } from './CampaignDetail';
import { CampaignForm } from './CampaignForm';
import { createCoverageFeed } from './coverage-feed';
import './campaigns.css';

/** Newest first, as the contract lists them; a live update replaces the campaign in place. */
export function upsertCampaign(list: Campaign[], campaign: Campaign): Campaign[] {
  const rest = list.filter((item) => item.id !== campaign.id);
  return [...rest, campaign].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function CampaignsPage(props: { token: string }) {
  const [list, { mutate }] = createResource(() => campaignApi.list());
  // /campaigns?new opens the form at once (a link to share, and the screen checks).
  const [creating, setCreating] = createSignal(new URLSearchParams(location.search).has('new'));
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const selected = () => {
    const items = list() ?? [];
    return items.find((campaign) => campaign.id === selectedId()) ?? items[0] ?? null;
  };
  const coverage = createCoverageFeed(() => selected()?.id ?? null);

  const close = makeMonitorSocket(props.token, {
    snapshot: () => undefined,
    session: () => undefined,
    take: () => undefined,
    link: () => undefined,
    unauthorized: () => endSession('expired'),
    campaign: (campaign) => {
      mutate((items) => upsertCampaign(items ?? [], campaign));
      if (campaign.id === selected()?.id) coverage.changed();
    },
  });
  onCleanup(close);

  const toggle = async (campaign: Campaign) => {
    setBusy(true);
    setError(null);
    try {
      const changed = await campaignApi.update(campaign.id, { active: !campaign.active });
      mutate((items) => upsertCampaign(items ?? [], changed));
    } catch (failure) {
      setError(cst('failed', { message: errorText(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="campaigns-page">
      <div class="page-head">
        <h1>{cst('title')}</h1>
        <Show when={!creating()}>
          <button type="button" class="primary" onClick={() => setCreating(true)} data-testid="new-campaign">
            {cst('newCampaign')}
          </button>
        </Show>
      </div>
      <p class="muted">{cst('intro')}</p>
      <Show when={creating()}>
        <CampaignForm
          onCancel={() => setCreating(false)}
          onCreated={(campaign) => {
            mutate((items) => upsertCampaign(items ?? [], campaign));
            setSelectedId(campaign.id);
            setCreating(false);
          }}
        />
      </Show>
      <div class="campaign-columns">
        <section class="card campaign-list" aria-labelledby="campaign-list-title">
          <h2 id="campaign-list-title">{cst('listTitle')}</h2>
          <Show when={(list() ?? []).length > 0} fallback={<p class="muted" data-testid="campaigns-empty">{list.loading ? '…' : cst('empty')}</p>}>
            <ul data-testid="campaign-list">
              <For each={list()}>
                {(campaign) => (
                  <li>
                    <button type="button" class="campaign-pick" aria-current={campaign.id === selected()?.id ? 'true' : undefined} onClick={() => setSelectedId(campaign.id)}>
                      <strong>{campaign.name}</strong>
                      <span class={campaign.active ? 'state state-saved' : 'state state-discarded'}>{campaign.active ? cst('open') : cst('closed')}</span>
                      <span class="muted">{cst('created', { date: formatDateTime(campaign.createdAt) })}</span>
                      <span class="muted">{cst('progressLine', { done: campaign.progress.done, cells: campaign.progress.cells, speakers: campaign.progress.speakers })}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
        <Show when={selected()}>
          {(campaign) => <CampaignDetail campaign={campaign()} coverage={coverage.value()} busy={busy()} error={error()} onToggle={() => void toggle(campaign())} />}
        </Show>
      </div>
    </div>
  );
}
