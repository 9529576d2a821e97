import { Show } from 'solid-js';
import { t } from '../../../lib/i18n';
import { ct, type CampaignKey } from '../../../lib/i18n/campaign';
import type { CampaignSession, Prompt } from '../../../lib/campaigns/types';

/** "Prompt 7 of 30": the 1-based number of the prompt on screen, never past the session's size. */
export function promptNumber(session: Pick<CampaignSession, 'done' | 'total'>): number {
  return Math.max(1, Math.min(session.total, session.done + 1));
}

/** The prompt to record in a guided session: where the speaker is, the sentence, and the emotion to act. */
export function PromptCard(props: { session: CampaignSession; prompt: Prompt; locked: boolean; onSkip: () => void; onLeave: () => void }) {
  const intensity = () => props.prompt.intensity;
  return (
    <section class="card sentence prompt" aria-labelledby="prompt-title" data-testid="prompt" data-prompt={props.prompt.promptId}>
      <p class="eyebrow">{ct('sessionName', { name: props.session.name })}</p>
      <h2 id="prompt-title" class="prompt-count" data-testid="prompt-count">
        {ct('promptOf', { n: promptNumber(props.session), total: props.session.total })}
      </h2>
      <progress class="session-progress" max={Math.max(1, props.session.total)} value={props.session.done} aria-label={ct('progressLabel')} />
      <p class="sentence-text" lang={props.prompt.sentence.locale} data-testid="prompt-sentence">
        {props.prompt.sentence.text}
      </p>
      <div class="prompt-emotion">
        <p>
          <span class="muted">{ct('actThis')} </span>
          <strong class="prompt-emotion-name" data-testid="prompt-emotion" data-emotion={props.prompt.emotion}>
            {t(props.prompt.emotion)}
          </strong>
        </p>
        <p class="muted" data-testid="prompt-intensity">
          <Show when={intensity()} fallback={ct('intensityAny')}>
            {(level) => ct('intensityIs', { level: t(level()) })}
          </Show>
        </p>
        <p class="hint">{ct(`describe_${props.prompt.emotion}` as CampaignKey)}</p>
      </div>
      <div class="buttons">
        <button type="button" data-testid="skip-button" onClick={() => props.onSkip()} disabled={props.locked}>
          {ct('skip')}
        </button>
        <button type="button" class="link" onClick={() => props.onLeave()} disabled={props.locked}>
          {ct('leave')}
        </button>
      </div>
    </section>
  );
}
