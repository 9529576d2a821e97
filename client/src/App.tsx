import { createEffect, createSignal, For, Match, Show, Switch } from 'solid-js';
import { LOCALES } from '@emovox/server/protocol';
import { locale, setLocale, t } from './lib/i18n';
import { DeletePage } from './pages/delete';
import { RecorderPage } from './pages/recorder';
import { currentRoute } from './router';

export function App() {
  const [forget, setForget] = createSignal<(() => void) | null>(null);
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  return (
    <>
      <header class="topbar">
        <a class="brand" href="/">
          {t('appName')}
        </a>
        <nav>
          <a href="/delete">{t('goDelete')}</a>
          <Show when={forget()}>
            {(action) => (
              <button type="button" class="link" onClick={() => action()()}>
                {t('forgetMe')}
              </button>
            )}
          </Show>
          <label class="lang">
            <span class="sr-only">{t('language')}</span>
            <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as (typeof LOCALES)[number])}>
              <For each={LOCALES}>{(code) => <option value={code}>{code === 'fr' ? 'Français' : 'English'}</option>}</For>
            </select>
          </label>
        </nav>
      </header>
      <main>
        <Switch>
          <Match when={currentRoute() === 'recorder'}>
            <RecorderPage onForgetRegister={(action) => setForget(() => action)} />
          </Match>
          <Match when={currentRoute() === 'delete'}>
            <DeletePage />
          </Match>
          <Match when={currentRoute() === 'not-found'}>
            <p class="card">
              404 · <a href="/">{t('backToRecording')}</a>
            </p>
          </Match>
        </Switch>
      </main>
    </>
  );
}
