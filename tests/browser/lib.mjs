// Shared helpers for the browser tests: paths from the environment CTest sets, running the
// escalation-copilot binary, launching Debian's Chromium through playwright-core, and checks
// that fail the test with a message.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const binary = mustEnv('EC_BINARY');            // the escalation-copilot executable
export const sourceDir = mustEnv('EC_SOURCE_DIR');     // the repository root
export const artifactDir = mustEnv('EC_ARTIFACT_DIR'); // screenshots go here
export const chromiumPath = process.env.EC_CHROMIUM || '/usr/bin/chromium';

function mustEnv(name) {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set (run through CTest)`);
  return v;
}

export function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// Runs the binary to completion; throws with its stderr on a non-zero exit.
export function run(args, options = {}) {
  const r = spawnSync(binary, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) {
    throw new Error(`${path.basename(binary)} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  }
  return r.stdout;
}

// Starts `serve --config FILE` and resolves with {process, baseUrl} once it logs its port.
export function serve(configFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error('serve did not start:\n' + log)); }, 20000);
    const onData = (chunk) => {
      log += chunk.toString();
      const m = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      // The browser talks to http://localhost: Chromium treats localhost as a secure context,
      // so it keeps the Secure, SameSite=None session cookie there (not on http://127.0.0.1).
      if (m) { clearTimeout(timer); resolve({ process: child, baseUrl: m[1].replace('127.0.0.1', 'localhost'), log: () => log }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}:\n${log}`)); });
  });
}

export async function launch() {
  check(fs.existsSync(chromiumPath), `no Chromium at ${chromiumPath} (scripts/setup.sh --with-browser)`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactDir, { recursive: true });
  const file = path.join(artifactDir, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
  return file;
}

// Runs `body` and exits 0, or prints the error and exits 1 (CTest reads the exit code).
export async function main(body) {
  try {
    await body();
    console.log('PASS');
    process.exit(0);
  } catch (e) {
    console.error('FAIL:', e && e.stack ? e.stack : e);
    process.exit(1);
  }
}
