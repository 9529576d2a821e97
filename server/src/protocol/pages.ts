// The client's pages, by path. The server answers any other path with the client's 404 page and status 404.
export const SUPERVISOR_PAGES = ['login', 'monitor', 'review', 'sentences', 'stats', 'deletions', 'users'] as const;
export type SupervisorPage = (typeof SUPERVISOR_PAGES)[number];
export const CLIENT_PAGE_PATHS: readonly string[] = ['/', '/delete', '/listen', ...SUPERVISOR_PAGES.map((page) => `/${page}`)];

/** `/review/` and `/review` are one page. */
export function isClientPagePath(pathname: string): boolean {
  return CLIENT_PAGE_PATHS.includes(pathname.replace(/\/+$/, '') || '/');
}
