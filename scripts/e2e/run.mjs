// End-to-end tests in the real VS Code workbench: code-server on 127.0.0.1, driven by Debian's Chromium
// through playwright-core. Each session has its own code-server, user data and copy of a fixture workspace:
//   1. the extension's mocha suite (test/e2e/suite/extension.test.ts) in the workbench's extension host;
//   2. the same mechanism in a workspace with a Containerfile and no Dockerfile (named-files.test.ts);
//   3. UI tests as a person would: squiggles, Problems, hover, quick fix, the preview webview, screenshots;
//   4. Restricted Mode: an untrusted workspace still gets diagnostics, the server starts no processes and
//      holds no sockets, and the browser talks to nothing but this code-server.
// Exits non-zero on any failure, when a session exceeds its time limit, or at the global time limit; stops
// everything it started, also on SIGINT/SIGTERM.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUiTests } from './ui.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOTAL_LIMIT_MS = Number(process.env.BULKHEAD_E2E_TIMEOUT_MS ?? 10 * 60_000);
const SESSION_LIMIT_MS = Number(process.env.BULKHEAD_E2E_SESSION_TIMEOUT_MS ?? 3 * 60_000);
const SCREENSHOTS = join(root, 'test-output', 'screenshots');
const TOOLS = process.env.BULKHEAD_E2E_TOOLS ?? join(root, '.tools', 'code-server');
const CODE_SERVER = join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const started = Date.now();
const children = new Set();
const scratch = [];
let browser;

function log(msg) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
}

