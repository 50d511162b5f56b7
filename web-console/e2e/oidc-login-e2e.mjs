#!/usr/bin/env node
// Sign-in through an organization's OpenID Connect provider in headless Chromium (the system's, through
// playwright-core), against a running server and a running provider, both on localhost; every other request is
// blocked. Prints one "step: ..." line per step done, then "oidc e2e ok". Fails on any page error, console error,
// server error (5xx) or attempted non-localhost request.
//
// Mode "both": the organization's login page shows the built-in form and the provider's button; the button leads
// to the provider's own login form, which is filled in; the return lands in the console signed in as the expected
// email; the session then ends through POST /api/v1/auth/logout, whose answer sends the browser through the
// provider's end-session endpoint back to the organization's login page.
// Mode "provider-only": the login page shows the button but no built-in form, and a bad return is explained.
//
// Usage: node e2e/oidc-login-e2e.mjs <server base URL> <organization id> <provider name> <provider username>
//        <provider password> <expected email> <both|provider-only> <screenshot folder>
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertNothingWentWrong, openLocalhostOnlyPage, step } from './harness.mjs';

const [base, organization, providerName, username, password, expectedEmail, mode, shots] = process.argv.slice(2);
if (!shots || !['both', 'provider-only'].includes(mode)) {
  console.error('usage: oidc-login-e2e.mjs <base> <organization id> <provider name> <username> <password> <email> <both|provider-only> <shots>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const loginPage = `${base}/login?organization=${encodeURIComponent(organization)}`;
// set while the script itself calls the API with an ended session, whose 401 the browser logs as an error
let expectingUnauthorized = false;
const { browser, page, blocked, consoleErrors, serverErrors } = await openLocalhostOnlyPage({
  // the provider is a test double on another port: only the console's own pages must be clean
  ignoreConsoleError: (message, page) => new URL(page.url()).origin !== new URL(base).origin
    || (expectingUnauthorized && message.text().includes('401')),
  describeConsoleError: (message, page) => `${page.url()}: ${message.text()}`,
});

try {
  try {
    if (mode === 'both') {
      await signInThroughTheProvider(page);
    } else {
      await providerOnly(page);
    }
  } catch (error) {
    await page.screenshot({ path: join(shots, `oidc-${mode}-failure.png`), fullPage: true }).catch(() => {});
    console.log(`failed at ${page.url()}; console errors so far: ${consoleErrors.join(' | ') || 'none'}`);
    throw error;
  }
  assertNothingWentWrong({ blocked, consoleErrors, serverErrors });
  step('no request left localhost, no console error, no server error');
  console.log('oidc e2e ok');
} finally {
  await browser.close();
}

function providerButton(page) {
  return page.getByRole('link', { name: `Sign in with ${providerName}` });
}

async function signInThroughTheProvider(page) {
  await page.goto(loginPage);
  await providerButton(page).waitFor();
  await page.locator('#login-form input[name=email]').waitFor();
  await page.screenshot({ path: join(shots, 'oidc-01-login-both.png') });
  step(`the login page shows the built-in form and the "Sign in with ${providerName}" button`);

  await providerButton(page).click();
  // the provider's own login form (Spring Authorization Server), on its own port
  await page.waitForURL((url) => url.origin !== new URL(base).origin && url.pathname === '/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.screenshot({ path: join(shots, 'oidc-02-provider-form.png') });
  step('the button led to the identity provider\'s login form');

  const exchanged = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/oidc/exchange'));
  await page.locator('button[type=submit]').click();
  const exchange = await exchanged;
  const answer = await exchange.json();
  if (!answer.isSuccess || answer.data.user.email !== expectedEmail) {
    throw new Error(`the one-time code exchange answered ${JSON.stringify({ ...answer, data: answer.data && { user: answer.data.user } })}`);
  }
  await page.waitForURL((url) => url.origin === new URL(base).origin && url.pathname !== '/login');
  await page.getByTestId('viewer-email').filter({ hasText: expectedEmail }).waitFor();
  if (page.url().includes('code=')) {
    throw new Error(`the one-time code stayed in the address bar: ${page.url()}`);
  }
  await page.screenshot({ path: join(shots, 'oidc-03-signed-in.png') });
  step(`the provider sent the browser back and the console signed in as ${expectedEmail}`);

  // RP-initiated logout from the console's "Sign out": the server ends the session and answers the provider's
  // end-session URL, which ends the provider's session and sends the browser back to the post-logout redirect (the
  // organization's login page)
  const token = await page.evaluate(() => sessionStorage.getItem('qalyptus.token'));
  // the answer's body is gone once the page navigates: watch the browser go to the provider's end-session endpoint
  const endSession = page.waitForRequest((request) => request.isNavigationRequest()
    && new URL(request.url()).origin !== new URL(base).origin);
  expectingUnauthorized = true; // queries still running when the session ends are refused
  await page.getByRole('button', { name: 'Sign out' }).click();
  const redirectUrl = (await endSession).url();
  if (!redirectUrl.includes('id_token_hint=') || !redirectUrl.includes('post_logout_redirect_uri=')) {
    throw new Error(`Sign out went to ${redirectUrl}`);
  }
  await page.waitForURL((url) => url.href === loginPage);
  await providerButton(page).waitFor();
  const still = await page.evaluate(async (old) => (await fetch('/api/v1/organizations', { headers: { Authorization: `Bearer ${old}` } })).status, token);
  expectingUnauthorized = false;
  if (still !== 401) {
    throw new Error(`the session is still alive after signing out (${still})`);
  }
  if (await page.evaluate(() => sessionStorage.getItem('qalyptus.token')) !== null) {
    throw new Error('the token stayed in the browser after signing out');
  }
  step('Sign out ended the session and went through the provider\'s end-session endpoint back to the login page');

  // the provider's session ended too: its button asks for the password again
  await providerButton(page).click();
  await page.waitForURL((url) => url.origin !== new URL(base).origin && url.pathname === '/login');
  await page.locator('input[name=username]').waitFor();
  step('after logout the provider asks for the password again');
}

async function providerOnly(page) {
  await page.goto(loginPage);
  await providerButton(page).waitFor();
  if (await page.locator('#login-form').count() !== 0 || await page.locator('input[name=password]').count() !== 0) {
    throw new Error('the login page shows the built-in form although the organization does not allow it');
  }
  await page.screenshot({ path: join(shots, 'oidc-04-login-provider-only.png') });
  step(`the login page shows only the "Sign in with ${providerName}" button`);

  // a return the server refuses (a made-up state) ends on the login page with its message
  await page.goto(`${base}/api/v1/auth/oidc/${encodeURIComponent(organization)}/callback?state=made-up&code=x`);
  await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('error') === 'invalid_state');
  await page.getByRole('alert').filter({ hasText: 'This sign-in link is not valid. Start signing in again.' }).waitFor();
  await providerButton(page).waitFor();
  await page.screenshot({ path: join(shots, 'oidc-05-refused-return.png') });
  step('a refused return ends on the login page with its message and the button to start again');
}
