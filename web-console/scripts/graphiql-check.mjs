#!/usr/bin/env node
// Loads GraphiQL from a running server in headless Chromium with every non-localhost request
// blocked, sets the bearer token, runs a query and waits for its result; keeps a screenshot.
// Usage: node scripts/graphiql-check.mjs <server base URL> <token> <expected text> <screenshot.png>
import { chromium } from 'playwright-core';

const [base, token, expected, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const blocked = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') {
      return route.continue();
    }
    blocked.push(route.request().url());
    return route.abort();
  });
  await page.goto(`${base}/graphiql`);
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForSelector('.graphiql-container', { timeout: 60000 });
  // the editor holds the default query; run it
  await page.waitForSelector('.graphiql-execute-button', { timeout: 60000 });
  // let the schema load with the token so the run is not racing introspection
  await page.waitForTimeout(1500);
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(
    (text) => document.querySelector('.result-window')?.textContent?.includes(text),
    expected,
    { timeout: 60000 },
  );
  await page.screenshot({ path: screenshot, fullPage: true });
  if (blocked.length > 0) {
    console.log(`blocked non-localhost requests: ${blocked.join(', ')}`);
  }
  console.log('graphiql ok');
} finally {
  await browser.close();
}
