#!/usr/bin/env node
// Runs `npm ci --no-audit --no-fund` unless node_modules was already installed by
// `npm ci` from exactly the current package.json + package-lock.json on this platform.
//
// After a successful `npm ci` it writes node_modules/.qalyptus-deps.sha256, a digest of
// package.json, package-lock.json, the OS/CPU and the Node major version. The next run
// skips `npm ci` only when that stamp matches. `npm ci` wipes node_modules (stamp
// included) before installing, so an interrupted or failed install is always redone,
// and any edit to the lockfile or the manifest (e.g. `npm install foo`) forces a clean
// reinstall. Set QALYPTUS_NPM_CI=always (or pass --force) to reinstall unconditionally.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.qalyptus-deps.sha256');

function fingerprint() {
  const hash = createHash('sha256');
  for (const name of ['package.json', 'package-lock.json']) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(root, name)));
    hash.update('\0');
  }
  hash.update(`${process.platform}-${process.arch}-node${process.versions.node.split('.')[0]}`);
  return hash.digest('hex');
}

const force = process.argv.includes('--force') || process.env.QALYPTUS_NPM_CI === 'always';
const wanted = fingerprint();
const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';

if (!force && current === wanted && existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[web-console] node_modules matches package-lock.json; skipping npm ci');
  process.exit(0);
}

// Under `npm run`, npm_execpath is the npm CLI that started us: reuse it (works on every OS).
const npmCli = process.env.npm_execpath;
const [command, args] =
  npmCli && /\.[cm]?js$/.test(npmCli)
    ? [process.execPath, [npmCli, 'ci', '--no-audit', '--no-fund']]
    : ['npm', ['ci', '--no-audit', '--no-fund']];

console.log(`[web-console] ${current ? 'dependencies changed' : 'no verified node_modules'}; running npm ci`);
const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: command === 'npm' && process.platform === 'win32' });
if (result.error) {
  console.error(`[web-console] could not run npm ci: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, `${wanted}\n`);
