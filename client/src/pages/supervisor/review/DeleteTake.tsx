import { createSignal, Show } from 'solid-js';
import { st } from '../../../lib/i18n/supervisor';

/**
 * "Delete", then an explicit confirmation: deleting cannot be undone. Focus lands on Cancel, so a
 * stray Enter or space keeps the take.
 */
export function DeleteTake(props: { busy: boolean; onDelete: () => void }) {
  const [confirming, setConfirming] = createSignal(false);
  return (
    <div class="delete-take" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
      <Show
        when={confirming()}
        fallback={
          <button type="button" class="delete-quiet" aria-label={st('deleteTake')} disabled={props.busy} onClick={() => setConfirming(true)}>
            {st('deleteTake')}
          </button>
        }
      >
        <p id="delete-confirm-text" role="alert">
          {st('deleteConfirm')}
        </p>
        <button type="button" class="danger" aria-describedby="delete-confirm-text" disabled={props.busy} onClick={() => props.onDelete()}>
          {props.busy ? st('deleting') : st('deleteConfirmButton')}
        </button>
        <button type="button" ref={(button) => queueMicrotask(() => button.focus())} onClick={() => setConfirming(false)}>
          {st('cancel')}
        </button>
      </Show>
    </div>
  );
}
