// The supervisor area: one lazy chunk behind a login. A missing or refused token leads to /login.
import { createEffect, ErrorBoundary, For, Match, Show, Switch } from 'solid-js';
import { t } from '../../lib/i18n';
import { LanguageSelect } from '../../lib/i18n/LanguageSelect';
import { st, type SupervisorKey } from '../../lib/i18n/supervisor';
import { logout } from '../../lib/supervisor-api';
import { session } from '../../lib/supervisor-session';
import { navigate, type SupervisorRoute } from '../../router';
import { CampaignsPage } from './campaigns';
import { DeletionsPage } from './deletions';
import { loadErrorText } from './error-text';
import { LoginPage } from './LoginPage';
import { MonitorPage } from './monitor';
import { ReviewPage } from './review';
import { SentencesPage } from './sentences';
import { StatsPage } from './stats';
import { UsersPage } from './users';
import './supervisor.css';

const PAGES: { route: SupervisorRoute; label: SupervisorKey; adminOnly?: boolean }[] = [
  { route: 'monitor', label: 'navMonitor' },
  { route: 'review', label: 'navReview' },
  { route: 'campaigns', label: 'navCampaigns' },
  { route: 'sentences', label: 'navSentences' },
  { route: 'stats', label: 'navStats' },
  { route: 'deletions', label: 'navDeletions' },
  { route: 'users', label: 'navUsers', adminOnly: true },
];

/** Where to go after login: a same-site path from ?next=, never another origin. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/monitor';
}

export default function SupervisorApp(props: { route: SupervisorRoute }) {
  createEffect(() => {
    const signedIn = !!session();
    if (!signedIn && props.route !== 'login') {
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    } else if (signedIn && props.route === 'login') {
      navigate(nextPath(location.search), { replace: true });
    }
  });
  const isAdmin = () => session()?.role === 'admin';

  return (
    <>
      <header class="topbar supervisor-bar">
        <a class="brand" href="/monitor">
          {t('appName')} <span class="area">· {st('area')}</span>
        </a>
        <nav aria-label={st('mainNav')}>
          <Show when={session()}>
            <For each={PAGES.filter((page) => !page.adminOnly || isAdmin())}>
              {(page) => (
                <a href={`/${page.route}`} aria-current={props.route === page.route ? 'page' : undefined}>
                  {st(page.label)}
                </a>
              )}
            </For>
          </Show>
          <LanguageSelect />
          <Show when={session()}>
            <button type="button" class="link" onClick={() => void logout()}>
              {st('logout')}
            </button>
          </Show>
        </nav>
      </header>
      <main class="wide">
        <Show when={session()} keyed fallback={<Show when={props.route === 'login'}><LoginPage /></Show>}>
          {(current) => (
            <ErrorBoundary
              fallback={(error: unknown, reset) => (
                <div class="card" role="alert">
                  <p class="alert">{loadErrorText(error)}</p>
                  <button type="button" onClick={reset}>
                    {st('retry')}
                  </button>
                </div>
              )}
            >
            <Switch>
              <Match when={props.route === 'monitor'}>
                <MonitorPage token={current.token} />
              </Match>
              <Match when={props.route === 'review'}>
                <ReviewPage />
              </Match>
              <Match when={props.route === 'sentences'}>
                <SentencesPage />
              </Match>
              <Match when={props.route === 'stats'}>
                <StatsPage />
              </Match>
              <Match when={props.route === 'deletions'}>
                <DeletionsPage />
              </Match>
              <Match when={props.route === 'campaigns'}>
                <CampaignsPage token={current.token} />
              </Match>
              <Match when={props.route === 'users'}>
                <Show when={current.role === 'admin'} fallback={<p class="card alert">{st('forbidden')}</p>}>
                  <UsersPage />
                </Show>
              </Match>
            </Switch>
            </ErrorBoundary>
          )}
        </Show>
      </main>
    </>
  );
}
