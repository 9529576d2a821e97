// A typed redo request for one take (POST /takes/:id/redo), from the monitor and from review.
import { createSignal, For, onMount, Show } from 'solid-js';
import type { TakeJson } from '@emovox/server/protocol';
import { cst, type CampaignsKey } from '../../lib/i18n/campaigns';
import { campaignApi } from '../../lib/campaigns/supervisor-api';
import { REDO_REASONS, type RedoReason } from '../../lib/campaigns/types';
import { errorText } from './error-text';
import '../recorder/privacy.css';

export interface RedoDialogProps {
  takeId: string;
  /** The server call; the real one by default, a named fake in component tests. */
  send?: (takeId: string, reason: RedoReason, note: string | null) => Promise<TakeJson>;
  onSent: (take: TakeJson, reason: RedoReason) => void;
  onCancel: () => void;
}

export function RedoDialog(props: RedoDialogProps) {
  const [reason, setReason] = createSignal<RedoReason>('clipping');
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let first: HTMLInputElement | undefined;
  onMount(() => first?.focus());
  const send = props.send ?? campaignApi.redo;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSent(await send(props.takeId, reason(), note().trim() || null), reason());
    } catch (failure) {
      setError(cst('failed', { message: errorText(failure) }));
    } finally {
      setBusy(false);
    }
  };

  // The page's own shortcuts (review's a/r/j/k) must not act while this dialog is open.
  const keep = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape' && !busy()) props.onCancel();
  };

  return (
    <div class="dialog-backdrop" on:keydown={keep}>
      <form class="card dialog" role="dialog" aria-modal="true" aria-labelledby="redo-dialog-title" data-testid="redo-dialog" onSubmit={(e) => void submit(e)}>
        <h2 id="redo-dialog-title">{cst('redoTitle')}</h2>
        <p class="muted">{cst('redoIntro')}</p>
        <fieldset class="reasons">
          <legend>{cst('redoReason')}</legend>
          <For each={REDO_REASONS}>
            {(value, index) => (
              <label class="inline">
                <input ref={(el) => index() === 0 && (first = el)} type="radio" name="redo-reason" value={value} checked={reason() === value} onChange={() => setReason(value)} />
                {cst(`redo_${value}` as CampaignsKey)}
              </label>
            )}
          </For>
        </fieldset>
        <label>
          {cst('redoNote')}
          <textarea rows={2} maxLength={2000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <Show when={error()}>{(message) => <p class="alert" role="alert">{message()}</p>}</Show>
        <div class="actions">
          <button type="button" disabled={busy()} onClick={() => props.onCancel()}>
            {cst('cancel')}
          </button>
          <button type="submit" class="primary" disabled={busy()}>
            {cst('redoSend')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** A button that opens the dialog, and says what was sent. */
export function RedoButton(props: { takeId: string; label?: string; onSent?: (take: TakeJson) => void }) {
  const [open, setOpen] = createSignal(false);
  const [sent, setSent] = createSignal<string | null>(null);
  let button: HTMLButtonElement | undefined;
  const closeDialog = () => {
    setOpen(false);
    button?.focus();
  };
  return (
    <span class="redo-request">
      <button ref={button} type="button" class="link" data-testid="redo-button" data-take={props.takeId} onClick={() => setOpen(true)} aria-label={props.label}>
        {cst('redo')}
      </button>
      <span class="sr-only" role="status">{sent() ?? ''}</span>
      <Show when={sent()}>{(text) => <span class="muted" aria-hidden="true" data-testid="redo-sent">{text()}</span>}</Show>
      <Show when={open()}>
        <RedoDialog
          takeId={props.takeId}
          onCancel={closeDialog}
          onSent={(take, reason) => {
            setSent(cst('redoSent', { reason: cst(`redo_${reason}` as CampaignsKey) }));
            closeDialog();
            props.onSent?.(take);
          }}
        />
      </Show>
    </span>
  );
}
