// End-to-end tests in the real VS Code workbench: code-server on 127.0.0.1, driven by Debian's Chromium
// through playwright-core. Three sessions, each with its own code-server, user data and workspace copy:
//   1. the extension's mocha suite (test/e2e/suite) inside the workbench's extension host;
//   2. UI tests as a person would: squiggles, Problems, hover, quick fix, the preview webview, screenshots;
//   3. Restricted Mode: an untrusted workspace still gets diagnostics, and the server starts no processes.
// Exits non-zero on any failure or when the global time limit is reached; stops everything it started.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUiTests } from './ui.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOTAL_LIMIT_MS = Number(process.env.BULKHEAD_E2E_TIMEOUT_MS ?? 10 * 60_000);
const SCREENSHOTS = join(root, 'test-output', 'screenshots');
const started = Date.now();
const children = new Set();
const scratch = [];

function log(msg) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
}

function cleanup() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      try {
        c.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  children.clear();
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}
const globalTimer = setTimeout(() => {
  console.error(`e2e: time limit of ${TOTAL_LIMIT_MS / 1000}s reached`);
  cleanup();
  process.exit(1);
}, TOTAL_LIMIT_MS);
globalTimer.unref();

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Starts code-server and resolves once it says it is listening. */
async function startCodeServer({ trust }) {
  const base = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-'));
  scratch.push(base);
  const workspace = join(base, 'workspace');
  cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  const userData = join(base, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': trust,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'editor.hover.delay': 100,
        'workbench.enableExperiments': false,
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const entry = join(root, '.tools', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', userData,
    '--extensions-dir', join(base, 'extensions'),
    workspace,
  ];
  const proc = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BULKHEAD_E2E_REPORT: join(workspace, '.e2e-report.json') } });
  children.add(proc);
  let output = '';
  await new Promise((res, rej) => {
    const onData = (d) => {
      output += d.toString();
      if (/HTTP server listening/.test(output)) res();
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => rej(new Error(`code-server exited with ${code}:\n${output}`)));
  });
  log(`code-server listening on 127.0.0.1:${port} (trust ${trust ? 'on' : 'off'})`);
  return { proc, port, workspace, base, output: () => output };
}

function stopCodeServer(cs) {
  try {
    process.kill(-cs.proc.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  children.delete(cs.proc);
}

async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  return browser;
}

function workbenchUrl(cs, { tests }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(root)]];
  if (tests) payload.push(['extensionTestsPath', remote(join(root, 'out', 'test', 'e2e', 'suite', 'index.js'))]);
  return `http://127.0.0.1:${cs.port}/?folder=${encodeURIComponent(cs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Session 1: the mocha suite in the extension host; resolves with its report. */
async function runSuite(browser) {
  const cs = await startCodeServer({ trust: false });
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  const reportPath = join(cs.workspace, '.e2e-report.json');
  await page.goto(workbenchUrl(cs, { tests: true }));
  log('workbench opened with the extension test suite');
  // Wait for the report file the suite writes when it finishes (the global timer bounds this).
  await new Promise((res) => {
    const tick = () => (existsSync(reportPath) ? res() : setTimeout(tick, 250));
    tick();
  });
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  await page.close();
  stopCodeServer(cs);
  return report;
}

async function main() {
  execFileSync('bash', [join(root, 'scripts', 'e2e', 'prepare-code-server.sh')], { stdio: 'inherit' });
  if (!existsSync(join(root, 'dist', 'client.js')) || !existsSync(join(root, 'out', 'test', 'e2e', 'suite', 'index.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await launchBrowser();
  const results = { passes: [], failures: [] };
  try {
    const suite = await runSuite(browser);
    log(`extension suite finished in ${(suite.durationMs / 1000).toFixed(1)}s`);
    for (const p of suite.passes) console.log(`  ✔ ${p.title} (${p.duration}ms)`);
    for (const f of suite.failures) console.log(`  ✘ ${f.title}\n${f.error.replace(/^/gm, '      ')}`);
    results.passes.push(...suite.passes.map((p) => `suite: ${p.title}`));
    results.failures.push(...suite.failures.map((f) => ({ title: `suite: ${f.title}`, error: f.error })));

    const ui = await runUiTests({ browser, startCodeServer, stopCodeServer, workbenchUrl, screenshots: SCREENSHOTS, log });
    results.passes.push(...ui.passes.map((p) => `ui: ${p}`));
    results.failures.push(...ui.failures.map((f) => ({ title: `ui: ${f.title}`, error: f.error })));
  } finally {
    await browser.close().catch(() => {});
    cleanup();
  }
  console.log('');
  for (const f of results.failures) console.log(`FAILED ${f.title}\n${f.error.replace(/^/gm, '    ')}`);
  console.log(`\n  ${results.passes.length} passing (${((Date.now() - started) / 1000).toFixed(0)}s)`);
  console.log(`  ${results.failures.length} failing`);
  console.log(`\n${results.passes.length} passed, ${results.failures.length} failed`);
  process.exitCode = results.failures.length > 0 || results.passes.length === 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  cleanup();
  process.exitCode = 1;
});