function kill(proc) {
  // code-server runs detached in its own process group: this also ends its extension hosts and language servers.
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    try {
      proc.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  children.delete(proc);
}

function cleanup() {
  for (const c of [...children]) kill(c);
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`e2e: ${sig}, stopping`);
    cleanup();
    // playwright-core kills the browser it launched when this process exits.
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

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh user-data dir and a copy of the fixture workspace,
 * and resolves once it is listening. `exited` rejects if it stops before we stop it.
 */
async function startCodeServer({ trust, fixture = 'workspace', tests = 'extension' }) {
  const base = mkdtempSync(join(tmpdir(), 'bulkhead-e2e-'));
  scratch.push(base);
  const workspace = join(base, 'workspace');
  cpSync(join(root, 'test', 'e2e', fixture), workspace, { recursive: true });
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
        // The workbench would otherwise query the extension gallery for Dockerfile recommendations.
        'extensions.ignoreRecommendations': true,
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
  const report = join(base, 'report.json');
  const args = [
    CODE_SERVER,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', userData,
    '--extensions-dir', join(base, 'extensions'),
    workspace,
  ];
  // The extension host inherits this environment: it tells the suite which tests to run and where to report.
  // No extension gallery: the workbench would query open-vsx.org on its own, which CI cannot reach and which
  // would blur the Restricted Mode check that nothing but code-server is contacted.
  const env = { ...process.env, BULKHEAD_E2E_REPORT: report, BULKHEAD_E2E_TESTS: tests, EXTENSIONS_GALLERY: '{}' };
  const proc = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(proc);
  let output = '';
  let stopping = false;
  const exited = new Promise((_, rej) => {
    proc.once('exit', (code, signal) => {
      if (!stopping) rej(new Error(`code-server exited (${code ?? signal}):\n${output.slice(-4000)}`));
    });
  });
  exited.catch(() => {});
  await Promise.race([
    new Promise((res) => {
      const onData = (d) => {
        output += d.toString();
        if (/HTTP server listening/.test(output)) res();
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
    }),
    exited,
  ]);
  log(`code-server ${proc.pid} listening on 127.0.0.1:${port} (${fixture}, trust ${trust ? 'on' : 'off'})`);
  const stop = () => {
    stopping = true;
    kill(proc);
  };
  return { proc, port, workspace, base, report, exited, stop, output: () => output };
}

function stopCodeServer(cs) {
  cs.stop();
}

async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** The workbench URL for a folder, with the extension under development (and its test suite) as the payload. */
function workbenchUrl(cs, { tests }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(root)]];
  if (tests) payload.push(['extensionTestsPath', remote(join(root, 'out', 'test', 'e2e', 'suite', 'index.js'))]);
  return `http://127.0.0.1:${cs.port}/?folder=${encodeURIComponent(cs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Resolves when the file exists (watching its folder, not polling). */
function fileAppears(file) {
  return new Promise((res) => {
    const watcher = watch(dirname(file), () => {
      if (existsSync(file)) {
        watcher.close();
        res();
      }
    });
    if (existsSync(file)) {
      watcher.close();
      res();
    }
  });
}

function limit(ms, what) {
  let timer;
  const p = new Promise((_, rej) => {
    timer = setTimeout(() => rej(new Error(`${what}: no result within ${ms / 1000}s`)), ms);
  });
  p.catch(() => {});
  return { promise: p, clear: () => clearTimeout(timer) };
}

/** A mocha suite session: resolves with the report the suite writes when it finishes. */
async function runSuite({ fixture, tests }) {
  const cs = await startCodeServer({ trust: false, fixture, tests });
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const crashed = new Promise((_, rej) => page.once('crash', () => rej(new Error('the workbench page crashed'))));
  crashed.catch(() => {});
  const bound = limit(SESSION_LIMIT_MS, `suite ${tests}`);
  try {
    await page.goto(workbenchUrl(cs, { tests: true }));
    log(`workbench opened with the extension test suite (${tests})`);
    await Promise.race([fileAppears(cs.report), cs.exited, crashed, bound.promise]);
    return JSON.parse(readFileSync(cs.report, 'utf8'));
  } catch (e) {
    const extra = pageErrors.length ? `\npage errors:\n${pageErrors.slice(-10).join('\n')}` : '';
    return { tests: [{ title: `suite ${tests}`, passed: false, duration: 0, error: `${e instanceof Error ? e.message : String(e)}${extra}` }], durationMs: 0 };
  } finally {
    bound.clear();
    await context.close().catch(() => {});
    cs.stop();
  }
}

async function main() {
  execFileSync('bash', [join(root, 'scripts', 'e2e', 'prepare-code-server.sh')], { stdio: 'inherit', env: { ...process.env, BULKHEAD_E2E_TOOLS: TOOLS } });
  log('code-server prepared');
  // A build takes about a second, and a stale suite would test old code: build unless told the build is fresh.
  if (process.env.BULKHEAD_E2E_BUILD !== '0') {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    log('extension built');
  }
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
  const passes = [];
  const failures = [];
  try {
    for (const s of [
      { fixture: 'workspace', tests: 'extension' },
      { fixture: 'workspace-named', tests: 'named-files' },
    ]) {
      const report = await runSuite(s);
      for (const t of report.tests) {
        console.log(t.passed ? `  ✔ ${t.title} (${t.duration}ms)` : `  ✘ ${t.title}`);
        if (t.passed) passes.push(`suite: ${t.title}`);
        else failures.push({ title: `suite: ${t.title}`, error: t.error ?? '' });
      }
      log(`suite ${s.tests} finished in ${(report.durationMs / 1000).toFixed(1)}s`);
    }
    const ui = await runUiTests({ browser, startCodeServer, stopCodeServer, workbenchUrl, screenshots: SCREENSHOTS, log, sessionLimitMs: SESSION_LIMIT_MS });
    passes.push(...ui.passes.map((p) => `ui: ${p}`));
    failures.push(...ui.failures.map((f) => ({ title: `ui: ${f.title}`, error: f.error })));
  } finally {
    await browser.close().catch(() => {});
    cleanup();
  }
  // mocha's summary format.
  console.log(`\n  ${passes.length} passing (${((Date.now() - started) / 1000).toFixed(0)}s)`);
  if (failures.length > 0) console.log(`  ${failures.length} failing`);
  failures.forEach((f, i) => console.log(`\n  ${i + 1}) ${f.title}:\n${f.error.replace(/^/gm, '     ')}`));
  process.exitCode = failures.length > 0 || passes.length === 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  cleanup();
  process.exitCode = 1;
});
