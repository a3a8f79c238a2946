// The same extension suite (test/e2e/suite) in desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code. CI, which cannot, runs it inside code-server instead (scripts/e2e/run.mjs). Each test
// file runs in its own fixture workspace, as in CI.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sessions = [
  { fixture: 'workspace', tests: 'extension' },
  { fixture: 'workspace-named', tests: 'named-files' },
];
for (const { fixture, tests } of sessions) {
  const base = mkdtempSync(join(tmpdir(), 'bulkhead-vscode-'));
  const workspace = join(base, 'workspace');
  cpSync(join(root, 'test', 'e2e', fixture), workspace, { recursive: true });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'e2e', 'suite', 'index.js'),
      extensionTestsEnv: { BULKHEAD_E2E_TESTS: tests, BULKHEAD_E2E_REPORT: join(base, 'report.json') },
      launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(base, 'user-data')}`, `--extensions-dir=${join(base, 'extensions')}`],
    });
  } catch (e) {
    console.error(`${tests}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
