import { createSignal } from 'solid-js';
import { JOIN_PAGE_PATH, SUPERVISOR_PAGES, type SupervisorPage } from '@emovox/server/protocol';

/**
 * A tiny router on location.pathname: the app has a handful of pages, so a library would only
 * add weight. Supervisor pages are one lazy chunk (see App.tsx), never loaded by the recorder.
 */
// The list is shared with the server, which answers other paths with status 404.
export const SUPERVISOR_ROUTES = SUPERVISOR_PAGES;
export type SupervisorRoute = SupervisorPage;
export type Route = 'recorder' | 'delete' | 'listen' | SupervisorRoute | 'not-found';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || JOIN_PAGE_PATH.test(path)) return 'recorder';
  if (path === '/delete') return 'delete';
  if (path === '/listen') return 'listen';
  const name = path.slice(1);
  if ((SUPERVISOR_ROUTES as readonly string[]).includes(name)) return name as SupervisorRoute;
  return 'not-found';
}

export function isSupervisorRoute(route: Route): route is SupervisorRoute {
  return (SUPERVISOR_ROUTES as readonly string[]).includes(route);
}

const [pathname, setPathname] = createSignal(location.pathname);
const [search, setSearch] = createSignal(location.search);
window.addEventListener('popstate', () => {
  setPathname(location.pathname);
  setSearch(location.search);
});

export const currentRoute = () => routeOf(pathname());
/** The query string of the current page, reactive (e.g. /review?take=ID). */
export const currentSearch = search;
/** The join code of a join link (`/join/<code>`), or null. */
export const currentJoinCode = () => JOIN_PAGE_PATH.exec(pathname().replace(/\/+$/, ''))?.[1] ?? null;

/** Goes to `path` (which may carry its own query) without a reload. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = new URL(path, location.href);
  const target = url.pathname + url.search;
  if (options.replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  setPathname(url.pathname);
  setSearch(url.search);
}

/** Same-origin links navigate without a reload, keeping the query (e.g. ?lang=) when they have none. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || link.target || link.hasAttribute('download')) return;
    event.preventDefault();
    navigate(url.pathname + (url.search || location.search));
  });
}
