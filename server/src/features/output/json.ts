import type { Finding } from '../../rules/types';
import { findRule } from '../../rules/index';

export interface FileReport {
  /** Path as given or found, relative to where the CLI ran. */
  path: string;
  findings: readonly Finding[];
  /** Fixes applied by --fix, when any. */
  fixed?: readonly { code: string; title: string }[];
}

/** `{"files":[{"path","findings":[…]}]}` with 0-based LSP positions. */
export function formatJson(files: readonly FileReport[]): string {
  return JSON.stringify(
    {
      files: files.map((f) => ({
        path: f.path,
        findings: f.findings.map((x) => ({
          code: x.code,
          name: x.name,
          severity: x.severity,
          message: x.message,
          range: x.range,
          aliases: findRule(x.code)?.aliases.map((a) => a.id) ?? [],
          fixes: x.fixes.map((fix) => ({ title: fix.title, applicability: fix.applicability })),
        })),
        ...(f.fixed && f.fixed.length > 0 ? { fixed: f.fixed } : {}),
      })),
    },
    null,
    2,
  );
}
