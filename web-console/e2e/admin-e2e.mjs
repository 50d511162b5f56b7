#!/usr/bin/env node
// End-to-end check of the console's administration against a running server, in headless Chromium (the system's,
// through playwright-core) with every request outside localhost blocked. Prints one "step: ..." line per step done,
// then "admin e2e ok". Fails on any console error, page error, 5xx answer or attempted non-localhost request.
// Usage: node e2e/admin-e2e.mjs <base> <email> <password> <screenshot folder> <bad .xlsx> <good .xlsx>
//          <SMTP port on 127.0.0.1> <test mail address> <storage root folder>
// The two workbooks hold the same users (IMPORTED below); the bad one has one wrong row (row 3).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertNothingWentWrong, openLocalhostOnlyPage, step } from './harness.mjs';

const [base, email, password, shots, badXlsx, goodXlsx, smtpPort, mailTo, storageRoot] = process.argv.slice(2);
if (!storageRoot) {
  console.error('usage: admin-e2e.mjs <base> <email> <password> <screenshot folder> <bad.xlsx> <good.xlsx> <smtp port> <mail to> <storage root>');
  process.exit(2);
}
const IMPORTED = ['alice.import@example.com', 'bob.import@example.com'];
const BAD_ROW = 3;
mkdirSync(shots, { recursive: true });
const stamp = Date.now().toString(36);
const { browser, page, blocked, consoleErrors, serverErrors } = await openLocalhostOnlyPage({
  acceptDownloads: true,
  // the refused workbook is a 400 by design; Chromium logs every 4xx answer as a console error
  ignoreConsoleError: (message) => /status of 400/.test(message.text()) && /\/api\/v1\/users\/import$/.test(message.location().url ?? ''),
  describeConsoleError: (message) => `${message.text()} (${message.location().url ?? ''})`,
});

try {
  const shot = (name) => page.screenshot({ path: join(shots, `admin-${name}.png`) });
  try {
    await walk(page, shot);
  } catch (error) {
    await page.screenshot({ path: join(shots, 'admin-failure.png'), fullPage: true }).catch(() => {});
    console.log(`failed at ${page.url()}; console errors so far: ${consoleErrors.join(' | ') || 'none'}`);
    throw error;
  }
} finally {
  await browser.close();
}

async function openTab(page, name) {
  await page.getByRole('tab', { name, exact: true }).click();
}

