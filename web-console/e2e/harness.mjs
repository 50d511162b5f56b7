// What the end-to-end scripts share: headless Chromium (the system's, or $CHROMIUM, through playwright-core) with
// every request outside localhost blocked, a page that records console errors, page errors and 5xx answers, the
// "step: ..." lines the Java tests read, and the final check that nothing of that happened.
import { chromium } from 'playwright-core';

export const TIMEOUT = 60_000;

export const step = (text) => console.log(`step: ${text}`);

/**
 * Opens the browser and one page. `ignoreConsoleError(message, page)` excuses console errors a script expects (a 4xx
 * Chromium logs for a refusal the script provokes); `describeConsoleError(message, page)` words the others.
 * The caller closes `browser` (in a finally).
 */
export async function openLocalhostOnlyPage({
  acceptDownloads = false,
  ignoreConsoleError = () => false,
  describeConsoleError = (message) => message.text(),
} = {}) {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const blocked = [];
  const consoleErrors = [];
  const serverErrors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads });
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') {
        return route.continue();
      }
      blocked.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (message) => {
      if (message.type() === 'error' && !ignoreConsoleError(message, page)) {
        consoleErrors.push(describeConsoleError(message, page));
      }
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) {
        serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
      }
    });
    return { browser, context, page, blocked, consoleErrors, serverErrors };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Throws when a request left localhost, a console error was logged or the server answered 5xx. */
export function assertNothingWentWrong({ blocked, consoleErrors, serverErrors }) {
  if (blocked.length || consoleErrors.length || serverErrors.length) {
    throw new Error(`blocked: ${blocked.join(', ') || 'none'}; console errors: ${consoleErrors.join(' | ') || 'none'}; `
      + `server errors: ${serverErrors.join(', ') || 'none'}`);
  }
}
