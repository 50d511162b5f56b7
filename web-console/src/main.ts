import './style.css';
import { describeHealth, type HealthOutcome } from './health.ts';
import { resolveRoute, type ViewId } from './router.ts';
import { describeSsoError, parseLoginReturn, TOKEN_KEY, type LoginOptions } from './login.ts';

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
  login: 'view-login',
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
  if (route.view === 'login') {
    void showLogin();
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

// ------------------------------------------------------------------ login

const loginMessage = byId<HTMLParagraphElement>('login-message');
const loginForm = byId<HTMLFormElement>('login-form');
const providerList = byId<HTMLUListElement>('login-providers');

interface Envelope<T> {
  data: T | null;
  isSuccess: boolean;
  error: string | null;
}

async function postJson<T>(url: string, body: unknown): Promise<Envelope<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Envelope<T>;
}

function signedIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  loginMessage.textContent = 'You are signed in.';
  loginMessage.dataset['tone'] = 'up';
}

async function showLogin(): Promise<void> {
  const back = parseLoginReturn(window.location.search, window.location.hash);
  loginMessage.textContent = '';
  delete loginMessage.dataset['tone'];
  if (back.code) {
    // Drop the one-time code from the address bar and history before using it.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const answer = await postJson<{ token: string }>('/api/v1/auth/oidc/exchange', { code: back.code });
    if (answer.isSuccess && answer.data) {
      signedIn(answer.data.token);
    } else {
      loginMessage.textContent = answer.error ?? describeSsoError('');
      loginMessage.dataset['tone'] = 'down';
    }
  } else if (back.error) {
    loginMessage.textContent = describeSsoError(back.error);
    loginMessage.dataset['tone'] = 'down';
  }
  const query = back.organization ? `?organization=${encodeURIComponent(back.organization)}` : '';
  const response = await fetch(`/api/v1/auth/login-options${query}`, { headers: { Accept: 'application/json' } });
  const options = ((await response.json()) as Envelope<LoginOptions>).data;
  providerList.replaceChildren();
  loginForm.hidden = !(options?.qalyptusAuth ?? true);
  for (const provider of options?.identityProviders ?? []) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.className = 'button';
    link.href = provider.loginUrl;
    link.textContent = `Sign in with ${provider.name}`;
    item.append(link);
    providerList.append(item);
  }
}

loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(loginForm);
  void postJson<{ token: string }>('/api/v1/login', { email: data.get('email'), password: data.get('password') }).then(
    (answer) => {
      if (answer.isSuccess && answer.data) {
        signedIn(answer.data.token);
      } else {
        loginMessage.textContent = answer.error ?? 'Signing in did not work.';
        loginMessage.dataset['tone'] = 'down';
      }
    },
  );
});

render(false);
void checkHealth();
