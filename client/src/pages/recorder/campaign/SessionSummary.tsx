import { onMount } from 'solid-js';
import { ct } from '../../../lib/i18n/campaign';
import type { CampaignSession } from '../../../lib/campaigns/types';

/** The end of a guided session: what was recorded, thanks, and the way back to free recording. */
export function SessionSummary(props: { session: CampaignSession; onLeave: () => void }) {
  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  return (
    <section class="card session-done" aria-labelledby="done-title" data-testid="session-done">
      <h2 id="done-title" tabindex="-1" ref={heading}>
        {ct('doneTitle')}
      </h2>
      <p>{ct('doneSummary', { done: props.session.done, total: props.session.total, name: props.session.name })}</p>
      <progress class="session-progress" max={Math.max(1, props.session.total)} value={props.session.done} aria-label={ct('progressLabel')} />
      <button type="button" onClick={() => props.onLeave()}>
        {ct('doneFree')}
      </button>
    </section>
  );
}
