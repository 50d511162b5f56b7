#!/usr/bin/env node
// End-to-end check of the web console against a running server, in headless Chromium (the system's, through
// playwright-core) with every request outside localhost blocked. Prints one "step: ..." line per step done and
// one "not covered: ..." line per step the server's GraphQL API cannot do yet, then "console e2e ok".
// Fails on any console error, page error, failed same-origin request (5xx) or attempted non-localhost request.
// Usage: node e2e/console-e2e.mjs <server base URL> <email> <password> <screenshot folder>
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertNothingWentWrong, openLocalhostOnlyPage, step } from './harness.mjs';

const [base, email, password, shots] = process.argv.slice(2);
if (!base || !email || !password || !shots) {
  console.error('usage: console-e2e.mjs <base> <email> <password> <screenshot folder>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const stamp = Date.now().toString(36);
const notCovered = (text) => console.log(`not covered: ${text}`);
const { browser, page, blocked, consoleErrors, serverErrors } = await openLocalhostOnlyPage({ acceptDownloads: true });

try {
  // the window, not the full page: the app's header is fixed, and a full-page capture repeats it mid-page
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
  try {
    await walk(page, shot);
  } catch (error) {
    await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
    console.log(`failed at ${page.url()}; console errors so far: ${consoleErrors.join(' | ') || 'none'}`);
    throw error;
  }
} finally {
  await browser.close();
}

async function walk(page, shot) {

  // ------------------------------------------------------------------ sign in
  await page.goto(`${base}/projects`);
  await page.waitForURL(/\/login\?next=/);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await shot('01-login');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/projects$/);
  await page.getByRole('link', { name: 'Demo', exact: true }).waitFor();
  await shot('02-projects');
  step('signed in as the bootstrap owner and landed on the projects');

  // ------------------------------------------------------------------ project
  const projectName = `E2E project ${stamp}`;
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(projectName);
  await page.getByRole('dialog').getByLabel('Description').fill('Made by the console end-to-end suite');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: projectName }).waitFor();
  const projectUrl = page.url();
  step(`created the project "${projectName}"`);

  // a reload on a deep route lands on the same screen
  await page.reload();
  await page.getByRole('heading', { name: projectName }).waitFor();
  step('reloaded the project page on its deep route');

  // validation errors from userErrors are shown next to the field
  await page.getByRole('button', { name: 'New report' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('bad/name?');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByRole('dialog').locator('.mantine-InputWrapper-error, [role=alert]').first().waitFor();
  step('a refused report name shows the server\'s message in the form');

  // ------------------------------------------------------------------ report on the demo app
  const reportName = `E2E sales ${stamp}`;
  await page.getByRole('dialog').getByLabel('Name').fill(reportName);
  await page.getByRole('dialog').getByLabel('Start from').click();
  await page.getByRole('option', { name: /A copy of Sales by region/ }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: reportName }).waitFor();
  await page.getByText(/Apps: (?!none)/).waitFor();
  await shot('03-report');
  step(`created the HTML report "${reportName}" on the demo app (a copy of Sales by region)`);
  const editor = page.locator('.cm-content');
  await editor.or(page.getByText('The template could not be read.')).first().waitFor();
  if (await editor.count()) {
    const preview = page.frameLocator('iframe[title="Preview"]');
    // the first preview renders the copied demo template
    await preview.getByText('Sales by region').first().waitFor({ timeout: 120_000 });
    await editor.click();
    await page.keyboard.press('Control+End');
    const marker = `E2E marker ${stamp}`;
    await page.keyboard.insertText(`<p id="e2e-marker">${marker}</p>`);
    await preview.getByText(marker).waitFor({ timeout: 120_000 });
    step('edited the HTML template and saw the live preview change');
    await page.getByText('Insert from the app').waitFor();
    const item = page.getByTestId('template-item').first();
    const expressions = () => page.evaluate(() => (document.querySelector('.cm-content')?.textContent ?? '').split('${').length);
    const before = await expressions();
    await item.click();
    await page.waitForFunction((count) => (document.querySelector('.cm-content')?.textContent ?? '').split('${').length > count, before);
    step(`inserted an app item from the template items browser (${await item.getAttribute('aria-label')})`);
    await shot('04-template-editor');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved.').waitFor();
    step('saved the template');
    const settings = page.getByRole('form', { name: 'Report settings' });
    const addField = page.locator('[aria-label="Iteration fields"]').getByLabel('Add a field');
    await addField.click();
    await addField.fill('regi');
    await page.getByRole('option', { name: 'region', exact: true }).click();
    await page.getByTestId('iteration-field').filter({ hasText: 'region' }).waitFor();
    await settings.getByRole('switch', { name: /One file per value/ }).check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved.', { exact: true }).waitFor();
    step('made the report iterate on the field "region" picked from the app');
  } else {
    notCovered('template editing and live preview: the GraphQL report editing operations (reportEditor, previewReport) are not in this build');
  }

  // ------------------------------------------------------------------ filter
  await page.goto(projectUrl.replace(/\/?(reports)?$/, '') + '/filters');
  const filterName = `E2E filter ${stamp}`;
  await page.getByRole('button', { name: 'New filter' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(filterName);
  await page.getByRole('dialog').getByLabel('App', { exact: true }).click();
  await page.getByRole('option', { name: /Sales demo/ }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: filterName }).waitFor();
  step(`created the filter "${filterName}" on the demo app`);
  // the field is picked from the app's fields, with search; the values are typed and checked by the server
  await page.getByTestId('app-item-picker').click();
  await page.getByTestId('app-item-picker').fill('regi');
  await page.getByRole('option', { name: 'region', exact: true }).click();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('form', { name: 'Add a filter item' }).getByText('must list at least one value').first().waitFor();
  step('adding the field without a value is refused with the server\'s message');
  const picker = page.getByTestId('value-picker');
  await picker.getByRole('textbox', { name: 'Search the values' }).fill('eur');
  await picker.getByRole('checkbox', { name: 'Europe', exact: true }).check();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByTestId('filter-item').filter({ hasText: 'Europe' }).waitFor();
  step('added the field "region" with the value Europe picked from the app\'s searchable list of values');
  await shot('05-filter');
  // a bookmark is picked from the app's bookmarks by name (read from the app itself), then removed again
  const addItem = page.getByRole('form', { name: 'Add a filter item' });
  await addItem.getByText('Bookmark', { exact: true }).click();
  await page.getByTestId('app-item-picker').click();
  await page.getByTestId('app-item-picker').fill('bikes');
  await page.getByRole('option', { name: 'Europe bikes', exact: true }).click();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const bookmarkItem = page.getByTestId('filter-item').filter({ hasText: 'Europe bikes' });
  await bookmarkItem.waitFor();
  await bookmarkItem.getByRole('button', { name: /^Remove/ }).click();
  await bookmarkItem.waitFor({ state: 'detached' });
  step('added the bookmark "Europe bikes" picked from the app\'s searchable list of bookmarks, and removed it again');

  // ------------------------------------------------------------------ condition
  await page.goto(projectUrl.replace(/\/?(reports)?$/, '') + '/conditions');
  const conditionName = `E2E condition ${stamp}`;
  await page.getByRole('button', { name: 'New condition' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(conditionName);
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: conditionName }).waitFor();
  await page.getByRole('button', { name: 'Add a rule' }).click();
  const rule = page.getByRole('form', { name: 'Add a rule' });
  await rule.getByLabel('Rule name').fill('Enough units');
  await rule.getByLabel(/^App/).click();
  await page.getByRole('option', { name: /Sales demo/ }).first().click();
  await rule.getByLabel('Expression', { exact: true }).fill('=Sum(units)');
  await rule.getByLabel('Operator').click();
  await page.getByRole('option', { name: '>', exact: true }).click();
  await rule.getByLabel('Pick the value from a field').click();
  await rule.getByLabel('Pick the value from a field').fill('unit');
  await page.getByRole('option', { name: 'units', exact: true }).click();
  const unitValues = rule.getByTestId('value-picker');
  await unitValues.getByRole('radio').first().waitFor();
  const picked = (await unitValues.getByRole('radio').first().getAttribute('value')) ?? '';
  await unitValues.getByRole('radio').first().check();
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await page.getByTestId('condition-rule').filter({ hasText: 'Enough units' }).filter({ hasText: picked }).waitFor();
  await shot('05b-condition');
  step(`created the condition "${conditionName}" with a rule comparing =Sum(units) with ${picked}, picked from the field's values`);

  // ------------------------------------------------------------------ task
  await page.goto(projectUrl.replace(/\/?(reports)?$/, '') + '/tasks');
  const taskName = `E2E task ${stamp}`;
  await page.getByRole('button', { name: 'New task' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(taskName);
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: taskName }).waitFor();
  await page.getByRole('switch', { name: 'Enabled' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  step(`created the task "${taskName}" and enabled it`);

  const addReport = page.getByRole('form', { name: 'Add a report to the task' });
  await addReport.getByLabel('Report', { exact: true }).click();
  await page.getByRole('option', { name: new RegExp(reportName) }).click();
  await addReport.getByLabel('Format', { exact: true }).click();
  await page.getByRole('option', { name: 'Pdf', exact: true }).click();
  await addReport.getByRole('combobox', { name: 'Filters' }).click();
  await page.getByRole('option', { name: filterName }).click();
  await page.keyboard.press('Escape');
  await addReport.getByRole('button', { name: 'Add report' }).click();
  await page.getByRole('row').filter({ hasText: reportName }).filter({ hasText: 'Pdf' }).filter({ hasText: filterName }).waitFor();
  step('added the report to the task as PDF with the filter, published on the hub');

  const recipients = page.getByRole('form', { name: 'Add recipients' });
  await recipients.getByLabel('Email addresses').fill(email);
  await recipients.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('listitem').filter({ hasText: email }).first().waitFor();
  step(`added the recipient ${email}`);

  const schedule = page.getByRole('form', { name: 'Add a schedule' });
  await schedule.getByRole('button', { name: 'Add schedule' }).click();
  await page.getByTestId('next-runs').locator('li').nth(4).waitFor();
  const runs = await page.getByTestId('next-runs').locator('li').allTextContents();
  step(`added a daily schedule; its next 5 runs are shown (${runs[0]} ... ${runs[4]})`);
  const emailForm = page.getByRole('form', { name: 'Task email' });
  await emailForm.getByRole('switch', { name: 'Send the email' }).check();
  await emailForm.getByLabel('From').fill('reports@qalyptus.local');
  await emailForm.getByLabel('Subject').fill('Sales {{ReportName}} of {{Date}}');
  await emailForm.getByLabel('Message').fill('Hello, here is {{ReportName}}.');
  await emailForm.getByTestId('email-preview').getByText('Sales Sales by region of').waitFor();
  await emailForm.getByRole('button', { name: 'Save email' }).click();
  await emailForm.getByText('Email saved.').waitFor();
  step('set the task email: a subject with the {{ReportName}} and {{Date}} placeholders, previewed with sample values');
  await page.waitForTimeout(700); // the task is read again after the email is saved; let that land before editing the settings
  const taskSettings = page.getByRole('form', { name: 'Task settings' });
  await taskSettings.getByRole('switch', { name: 'Test mode' }).check();
  await taskSettings.getByLabel('Test mode recipients').fill('test-inbox@example.com');
  await taskSettings.getByRole('button', { name: 'Save', exact: true }).click();
  await taskSettings.getByText('Saved.', { exact: true }).waitFor();
  step('enabled test mode with a test address');
  await page.getByRole('button', { name: /^Options of / }).first().click();
  const options = page.getByRole('region', { name: 'Task report options' }).or(page.locator('[aria-label="Task report options"]')).first();
  await options.getByRole('checkbox', { name: 'Zip the files of an email' }).check();
  await options.getByRole('button', { name: 'Save report options' }).click();
  await page.locator('[aria-label="Task report options"]').waitFor({ state: 'detached' });
  step('picked the iteration option "zip the files of an email" on the task report');
  await shot('06-task');

  // ------------------------------------------------------------------ run, watch, download
  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await page.getByLabel('Search tasks').fill(taskName);
  await page.getByRole('link', { name: taskName }).waitFor();
  await shot('07-tasks');
  await page.getByRole('button', { name: `Run ${taskName}` }).click();
  await page.waitForURL(/\/status\/[0-9a-f-]+$/);
  const detail = page.getByTestId('execution-detail');
  await detail.waitFor();
  step(`ran the task "${taskName}" from the task list`);
  await page.waitForFunction(() => {
    const status = document.querySelector('[data-testid=execution-detail]')?.getAttribute('data-status');
    return status === 'completed' || status === 'warning' || status === 'failed' || status === 'aborted';
  }, null, { timeout: 240_000 });
  const status = await detail.getAttribute('data-status');
  await shot('08-status');
  if (status !== 'completed' && status !== 'warning') {
    throw new Error(`the run ended ${status}: ${await detail.textContent()}`);
  }
  step(`watched the run to "${status}" through the live subscription`);
  const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Download', exact: true }).click()]);
  const saved = join(shots, `download-${download.suggestedFilename()}`);
  await download.saveAs(saved);
  const size = statSync(saved).size;
  const head = readFileSync(saved).subarray(0, 5).toString('latin1');
  // the report iterates: one PDF, or a zip of PDFs when several values make files
  if (size < 100 || (head !== '%PDF-' && !head.startsWith('PK'))) {
    throw new Error(`the downloaded file is ${size} bytes and starts with ${JSON.stringify(head)}`);
  }
  step(`downloaded ${download.suggestedFilename()} (${size} bytes, ${head.startsWith('PK') ? 'a zip' : 'a PDF'})`);
  const logs = page.getByTestId('execution-logs');
  await logs.getByTestId('log-lines').waitFor();
  const logCount = await logs.getByText(/of \d+ lines/).textContent();
  await logs.getByText('SMTP log', { exact: true }).click();
  await logs.getByTestId('smtp-lines').or(logs.getByText(/No SMTP conversation/)).first().waitFor();
  await shot('08b-logs');
  step(`opened the run's log (${logCount}) and its SMTP log`);

  // reload on the status deep route
  await page.reload();
  await page.getByTestId('execution-detail').waitFor();
  step('reloaded the status page on the run\'s route');

  // ------------------------------------------------------------------ hub and administration
  await page.getByRole('link', { name: 'Hub', exact: true }).click();
  await page.getByRole('heading', { name: 'Hub' }).waitFor();
  await page.getByTestId('hub-file').filter({ hasText: taskName }).first().waitFor();
  const [hubDownload] = await Promise.all([page.waitForEvent('download'),
    page.getByTestId('hub-file').filter({ hasText: taskName }).first().getByRole('button', { name: /Download/ }).click()]);
  step(`saw the file in the hub as the recipient and downloaded it (${hubDownload.suggestedFilename()})`);
  await shot('09-hub');
  await page.getByRole('link', { name: 'Administration', exact: true }).click();
  await page.getByRole('tab', { name: /Users/ }).waitFor();
  await page.getByText(email).first().waitFor();
  await shot('10-admin');
  step('opened the administration (users listed)');

  // ------------------------------------------------------------------ per-asset permissions
  await page.goto(projectUrl.replace(/\/?(reports)?$/, '') + '/permissions');
  await page.getByText('Customizable', { exact: true }).click();
  await page.getByText('may have permissions of their own').waitFor();
  await page.goto(projectUrl.replace(/\/?(reports)?$/, '') + '/reports');
  await page.getByRole('link', { name: reportName }).click();
  const permissions = page.locator('[aria-label="Permissions of this item"]');
  await permissions.getByRole('button', { name: 'Add members' }).click();
  await page.getByRole('dialog').getByLabel('User or group').click();
  const groupOptions = page.getByRole('option', { name: /^Group: / });
  await page.getByRole('option').first().waitFor();
  await ((await groupOptions.count()) > 0 ? groupOptions.first() : page.getByRole('option').first()).click();
  await page.getByRole('dialog').getByRole('checkbox', { name: 'View report' }).check();
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await permissions.getByTestId('asset-permissions').getByText('View report').waitFor();
  await shot('10b-report-permissions');
  step('in customizable mode, gave a member "View report" on the report itself');

  // ------------------------------------------------------------------ tablet width
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.goto(projectUrl);
  await page.getByRole('heading', { name: projectName }).waitFor();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) {
    throw new Error(`the project page is ${overflow} px wider than an 800 px window`);
  }
  await shot('11-project-800px');
  step('the project page fits an 800 px window');

  // ------------------------------------------------------------------ the session ends on 401
  await page.evaluate(() => sessionStorage.setItem('qalyptus.token', 'not-a-valid-token'));
  consoleErrors.length = 0; // the refused request below is expected to be logged by the browser
  await page.goto(`${base}/tasks`);
  await page.waitForURL(/\/login\?next=%2Ftasks/);
  step('a refused token sends the user back to the login page, remembering the page');
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((text) => !/401|Unauthorized/i.test(text)));

  assertNothingWentWrong({ blocked, consoleErrors, serverErrors });
  step('no request left localhost, no console error, no server error');
  console.log('console e2e ok');
}
