import { createSignal } from 'solid-js';

/**
 * A tiny router on location.pathname: the speaker app has two pages, so a library would only
 * add weight. Supervisor pages (/monitor, /review, /sentences, /stats) will be lazy routes here.
 */
export type Route = 'recorder' | 'delete' | 'not-found';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return 'recorder';
  if (path === '/delete') return 'delete';
  return 'not-found';
}

const [pathname, setPathname] = createSignal(location.pathname);
window.addEventListener('popstate', () => setPathname(location.pathname));

export const currentRoute = () => routeOf(pathname());

/** Same-origin links navigate without a reload, keeping the query (e.g. ?lang=). */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || link.target) return;
    event.preventDefault();
    history.pushState(null, '', url.pathname + (url.search || location.search));
    setPathname(url.pathname);
  });
}
