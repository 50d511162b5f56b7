/**
 * The console's routes. The server answers each section below (and everything under it) with index.html, so a reload
 * or a bookmark on any route lands on the app again; see LoginPageForward on the server, which lists the same
 * sections. Paths owned by the server (REST API, actuator, GraphQL, GraphiQL, OpenAPI, assets) are never console
 * routes.
 */

/** The top-level sections the server must answer with the console's page. */
export const SECTIONS = ['login', 'projects', 'reports', 'filters', 'conditions', 'tasks', 'status', 'hub', 'admin'] as const;

/** Path prefixes served by the backend, not by the console. */
export const SERVER_PREFIXES: readonly string[] = ['/api', '/actuator', '/graphql', '/graphiql', '/v3/api-docs', '/assets'];

export const APP_NAME = 'Qalyptus OSS';

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

/** True when a reload on this path gets the console's page from the server. */
export function isConsolePath(pathname: string): boolean {
  const path = normalizePath(pathname);
  if (path === '/' || path === '/index.html') {
    return true;
  }
  const first = path.split('/')[1] ?? '';
  return (SECTIONS as readonly string[]).includes(first);
}

/** Where to go after signing in: only a console path of this origin, never an open redirect. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  const path = next.split(/[?#]/)[0] ?? '/';
  return isConsolePath(path) && normalizePath(path) !== '/login' ? next : '/';
}

// Builders, so links and navigations never spell paths by hand.
const id = (value: string) => encodeURIComponent(value);
export const paths = {
  home: () => '/',
  login: () => '/login',
  projects: () => '/projects',
  project: (projectId: string, tab?: string) => `/projects/${id(projectId)}${tab ? `/${tab}` : ''}`,
  reports: () => '/reports',
  report: (reportId: string) => `/reports/${id(reportId)}`,
  filter: (filterId: string) => `/filters/${id(filterId)}`,
  condition: (conditionId: string) => `/conditions/${id(conditionId)}`,
  tasks: () => '/tasks',
  task: (taskId: string) => `/tasks/${id(taskId)}`,
  status: () => '/status',
  execution: (executionId: string) => `/status/${id(executionId)}`,
  hub: () => '/hub',
  admin: (tab?: string) => `/admin${tab ? `/${tab}` : ''}`,
};

/** The document title of a page. */
export function pageTitle(...parts: string[]): string {
  return [...parts.filter((part) => part.trim() !== ''), APP_NAME].join(' · ');
}
