import { createSignal, Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { cst } from '../../../lib/i18n/campaigns';
import { joinLink } from '../../../lib/campaigns/speaker-api';
import type { Campaign, Coverage } from '../../../lib/campaigns/types';
import { CoverageGrid } from './CoverageGrid';
import { JoinQr } from './JoinQr';
import { SkipList } from './SkipList';
import { SpeakerProgressList } from './SpeakerProgressList';

/** One campaign: how to join it, open or close it, and its live progress. */
export function CampaignDetail(props: { campaign: Campaign; coverage: Coverage | null; busy: boolean; error: string | null; onToggle: () => void }) {
  const [copied, setCopied] = createSignal<string | null>(null);
  const link = () => joinLink(location.origin, props.campaign.code);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link());
      setCopied(cst('copied'));
    } catch {
      setCopied(cst('copyFailed'));
    }
  };
  return (
    <div class="campaign-detail" data-testid="campaign-detail" data-campaign={props.campaign.id}>
      <section class="card campaign-join" aria-labelledby="campaign-title">
        <div class="page-head">
          <h2 id="campaign-title">{props.campaign.name}</h2>
          <span class={props.campaign.active ? 'state state-saved' : 'state state-discarded'} data-testid="campaign-state">
            {props.campaign.active ? cst('open') : cst('closed')}
          </span>
        </div>
        <p class="muted">
          {cst('settings', { emotions: props.campaign.emotions.map((emotion) => t(emotion)).join(', '), takes: props.campaign.takesPerCell, size: props.campaign.sessionSize })}
          <Show when={props.campaign.listenBack}> · {cst('listenBackOn')}</Show>
        </p>
        <p role="status" data-testid="campaign-progress">
          {cst('progressLine', { done: props.campaign.progress.done, cells: props.campaign.progress.cells, speakers: props.campaign.progress.speakers })}
        </p>
        <div class="join-box">
          <dl>
            <dt>{cst('joinCode')}</dt>
            <dd>
              <code class="join-code" data-testid="join-code">{props.campaign.code}</code>
            </dd>
            <dt>{cst('joinLink')}</dt>
            <dd>
              <a href={link()} data-testid="join-link">{link()}</a>
            </dd>
          </dl>
          <JoinQr url={link()} />
        </div>
        <div class="form-row">
          <button type="button" onClick={() => void copy()}>
            {cst('copy')}
          </button>
          <button type="button" class={props.campaign.active ? 'danger' : 'primary'} disabled={props.busy} onClick={() => props.onToggle()} data-testid="campaign-toggle">
            {props.campaign.active ? cst('closeIt') : cst('openIt')}
          </button>
        </div>
        <p class="hint" role="status" aria-live="polite">{copied() ?? ''}</p>
        <Show when={props.error}>{(message) => <p class="alert" role="alert">{message()}</p>}</Show>
      </section>
      <Show when={props.coverage}>
        {(coverage) => (
          <>
            <CoverageGrid campaign={props.campaign} coverage={coverage()} />
            <SpeakerProgressList speakers={coverage().speakers} />
          </>
        )}
      </Show>
      <SkipList skips={props.campaign.skips ?? []} />
    </div>
  );
}
