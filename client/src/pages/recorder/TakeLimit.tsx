import { createMemo, on, Show } from 'solid-js';
import { t } from '../../lib/i18n';
import { countdownSeconds, countdownStage } from '../../state/take-limit';

/** The longest take, the countdown of its last seconds, and why a take stopped by itself. */
export function TakeLimit(props: { maxTakeSeconds: number; elapsedMs: number; live: boolean; autoStopped: boolean }) {
  const remaining = () => (props.live ? countdownSeconds(props.elapsedMs, props.maxTakeSeconds) : null);
  // Read again only when the stage changes, so the live region is not rewritten every second.
  const stage = createMemo(() => countdownStage(remaining()));
  const announced = createMemo(on(stage, (current) => (current === 'none' ? null : remaining())));
  return (
    <div class="take-limit">
      <span class="hint">{t('takeLimit', { n: props.maxTakeSeconds })}</span>
      <Show when={remaining() !== null}>
        <span class="countdown" data-testid="countdown" aria-hidden="true">
          {t('takeCountdown', { n: remaining() ?? 0 })}
        </span>
      </Show>
      <Show when={props.autoStopped && !props.live}>
        <span class="notice">{t('takeAutoStopped', { n: props.maxTakeSeconds })}</span>
      </Show>
      <p class="sr-only" aria-live="polite" data-testid="countdown-announcement">
        {announced() === null ? '' : t('takeCountdownSr', { n: announced() ?? 0 })}
      </p>
    </div>
  );
}
