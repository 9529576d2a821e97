import { Show } from 'solid-js';
import { t, type MessageKey } from '../../lib/i18n';
import type { Cue } from '../../state/take-cues';

const CUE_TEXT: Record<Cue, MessageKey> = { ready: 'cueReady', speak: 'cueSpeak', finishing: 'cueFinishing' };

/**
 * The traffic light of a take (take-cues.ts): amber "get ready" while the pre-roll records, green "speak now",
 * then "finishing" while the post-roll records. A polite live region, so screen readers hear "speak now".
 */
export function ReadyCue(props: { cue: Cue | null }) {
  return (
    <div class="ready-cue-slot" role="status" aria-live="polite" data-testid="cue-region">
      <Show when={props.cue}>
        {(cue) => (
          <p class={`ready-cue cue-${cue()}`} data-testid="cue" data-cue={cue()}>
            <span class="cue-light" aria-hidden="true" />
            {t(CUE_TEXT[cue()])}
          </p>
        )}
      </Show>
    </div>
  );
}
