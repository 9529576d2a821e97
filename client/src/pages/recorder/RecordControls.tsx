import { Show } from 'solid-js';
import { t } from '../../lib/i18n';
import type { Phase } from '../../state/recorder-machine';

export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function RecordControls(props: {
  phase: Phase;
  elapsedMs: number;
  canRecord: boolean;
  testingMic: boolean;
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
              <button type="button" class="record" onClick={() => props.onRecord()} disabled={!props.canRecord || props.phase !== 'idle'}>
                <span class="dot" aria-hidden="true" />
                {t('record')}
              </button>
              <button type="button" aria-pressed={props.testingMic} onClick={() => props.onTestMic()} disabled={props.phase !== 'idle'}>
                {props.testingMic ? t('stopTest') : t('testMic')}
              </button>
            </>
          }
        >
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
          <button type="button" class="stop" onClick={() => props.onStop()}>
            <span class="square" aria-hidden="true" />
            {t('stop')}
          </button>
        </Show>
        <span class="timer" classList={{ running: props.phase === 'recording' }} aria-label="timer">
          {formatClock(props.elapsedMs)}
        </span>
      </div>
      <p class="hint">{t('keyboardHint')}</p>
    </section>
  );
}
