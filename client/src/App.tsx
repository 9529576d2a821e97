import { createEffect, createSignal, lazy, Match, Show, Suspense, Switch } from 'solid-js';
import { locale, t } from './lib/i18n';
import { LanguageSelect } from './lib/i18n/LanguageSelect';
import { DeletePage } from './pages/delete';
import { NotFoundPage } from './pages/not-found';
import { RecorderPage } from './pages/recorder';
import { currentJoinCode, currentRoute, isSupervisorRoute } from './router';

// The supervisor pages are one lazy chunk: the recorder page never downloads them.
const SupervisorApp = lazy(() => import('./pages/supervisor'));
// So is the listening page (/listen).
const ListenPage = lazy(() => import('./pages/listen'));

export function App() {
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  const supervisorRoute = () => {
    const route = currentRoute();
    return isSupervisorRoute(route) ? route : null;
  };
  return (
    <Show when={supervisorRoute()} fallback={<SpeakerApp />}>
      {(route) => (
        <Suspense fallback={<p class="card loading-page">…</p>}>
          <SupervisorApp route={route()} />
        </Suspense>
      )}
    </Show>
  );
}

function SpeakerApp() {
  const [forget, setForget] = createSignal<(() => void) | null>(null);
  return (
    <>
      <header class="topbar">
        <a class="brand" href="/">
          {t('appName')}
        </a>
        <nav>
          <Show when={currentRoute() === 'listen'} fallback={<a href="/listen">{t('goListen')}</a>}>
            <a href="/">{t('goRecord')}</a>
          </Show>
          <a href="/delete">{t('goDelete')}</a>
          <Show when={forget()}>
            {(action) => (
              <button type="button" class="link" onClick={() => action()()}>
                {t('forgetMe')}
              </button>
            )}
          </Show>
          <LanguageSelect />
        </nav>
      </header>
      <main>
        <Switch>
          <Match when={currentRoute() === 'recorder'}>
            <RecorderPage onForgetRegister={(action) => setForget(() => action)} joinCode={currentJoinCode()} />
          </Match>
          <Match when={currentRoute() === 'delete'}>
            <DeletePage />
          </Match>
          <Match when={currentRoute() === 'listen'}>
            <Suspense fallback={<p class="card loading-page">…</p>}>
              <ListenPage />
            </Suspense>
          </Match>
          <Match when={currentRoute() === 'not-found'}>
            <NotFoundPage />
          </Match>
        </Switch>
      </main>
    </>
  );
}
