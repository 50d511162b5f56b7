import './style.css';
import { describeHealth, type HealthOutcome } from './health.ts';
import { resolveRoute, type ViewId } from './router.ts';

const HEALTH_URL = '/actuator/health';
const HEALTH_TIMEOUT_MS = 5_000;
const HEALTH_INTERVAL_MS = 30_000;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`Missing element #${id}`);
  }
  return element as T;
}

// ---------------------------------------------------------------- routing

const VIEWS: Record<ViewId, string> = {
  home: 'view-home',
  'not-found': 'view-not-found',
};

function render(moveFocus: boolean): void {
  const route = resolveRoute(window.location.pathname);
  for (const [view, id] of Object.entries(VIEWS)) {
    byId(id).hidden = view !== route.view;
  }
  if (route.view === 'not-found') {
    byId('nf-path').textContent = route.path;
  }
  document.title = route.title;
  if (moveFocus) {
    // After an in-app navigation, put keyboard and screen-reader users at the new content.
    byId('main').focus();
  }
}

function navigate(path: string): void {
  if (path !== window.location.pathname) {
    window.history.pushState(null, '', path);
  }
  render(true);
}

// Intercept same-origin links marked data-route; every other link (API, actuator) is a normal page load.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const target = event.target instanceof Element ? event.target.closest('a[data-route]') : null;
  if (!(target instanceof HTMLAnchorElement) || target.origin !== window.location.origin) {
    return;
  }
  event.preventDefault();
  navigate(target.pathname);
});

window.addEventListener('popstate', () => render(true));

// ----------------------------------------------------------------- health

const badge = byId<HTMLSpanElement>('health-badge');
const message = byId<HTMLParagraphElement>('health-message');
const checked = byId<HTMLSpanElement>('health-checked');
const refresh = byId<HTMLButtonElement>('health-refresh');
let inFlight = false;

async function fetchHealth(): Promise<HealthOutcome> {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(new Error('timed out')), HEALTH_TIMEOUT_MS);
  try {
    const response = await fetch(HEALTH_URL, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin',
      signal: controller.signal,
    });
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null; // not JSON (e.g. a proxy error page): described as "no status"
    }
    return { kind: 'response', httpStatus: response.status, body };
  } catch (error) {
    return { kind: 'error', error: controller.signal.aborted ? new Error('timed out') : error };
  } finally {
    window.clearTimeout(timer);
  }
}

async function checkHealth(): Promise<void> {
  if (inFlight) {
    return;
  }
  inFlight = true;
  // Not `disabled`: that would drop keyboard focus from the button while checking.
  refresh.setAttribute('aria-busy', 'true');
  try {
    const view = describeHealth(await fetchHealth());
    badge.textContent = view.label;
    badge.dataset['tone'] = view.tone;
    message.textContent = view.message;
    checked.textContent = `Last checked at ${new Date().toLocaleTimeString()}`;
  } finally {
    inFlight = false;
    refresh.removeAttribute('aria-busy');
  }
}

refresh.addEventListener('click', () => void checkHealth());
window.setInterval(() => {
  if (document.visibilityState === 'visible') {
    void checkHealth();
  }
}, HEALTH_INTERVAL_MS);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    void checkHealth();
  }
});

render(false);
void checkHealth();
