/**
 * The first data of the page that was opened, asked for as soon as the session says who is signed in —
 * while the console's code is still downloading — instead of after the page's code has arrived and
 * run. Each is a `<link rel="preload" as="fetch">` for exactly the address the page's own query asks
 * for, so that query is answered from it (as the session check is, index.html). The page's code is
 * asked for at the same moment. Only for what the user may read (deny by default: nothing is asked that
 * would only be refused).
 */
const CASE_PAGE = /^\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/;

/** The queue's first page as useQueue asks for it with no filter (QUEUE_PAGE_SIZE). */
const QUEUE_FIRST_PAGE = '/api/cases?limit=50';

export function firstDataOf(path: string, search: string): string | null {
  if (search) return null;
  if (path === '/' || path === '/queue') return QUEUE_FIRST_PAGE;
  const c = CASE_PAGE.exec(path);
  return c ? `/api/cases/${c[1]}` : null;
}

let done = false;

export function preloadFirstPage(roles: readonly string[]): void {
  if (done) return;
  done = true;
  const url = firstDataOf(window.location.pathname, window.location.search);
  if (!url) return;
  if (url !== QUEUE_FIRST_PAGE) void import('../features/cases/CasePage.js').catch(() => undefined);
  void import('../../shared/permissions.js')
    .then(({ rolesAllow }) => {
      if (!rolesAllow(roles, 'cases:read')) return;
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = url;
      document.head.append(link);
    })
    .catch(() => undefined);
}
