import { Show } from 'solid-js';
import { t } from '../../lib/i18n';
import type { Phase } from '../../state/recorder-machine';

export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Record, then Stop in the very same place (a second tap on the same spot stops, it never pauses), with
 * Pause beside it. The clock shows only while a take runs: afterwards the result carries the one duration.
 */
export function RecordControls(props: {
  phase: Phase;
  elapsedMs: number;
  canRecord: boolean;
  testingMic: boolean;
  /** The last microphone test, to hear it back. */
  testUrl: string | null;
  /** The keyboard hint, when the page's keys differ from free recording's (a guided session). */
  keysHint?: string;
  onTestMic: () => void;
  onRecord: () => void;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}) {
  const live = () => props.phase === 'recording' || props.phase === 'paused';
  return (
    <section class="card controls">
      <div class="buttons">
        <Show
          when={live()}
          fallback={
            <>
              <button type="button" class="record primary-action" onClick={() => props.onRecord()} disabled={!props.canRecord || props.phase !== 'idle'}>
                <span class="dot" aria-hidden="true" />
                {t('record')}
              </button>
              <button type="button" aria-pressed={props.testingMic} onClick={() => props.onTestMic()} disabled={props.phase !== 'idle'}>
                {props.testingMic ? t('stopTest') : t('testMic')}
              </button>
            </>
          }
        >
          <button type="button" class="stop primary-action" onClick={() => props.onStop()}>
            <span class="square" aria-hidden="true" />
            {t('stop')}
          </button>
          <Show
            when={props.phase === 'paused'}
            fallback={
              <button type="button" onClick={() => props.onPause()}>
                {t('pause')}
              </button>
            }
          >
            <button type="button" onClick={() => props.onResume()}>
              {t('resume')}
            </button>
          </Show>
          <span class="timer" classList={{ running: props.phase === 'recording' }} aria-label="timer">
            {formatClock(props.elapsedMs)}
          </span>
        </Show>
      </div>
      <Show when={props.testingMic}>
        <p class="hint">{t('micTestHint')}</p>
      </Show>
      <Show when={props.testUrl && !props.testingMic && props.phase === 'idle'}>
        <audio class="mic-test" controls src={props.testUrl ?? undefined} aria-label={t('micTestPlayback')} data-testid="mic-test-playback" />
      </Show>
      <p class="hint keys-hint">{props.keysHint ?? t('keyboardHint')}</p>
    </section>
  );
}
