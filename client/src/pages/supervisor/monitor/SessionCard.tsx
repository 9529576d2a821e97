import { Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { st } from '../../../lib/i18n/supervisor';
import { formatBytes, formatElapsed, shortId } from '../format';
import type { SessionView } from './board';
import type { SessionCampaign } from '../../../lib/campaigns/types';
import { CampaignProgress } from './CampaignProgress';
import { RedoButton } from '../RedoRequest';

const LINK_LABELS = { connected: 'connected', reconnecting: 'reconnecting', disconnected: 'disconnected', left: 'speakerLeft' } as const;

/** One speaker on the live board. */
export function SessionCard(props: { view: SessionView; sentenceText: (id: string) => string | null; campaign?: SessionCampaign | null }) {
  const linkLabel = () => st(LINK_LABELS[props.view.link]);
  const text = (id: string) => props.sentenceText(id) ?? st('sentenceUnknown', { id: shortId(id) });
  return (
    <li class="session card" data-speaker={props.view.speakerId} data-testid="session" data-link={props.view.link}>
      <header class="session-head">
        <span class="speaker">
          <span class="sr-only">{st('speaker')} </span>
          <code>{shortId(props.view.speakerId)}</code>
          <Show when={props.view.locale}>{(code) => <span class="tag">{code()}</span>}</Show>
        </span>
        <span class="link-state" data-link={props.view.link}>
          <span class="dot" aria-hidden="true" />
          {linkLabel()}
        </span>
      </header>
      <Show when={props.campaign}>{(campaign) => <CampaignProgress campaign={campaign()} />}</Show>
      <Show
        when={props.view.take}
        fallback={
          <p class="muted idle">
            {st('notRecording')}
            <Show when={props.view.lastTake}>
              {(last) => (
                <>
                  {' · '}
                  {st('lastTake')}: <span class={`state state-${last().state}`}>{st(`state_${last().state}`)}</span>
                  <Show when={last().state === 'saved'}>
                    {' · '}
                    <RedoButton takeId={last().takeId} />
                  </Show>
                </>
              )}
            </Show>
          </p>
        }
      >
        {(take) => (
          <>
            <p class="session-sentence">{text(take().sentenceId)}</p>
            <p class="session-meta">
              <span class="tag emotion">{t(take().emotion)}</span>
              <Show when={take().paused} fallback={<span class={`state state-${take().state}`}>{st(`state_${take().state}`)}</span>}>
                <span class="state state-paused" data-testid="paused">{st('takePaused')}</span>
              </Show>
              <span class="elapsed" title={st('elapsed')} data-testid="elapsed">
                <span class="sr-only">{st('elapsed')} </span>
                {formatElapsed(take().elapsedMs)}
              </span>
            </p>
            <div class="meter" role="meter" aria-label={st('level')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={take().levelPercent}>
              <div class="meter-fill" classList={{ hot: take().levelPercent >= 99 }} style={{ width: `${take().levelPercent}%` }} />
            </div>
            <dl class="session-numbers">
              <div>
                <dt>{st('chunksReceived')}</dt>
                <dd data-testid="chunks-received">{take().chunks}</dd>
              </div>
              <div>
                <dt>{st('received')}</dt>
                <dd>{formatBytes(take().bytes)}</dd>
              </div>
              <div>
                <dt>{st('ackLatency')}</dt>
                <dd>{take().ackMs === null ? '–' : `${Math.round(take().ackMs!)} ms`}</dd>
              </div>
            </dl>
          </>
        )}
      </Show>
    </li>
  );
}
