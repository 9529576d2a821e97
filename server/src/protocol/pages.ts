// The client's pages, by path. The server answers any other path with the client's 404 page and status 404.
export const SUPERVISOR_PAGES = ['login', 'monitor', 'review', 'sentences', 'stats', 'deletions', 'users', 'campaigns'] as const;
export type SupervisorPage = (typeof SUPERVISOR_PAGES)[number];
export const CLIENT_PAGE_PATHS: readonly string[] = ['/', '/delete', '/listen', ...SUPERVISOR_PAGES.map((page) => `/${page}`)];

/** A campaign's join link, `/join/<code>`: the recorder page, which joins that session. */
export const JOIN_PAGE_PATH = /^\/join\/([A-Za-z0-9_-]{4,64})$/;

/** `/review/` and `/review` are one page. */
export function isClientPagePath(pathname: string): boolean {
  const path = pathname.replace(/\/+$/, '') || '/';
  return CLIENT_PAGE_PATHS.includes(path) || JOIN_PAGE_PATH.test(path);
}
