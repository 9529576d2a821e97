import { Show } from 'solid-js';
import { t, type MessageKey } from '../../lib/i18n';
import type { Phase } from '../../state/recorder-machine';
import type { UploadProgress } from '../../state/take-uploader';
import { MicHelp } from './MicHelp';

const PHASE_TEXT: Record<Phase, MessageKey> = {
  idle: 'statusIdle',
  opening: 'statusOpening',
  recording: 'statusRecording',
  paused: 'statusPaused',
  stopping: 'statusStopping',
  finalizing: 'statusFinalizing',
  saved: 'statusSaved',
  failed: 'statusFailed',
  discarding: 'statusDiscarding',
  recovering: 'statusRecovering',
};

/**
 * The one live region: the phase, the reconnecting state with what is still unconfirmed, or a microphone
 * that could not be opened (then "Ready" would be false: nothing can be recorded until it is allowed).
 */
export function StatusLine(props: { phase: Phase; progress: UploadProgress | null; recovered: boolean; micProblem?: MessageKey | null; idleText?: string }) {
  const reconnecting = () => {
    const p = props.progress;
    return !!p && !p.connected && props.phase !== 'idle' && props.phase !== 'saved';
  };
  const text = () => {
    if (reconnecting()) return t('reconnecting', { n: props.progress?.unacked ?? 0 });
    if (props.micProblem && props.phase === 'idle') return props.micProblem === 'errDenied' ? t('statusMicBlocked') : t(props.micProblem);
    // A guided session gives the emotion: its own words for "ready".
    if (props.phase === 'idle' && props.idleText) return props.idleText;
    return t(PHASE_TEXT[props.phase]);
  };
  return (
    <>
      <div class="status-bar" data-phase={props.phase}>
        <p role="status" aria-live="polite" class="status" classList={{ warn: reconnecting() || (!!props.micProblem && props.phase === 'idle') }}>
          {text()}
        </p>
        <Show when={props.recovered}>
          <p class="notice">{t('recoveredNotice')}</p>
        </Show>
      </div>
      {/* Outside the sticky bar, which would otherwise cover the page as it scrolls. */}
      <Show when={props.micProblem === 'errDenied' && props.phase === 'idle'}>
        <MicHelp />
      </Show>
    </>
  );
}
