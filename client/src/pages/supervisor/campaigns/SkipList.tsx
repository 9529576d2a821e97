import { For, Show } from 'solid-js';
import { cst, type CampaignsKey } from '../../../lib/i18n/campaigns';
import type { Campaign } from '../../../lib/campaigns/types';
import { formatDateTime } from '../format';

/** Prompts speakers skipped, newest first, with their reason: a sentence to fix or retire. */
export function SkipList(props: { skips: Campaign['skips'] }) {
  return (
    <Show when={props.skips.length > 0}>
      <section class="card campaign-skips" aria-labelledby="skips-title">
        <h2 id="skips-title">{cst('skipsTitle')}</h2>
        <ul data-testid="campaign-skips">
          <For each={props.skips}>
            {(skip) => (
              <li>
                <span>{skip.sentenceText}</span> — <strong>{cst(`skip_${skip.reason}` as CampaignsKey)}</strong>
                <Show when={skip.note}>{(note) => <> · {note()}</>}</Show> <span class="muted">({formatDateTime(skip.at)})</span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
