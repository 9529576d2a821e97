import { Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { ct, type CampaignKey } from '../../../lib/i18n/campaign';
import type { RedoNotice } from './create-guided-session';

/**
 * A supervisor's redo request, announced at once (role="alert"). In a campaign the prompt comes back
 * next; outside one the banner names the take's sentence and emotion and offers to re-record it.
 */
export function RedoBanner(props: { notice: RedoNotice; busy: boolean; onReRecord: () => void; onDismiss: () => void }) {
  const take = () => props.notice.take;
  return (
    <section class="card redo-banner" role="alert" aria-labelledby="redo-title" data-testid="redo-banner" data-reason={props.notice.redo.reason}>
      <h2 id="redo-title">{ct('redoTitle')}</h2>
      <p data-testid="redo-reason">{ct('redoReason', { reason: ct(`redo_${props.notice.redo.reason}` as CampaignKey) })}</p>
      <Show when={props.notice.redo.note}>{(note) => <p>{ct('redoNote', { note: note() })}</p>}</Show>
      <Show when={props.notice.redo.promptId !== null}>
        <p class="hint">{ct('redoCampaign')}</p>
      </Show>
      <Show when={take()}>
        {(taken) => (
          <p>
            <span class="sentence-text" lang={taken().locale ?? undefined}>{taken().sentenceText}</span>{' '}
            <span class="tag emotion">{t(taken().emotion)}</span>
          </p>
        )}
      </Show>
      <div class="buttons">
        <Show when={props.notice.redo.promptId === null && take()}>
          <button type="button" class="primary" disabled={props.busy} onClick={() => props.onReRecord()}>
            {ct('redoFree')}
          </button>
        </Show>
        <button type="button" onClick={() => props.onDismiss()}>
          {ct('redoDismiss')}
        </button>
      </div>
    </section>
  );
}
