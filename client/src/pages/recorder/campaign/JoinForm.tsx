import { createSignal, Show } from 'solid-js';
import { ApiError } from '../../../lib/api';
import { ct } from '../../../lib/i18n/campaign';

/** "Join a session": a code field on the recorder page. */
export function JoinForm(props: { onJoin: (code: string) => Promise<void>; open?: boolean }) {
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!code().trim()) return;
    setBusy(true);
    setError(null);
    try {
      await props.onJoin(code().trim());
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) setError(ct('joinNotFound'));
      else setError(ct('joinFailed', { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="card join" open={props.open} data-testid="join-session">
      <summary>{ct('joinTitle')}</summary>
      <form class="join-form" onSubmit={(event) => void submit(event)}>
        <label for="join-code">{ct('joinCode')}</label>
        <input id="join-code" type="text" autocomplete="off" spellcheck={false} value={code()} onInput={(e) => setCode(e.currentTarget.value)} aria-describedby="join-hint" />
        <button type="submit" class="primary" disabled={busy() || !code().trim()}>
          {busy() ? ct('joining') : ct('joinButton')}
        </button>
      </form>
      <p class="hint" id="join-hint">{ct('joinHint')}</p>
      <Show when={error()}>{(message) => <p class="alert" role="alert">{message()}</p>}</Show>
    </details>
  );
}
