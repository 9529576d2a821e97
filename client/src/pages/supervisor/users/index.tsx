import { createResource, createSignal, For, Show } from 'solid-js';
import { ROLES, type Role, type UserJson } from '@emovox/server/protocol';
import { ApiError } from '../../../lib/api';
import { st } from '../../../lib/i18n/supervisor';
import { supervisorApi } from '../../../lib/supervisor-api';
import { DataTable } from '../DataTable';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';

const failureText = (error: unknown) => (error instanceof ApiError && error.status === 409 ? st('emailTaken') : errorText(error));

/** Admins: the accounts, a form to create one, and disable / enable. */
export function UsersPage() {
  const [users, { mutate }] = createResource(() => supervisorApi.users());
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [role, setRole] = createSignal<Role>('supervisor');
  const [notice, setNotice] = createSignal<{ ok: boolean; text: string } | null>(null);

  const replace = (user: UserJson) => mutate((list) => (list ?? []).map((u) => (u.id === user.id ? user : u)));

  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    try {
      const user = await supervisorApi.createUser(email().trim(), password(), role());
      mutate((list) => [...(list ?? []), user]);
      setNotice({ ok: true, text: st('userCreated', { email: user.email }) });
      setEmail('');
      setPassword('');
    } catch (error) {
      setNotice({ ok: false, text: failureText(error) });
    }
  };
  const toggle = async (user: UserJson) => {
    try {
      replace(await supervisorApi.setUserDisabled(user.id, !user.disabled));
      setNotice(null); // an earlier error no longer applies
    } catch (error) {
      setNotice({ ok: false, text: failureText(error) });
    }
  };

  return (
    <div class="users-page">
      <h1>{st('usersTitle')}</h1>
      <form class="card" onSubmit={(e) => void create(e)} aria-labelledby="create-user-title">
        <h2 id="create-user-title">{st('createUser')}</h2>
        <div class="form-row">
          <label class="grow">
            {st('email')}
            <input type="email" required autocomplete="off" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
          <label class="grow">
            {st('password')}
            <input type="password" required minLength={10} autocomplete="new-password" aria-describedby="password-hint" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
            <span id="password-hint" class="muted">
              {st('passwordHint')}
            </span>
          </label>
          <label>
            {st('role')}
            <select value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              <For each={ROLES}>{(value) => <option value={value}>{st(`role_${value}`)}</option>}</For>
            </select>
          </label>
          <button type="submit" class="primary">
            {st('create')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        <Show when={notice()}>{(n) => <p class={n().ok ? 'success' : 'alert'}>{n().text}</p>}</Show>
      </div>
      <Show when={users()} fallback={<p class="muted">{st('loading')}</p>}>
        {(rows) => (
          <DataTable
            class="users"
            rows={rows()}
            rowAttrs={(user) => ({ classList: { inactive: user.disabled } })}
            columns={[
              { header: st('email'), cell: (user) => user.email },
              { header: st('role'), cell: (user) => st(`role_${user.role}`) },
              { header: st('status'), cell: (user) => (user.disabled ? st('accountDisabled') : st('accountActive')) },
              { header: st('createdAt'), cell: (user) => formatDateTime(user.createdAt) },
              {
                header: st('actions'),
                cell: (user) => (
                  <button type="button" onClick={() => void toggle(user)} aria-label={`${user.disabled ? st('enable') : st('disable')} ${user.email}`}>
                    {user.disabled ? st('enable') : st('disable')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </Show>
    </div>
  );
}
