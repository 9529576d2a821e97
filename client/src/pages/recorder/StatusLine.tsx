import { Show } from 'solid-js';
import { t, type MessageKey } from '../../lib/i18n';
import type { Phase } from '../../state/recorder-machine';
import type { UploadProgress } from '../../state/take-uploader';

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

/** The one live region: the phase, or the reconnecting state with what is still unconfirmed. */
export function StatusLine(props: { phase: Phase; progress: UploadProgress | null; recovered: boolean }) {
  const reconnecting = () => {
    const p = props.progress;
    return !!p && !p.connected && props.phase !== 'idle' && props.phase !== 'saved';
  };
  return (
    <div class="status-bar" data-phase={props.phase}>
      <p role="status" aria-live="polite" class="status" classList={{ warn: reconnecting() }}>
        {reconnecting() ? t('reconnecting', { n: props.progress?.unacked ?? 0 }) : t(PHASE_TEXT[props.phase])}
      </p>
      <Show when={props.recovered}>
        <p class="notice">{t('recoveredNotice')}</p>
      </Show>
    </div>
  );
}
