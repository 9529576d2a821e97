// "Forget me", confirmed: the server erases the profile and the token (and, when ticked, every take); only
// then does the browser forget the token. Nothing happens without the confirm button.
import { createSignal, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { pt } from '../../lib/i18n/privacy';
import './privacy.css';

export interface ForgetMeDialogProps {
  /** The server call (forgetSpeaker with the token); injected so that tests can pass a named fake. */
  forget: (deleteTakes: boolean) => Promise<unknown>;
  onForgotten: () => void;
  onCancel: () => void;
}

export function ForgetMeDialog(props: ForgetMeDialogProps) {
  const [alsoTakes, setAlsoTakes] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.forget(alsoTakes());
      props.onForgotten();
    } catch (failure) {
      // 401: the token no longer works, so the server has already forgotten this speaker.
      if (failure instanceof ApiError && failure.status === 401) return props.onForgotten();
      setError(pt('forgetFailed', { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="dialog-backdrop">
      <div class="card dialog" role="dialog" aria-modal="true" aria-labelledby="forget-title">
        <h2 id="forget-title">{pt('forgetTitle')}</h2>
        <p>{pt('forgetIntro')}</p>
        <label class="check">
          <input type="checkbox" checked={alsoTakes()} disabled={busy()} onChange={(e) => setAlsoTakes(e.currentTarget.checked)} />
          {pt('forgetAlsoTakes')}
        </label>
        <Show when={!alsoTakes()}>
          <p class="hint">{pt('forgetKeepTakesNote')}</p>
        </Show>
        <Show when={error()}>{(message) => <p class="alert" role="alert">{message()}</p>}</Show>
        <div class="actions">
          <button type="button" disabled={busy()} onClick={() => props.onCancel()}>
            {pt('forgetCancel')}
          </button>
          <button type="button" class="danger" disabled={busy()} onClick={() => void confirm()}>
            {busy() ? pt('forgetBusy') : alsoTakes() ? pt('forgetConfirmWithTakes') : pt('forgetConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