async function walk(page, shot) {
  // ------------------------------------------------------------------ sign in
  await page.goto(`${base}/admin/users`);
  await page.waitForURL(/\/login\?next=/);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/admin\/users$/);
  await page.getByRole('table', { name: 'Users' }).getByText(email).first().waitFor();
  step('signed in as the bootstrap owner and landed on the administration\'s users');

  // ------------------------------------------------------------------ invite
  const invitee = `invited-${stamp}@example.com`;
  await page.getByRole('button', { name: 'Invite users' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite users' });
  await invite.getByLabel('Email addresses').fill(invitee);
  await invite.getByRole('button', { name: 'Invite', exact: true }).click();
  await invite.getByTestId('invited-users').getByText(invitee).waitFor();
  await shot('invite');
  await invite.getByRole('button', { name: 'Close' }).first().click();
  await page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: invitee }).waitFor();
  step(`invited ${invitee} and saw them listed`);

  // ------------------------------------------------------------------ Excel import
  const search = page.getByLabel('Search users');
  await page.getByRole('button', { name: 'Import from Excel' }).click();
  let dialog = page.getByRole('dialog', { name: 'Import users from Excel' });
  await dialog.getByLabel(/Workbook/).setInputFiles(badXlsx);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const rowError = dialog.locator(`[data-testid=import-row-error][data-row="${BAD_ROW}"]`);
  await rowError.waitFor();
  const rows = await dialog.getByTestId('import-row-error').count();
  if (rows !== 1) {
    throw new Error(`expected one wrong row, the dialog lists ${rows}`);
  }
  await dialog.getByText('Nothing was imported').waitFor();
  await dialog.locator('button[type=submit]:not([data-loading])').waitFor();
  await shot('import-errors');
  step(`the workbook with a wrong row was refused: row ${BAD_ROW} "${(await rowError.locator('td').nth(1).textContent())?.trim()}"`);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  for (const address of IMPORTED) {
    await search.fill(address);
    await page.getByText('No user matches.').waitFor();
  }
  step('nobody of the refused workbook was imported (not even its right rows)');

  await page.getByRole('button', { name: 'Import from Excel' }).click();
  dialog = page.getByRole('dialog', { name: 'Import users from Excel' });
  await dialog.getByLabel(/Workbook/).setInputFiles(goodXlsx);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByTestId('import-success').getByText(`${IMPORTED.length} user(s) imported`).first().waitFor();
  await shot('import-done');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  for (const address of IMPORTED) {
    await search.fill(address);
    await page.getByRole('table', { name: 'Users' }).getByText(address).first().waitFor();
  }
  await search.fill('');
  await page.getByRole('table', { name: 'Users' }).getByText(invitee).first().waitFor();
  await shot('users');
  step(`the corrected workbook imported ${IMPORTED.join(' and ')}, listed`);

  // ------------------------------------------------------------------ API key, shown once
  await openTab(page, 'API keys');
  const keyName = `E2E key ${stamp}`;
  await page.getByRole('button', { name: 'New API key' }).click();
  const keyForm = page.getByRole('dialog', { name: 'New API key' });
  await keyForm.getByLabel('Name').fill(keyName);
  await keyForm.getByRole('button', { name: 'Create' }).click();
  const secretBox = page.getByTestId('api-key-secret');
  await secretBox.waitFor();
  const secret = (await secretBox.textContent())?.trim() ?? '';
  if (secret.length < 20) {
    throw new Error(`the dialog shows no key: ${JSON.stringify(secret)}`);
  }
  await page.getByText('you will not see it again').waitFor();
  await shot('api-key-secret');
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await page.getByRole('table', { name: 'API keys' }).getByText(keyName).waitFor();
  step(`created the API key "${keyName}" and saw its secret once`);
  await page.reload();
  await page.getByRole('table', { name: 'API keys' }).getByText(keyName).waitFor();
  const leaked = await page.evaluate((value) => document.documentElement.outerHTML.includes(value)
    || JSON.stringify({ ...sessionStorage }).includes(value) || JSON.stringify({ ...localStorage }).includes(value), secret);
  if (leaked) {
    throw new Error('the key is still in the page or the browser storage after a reload');
  }
  step('after a reload the key is listed and its secret is nowhere in the page or the browser storage');
  const answer = await fetch(`${base}/api/v1/users`, { headers: { Authorization: `Bearer ${secret}` } });
  const body = await answer.json();
  if (answer.status !== 200 || !body.isSuccess || !JSON.stringify(body.data).includes(IMPORTED[0])) {
    throw new Error(`GET /api/v1/users with the new key answered ${answer.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  step('the shown key works: GET /api/v1/users answered 200 with the imported users');

  // ------------------------------------------------------------------ group with a member
  await openTab(page, 'Groups');
  const groupName = `E2E group ${stamp}`;
  await page.getByRole('button', { name: 'New group' }).click();
  const groupForm = page.getByRole('dialog', { name: 'New group' });
  await groupForm.getByLabel('Name').fill(groupName);
  await groupForm.getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('group-row').filter({ hasText: groupName }).waitFor();
  await page.getByRole('button', { name: `Members of ${groupName}` }).click();
  const membersDialog = page.getByRole('dialog', { name: `Members of ${groupName}` });
  await membersDialog.getByLabel(/^Members/).click();
  await page.keyboard.type('alice');
  await page.getByRole('option', { name: new RegExp(IMPORTED[0].replace(/\./g, '\\.')) }).click();
  await page.keyboard.press('Escape');
  await membersDialog.getByRole('button', { name: 'Save members' }).click();
  await page.getByTestId('group-row').filter({ hasText: groupName }).filter({ hasText: /Alice/ }).waitFor();
  await shot('groups');
  step(`created the group "${groupName}" with Alice as a member`);

  // ------------------------------------------------------------------ storage service, tested
  await openTab(page, 'Storage services');
  const storageName = `E2E folder ${stamp}`;
  await page.getByRole('button', { name: 'New storage service' }).click();
  const storageForm = page.getByRole('dialog', { name: 'New storage service' });
  await storageForm.getByLabel(/^Name/).fill(storageName);
  const type = storageForm.getByLabel(/^Type/);
  await storageForm.getByLabel(/^Root folder/).waitFor();
  if ((await type.inputValue()) !== 'Folder') {
    await type.click();
    await page.getByRole('option', { name: 'Folder', exact: true }).click();
  }
  await storageForm.getByLabel('Root folder').fill(storageRoot);
  await storageForm.getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('storage-service-row').filter({ hasText: storageName }).waitFor();
  await page.getByRole('button', { name: `Test ${storageName}` }).click();
  const test = page.getByTestId('storage-service-row').filter({ hasText: storageName }).getByTestId('storage-test-result');
  await test.waitFor();
  if ((await test.getAttribute('data-ok')) !== 'true') {
    throw new Error(`the storage test failed: ${await test.textContent()}`);
  }
  await shot('storage-services');
  step(`created the Folder storage service "${storageName}" on ${storageRoot} and its test passed`);

  // ------------------------------------------------------------------ SMTP and a test mail
  await openTab(page, 'SMTP');
  const smtp = page.getByRole('form', { name: 'SMTP settings' });
  await smtp.getByLabel('Host').fill('127.0.0.1');
  await smtp.getByLabel(/^Security/).click();
  await page.getByRole('option', { name: 'None', exact: true }).click();
  await smtp.getByLabel('Port').fill(String(smtpPort));
  await smtp.getByLabel('Sender address').fill('reports@example.com');
  await smtp.getByLabel('Sender name').fill('E2E reports');
  await smtp.getByRole('button', { name: 'Save SMTP settings' }).click();
  await page.getByTestId('smtp-source').filter({ hasText: 'Organization' }).waitFor();
  step(`saved the organization's SMTP settings (127.0.0.1:${smtpPort}, no security)`);
  const testMail = page.getByRole('form', { name: 'Send a test email' });
  await testMail.getByLabel('Send to').fill(mailTo);
  await testMail.getByRole('button', { name: 'Send test mail' }).click();
  const result = page.getByTestId('smtp-test-result');
  await result.waitFor();
  const status = await result.getAttribute('data-status');
  await shot('smtp');
  if (status !== 'SENT') {
    throw new Error(`the test mail was not sent (${status}): ${await result.textContent()}`);
  }
  await page.getByTestId('smtp-log').waitFor();
  step(`sent a test mail to ${mailTo}: SENT, with the SMTP log shown`);

  // ------------------------------------------------------------------ the other tabs
  await openTab(page, 'Organizations');
  await page.getByTestId('organization-row').first().waitFor();
  await page.getByRole('button', { name: /^Sign-in of / }).first().click();
  await page.getByRole('checkbox', { name: 'Built-in email and password' }).waitFor();
  await shot('organizations');
  await page.keyboard.press('Escape');
  await openTab(page, 'Identity providers');
  await page.getByRole('button', { name: 'New identity provider' }).click();
  await page.getByRole('dialog', { name: 'New identity provider' }).getByLabel('Client id').waitFor();
  await page.keyboard.press('Escape');
  await openTab(page, 'Connections');
  // a fresh server registers the bundled demo apps as the default organization's connection
  await page.getByTestId('connection').filter({ hasText: 'Demo apps' }).waitFor();
  const connections = await page.getByTestId('connection').count();
  const rest = await (await fetch(`${base}/api/v1/connections`, { headers: { Authorization: `Bearer ${secret}` } })).json();
  step(`the connections tab lists ${connections} connection(s); GET /api/v1/connections lists ${JSON.stringify(rest.data?.map?.((c) => c.name) ?? rest)}`);
  {
    const first = page.getByTestId('connection').filter({ hasText: 'Demo apps' });
    await first.getByRole('button', { name: 'Test', exact: true }).click();
    const outcome = first.getByRole('status');
    await outcome.waitFor();
    step(`tested the connection "${(await first.getByRole('heading').textContent())?.trim()}": ${(await outcome.textContent())?.trim()}`);
  }
  await page.getByRole('button', { name: 'New connection' }).click();
  const connectionForm = page.getByRole('dialog', { name: 'New connection' });
  await connectionForm.getByTestId('settings-fields').or(connectionForm.getByText('This type takes no settings.')).first().waitFor();
  const connector = await connectionForm.getByLabel(/^Type/).inputValue();
  step(`the new connection form offers the connector type "${connector}" with its generated settings form`);
  await page.keyboard.press('Escape');
  await shot('connections');
  await openTab(page, 'Audit log');
  await page.getByTestId('audit-entry').or(page.getByTestId('empty-state')).first().waitFor();
  step(`the audit log shows ${await page.getByTestId('audit-entry').count()} entries, newest first`);
  await shot('audit-log');
  await openTab(page, 'Plugins');
  await page.getByTestId('plugin').first().waitFor();
  step('opened organizations (sign-in settings), identity providers, connections, the audit log and the plugins');

  // ------------------------------------------------------------------ tablet width
  await page.setViewportSize({ width: 800, height: 1000 });
  for (const tab of ['users', 'storage-services', 'smtp']) {
    await page.goto(`${base}/admin/${tab}`);
    await page.getByRole('tab', { selected: true }).waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) {
      throw new Error(`/admin/${tab} is ${overflow} px wider than an 800 px window`);
    }
  }
  await shot('users-800px');
  step('the users, storage services and SMTP tabs fit an 800 px window');

  assertNothingWentWrong({ blocked, consoleErrors, serverErrors });
  step('no request left localhost, no console error, no server error');
  console.log('admin e2e ok');
}
