import { createSignal, Show } from 'solid-js';
import { ApiError } from '../../lib/api';
import { t } from '../../lib/i18n';
import { st } from '../../lib/i18n/supervisor';
import { login } from '../../lib/supervisor-api';
import { endReason, startSession } from '../../lib/supervisor-session';

export function LoginPage() {
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      startSession(await login(email().trim(), password()));
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : 0;
      setError(
        status === 401 || status === 400
          ? st('loginFailed')
          : status === 429
            ? st('loginRateLimited')
            : t('errGeneric', { message: failure instanceof Error ? failure.message : String(failure) }),
      );
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card login" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
      <h1 id="login-title">{st('loginTitle')}</h1>
      <Show when={endReason() === 'expired'}>
        <p class="warn">{st('sessionExpired')}</p>
      </Show>
      <label>
        {st('email')}
        <input type="email" name="email" autocomplete="username" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <label>
        {st('password')}
        <input type="password" name="password" autocomplete="current-password" required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={busy()}>
        {busy() ? st('signingIn') : st('signIn')}
      </button>
      <div role="status" aria-live="polite">
        <Show when={error()}>{(message) => <p class="alert">{message()}</p>}</Show>
      </div>
    </form>
  );
}
