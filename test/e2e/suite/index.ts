import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Entry point the editor calls with the real `vscode` API (extensionTestsPath), in VS Code via
 * @vscode/test-electron or in code-server's extension host. Runs the test files named in BULKHEAD_E2E_TESTS
 * (comma-separated, without `.test.js`; default `extension`), since each expects its own workspace, and writes
 * a JSON report (to BULKHEAD_E2E_REPORT, else into the workspace) besides mocha's own output.
 */
export interface E2eReport {
  /** In the order they ran; hooks that fail appear as failed tests, as in mocha's own report. */
  tests: { title: string; passed: boolean; duration: number; error?: string }[];
  durationMs: number;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  const report: E2eReport = { tests: [], durationMs: 0 };
  const started = Date.now();
  try {
    const names = (process.env.BULKHEAD_E2E_TESTS ?? 'extension').split(',').map((n) => n.trim()).filter(Boolean);
    for (const name of names) {
      const file = path.join(__dirname, `${name}.test.js`);
      if (!fs.existsSync(file)) throw new Error(`no e2e test file ${name}.test.js`);
      mocha.addFile(file);
    }
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t: Mocha.Test) => report.tests.push({ title: t.fullTitle(), passed: true, duration: t.duration ?? 0 }));
      runner.on('fail', (t: Mocha.Test, err: Error) =>
        report.tests.push({ title: t.fullTitle(), passed: false, duration: t.duration ?? 0, error: (err.stack ?? err.message).split('\n').slice(0, 16).join('\n') }),
      );
    });
  } catch (e) {
    // A suite that cannot load still reports, so that the CI runner fails at once instead of at its time limit.
    report.tests.push({ title: 'loading the e2e suite', passed: false, duration: 0, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  report.durationMs = Date.now() - started;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const target = process.env.BULKHEAD_E2E_REPORT ?? (folder ? path.join(folder, '.e2e-report.json') : undefined);
  if (target) {
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(report, null, 2));
    fs.renameSync(`${target}.tmp`, target);
  }
  const failed = report.tests.filter((t) => !t.passed).length;
  if (failed > 0) throw new Error(`${failed} e2e test(s) failed`);
}
