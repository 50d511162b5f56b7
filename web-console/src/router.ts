/**
 * A tiny client-side router: maps `location.pathname` to the view to render.
 *
 * The server answers every console path with index.html (history-API fallback),
 * so a reload on any route lands here and is resolved again. Paths owned by the
 * server (REST API, actuator, GraphQL) are never console routes.
 */

export type ViewId = 'home' | 'login' | 'not-found';

export interface Route {
  readonly view: ViewId;
  /** Normalised path: leading slash, no trailing slash (except the root), no duplicate slashes. */
  readonly path: string;
  /** Document title for this view. */
  readonly title: string;
}

export const APP_NAME = 'Qalyptus OSS';

/** Path prefixes served by the backend, not by the console. */
export const SERVER_PREFIXES: readonly string[] = ['/api', '/actuator', '/graphql', '/graphiql'];

const ROUTES: ReadonlyMap<string, { view: ViewId; title: string }> = new Map([
  ['/', { view: 'home', title: APP_NAME }],
  ['/index.html', { view: 'home', title: APP_NAME }],
  ['/login', { view: 'login', title: `Sign in · ${APP_NAME}` }],
]);

/** Collapses duplicate slashes, strips a trailing slash and ensures a leading one. */
export function normalizePath(pathname: string): string {
  let path = pathname.trim();
  if (!path.startsWith('/')) {
    path = `/${path}`;
  }
  path = path.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) {
    path = path.slice(0, -1);
  }
  return path;
}

/** True when the path belongs to the server (so links to it must be full page loads). */
export function isServerPath(pathname: string): boolean {
  const path = normalizePath(pathname);
  return SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** Resolves a pathname (e.g. `location.pathname`) to the view that renders it. */
export function resolveRoute(pathname: string): Route {
  const path = normalizePath(pathname);
  const known = ROUTES.get(path);
  if (known) {
    return { view: known.view, path: path === '/index.html' ? '/' : path, title: known.title };
  }
  return { view: 'not-found', path, title: `Page not found · ${APP_NAME}` };
}
