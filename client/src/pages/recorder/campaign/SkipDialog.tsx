import { createSignal, For, onMount, Show } from 'solid-js';
import { ct, type CampaignKey } from '../../../lib/i18n/campaign';
import { SKIP_REASONS, type SkipReason } from '../../../lib/campaigns/types';

/** Skip a prompt with a reason; nothing is sent until Skip is pressed. Escape cancels. */
export function SkipDialog(props: { skip: (reason: SkipReason, note: string | null) => Promise<void>; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = createSignal<SkipReason>('unreadable');
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let first: HTMLInputElement | undefined;
  onMount(() => first?.focus());

  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.skip(reason(), note().trim() || null);
      props.onDone();
    } catch (failure) {
      setError(ct('skipFailed', { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    // The recorder's own keys (Space records, N moves on) must not act while the dialog is open.
    <div
      class="dialog-backdrop"
      on:keydown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape' && !busy()) props.onCancel();
      }}
    >
      <form class="card dialog" role="dialog" aria-modal="true" aria-labelledby="skip-title" data-testid="skip-dialog" onSubmit={(e) => void confirm(e)}>
        <h2 id="skip-title">{ct('skipTitle')}</h2>
        <fieldset class="reasons">
          <legend>{ct('skipIntro')}</legend>
          <For each={SKIP_REASONS}>
            {(value, index) => (
              <label class="check">
                <input
                  ref={(el) => index() === 0 && (first = el)}
                  type="radio"
                  name="skip-reason"
                  value={value}
                  checked={reason() === value}
                  onChange={() => setReason(value)}
                />
                {ct(`skip_${value}` as CampaignKey)}
              </label>
            )}
          </For>
        </fieldset>
        <label for="skip-note">{ct('skipNote')}</label>
        <textarea id="skip-note" rows={2} maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        <Show when={error()}>{(message) => <p class="alert" role="alert">{message()}</p>}</Show>
        <div class="actions">
          <button type="button" disabled={busy()} onClick={() => props.onCancel()}>
            {ct('skipCancel')}
          </button>
          <button type="submit" class="primary" disabled={busy()}>
            {ct('skipConfirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
