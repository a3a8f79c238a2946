import { resolveSettings } from './config/settings';
import type { ResolvedSettings, Settings } from './config/settings';
import { lintModel } from './features/lint';
import type { LintResult } from './features/lint';
import { parseDockerfile } from './model/document';
import type { DockerfileModel } from './model/document';
import { initShellParser } from './model/shell';
import type { ShellParserOptions } from './model/shell';

/**
 * The engine's entry points: pure functions of text and settings, shared by the language server, the CLI,
 * the tests and the benchmark. Only `initEngine` is asynchronous (it loads the shell grammar once).
 */
export async function initEngine(options: ShellParserOptions): Promise<void> {
  await initShellParser(options);
}

export function lintText(text: string, settings?: Settings | ResolvedSettings): LintResult & { model: DockerfileModel } {
  const model = parseDockerfile(text);
  const resolved = settings === undefined ? undefined : 'levels' in settings ? settings : resolveSettings(settings);
  return { ...lintModel(model, resolved), model };
}

/** Keeps one parsed model and lint result per document version. */
export class DocumentCache {
  private readonly entries = new Map<string, { version: number; text: string; model: DockerfileModel; result?: LintResult; settingsKey?: unknown }>();

  model(uri: string, version: number, text: string): DockerfileModel {
    const e = this.entries.get(uri);
    if (e && e.version === version && e.text === text) return e.model;
    const model = parseDockerfile(text);
    this.entries.set(uri, { version, text, model });
    return model;
  }

  lint(uri: string, version: number, text: string, settings: ResolvedSettings): LintResult {
    const model = this.model(uri, version, text);
    const e = this.entries.get(uri);
    if (e?.result && e.settingsKey === settings) return e.result;
    const result = lintModel(model, settings);
    if (e) {
      e.result = result;
      e.settingsKey = settings;
    }
    return result;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

export { parseDockerfile, lintModel, resolveSettings };
export type { DockerfileModel, LintResult, ResolvedSettings, Settings };
