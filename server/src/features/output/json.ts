import { besideReport } from './report';
import type { FileReport } from './report';

export type { FileReport } from './report';

/**
 * `{"files":[{"path","findings":[{"code","name","severity","message","range","aliases","fixes"}]}]}`, with
 * 0-based LSP positions (UTF-16 columns) and the other tools' IDs that this finding matches. A fix that edits
 * other files than the Dockerfile (the ignore file) lists them in `files`, as paths of the report's kind, with
 * `create` when the fix creates the file.
 */
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
          range: {
            start: { line: x.range.start.line, character: x.range.start.character },
            end: { line: x.range.end.line, character: x.range.end.character },
          },
          aliases: x.aliases,
          fixes: x.fixes.map((fix) => ({
            title: fix.title,
            applicability: fix.applicability,
            ...(fix.files?.length ? { files: fix.files.map((o) => ({ path: besideReport(f.path, o.path), create: o.create })) } : {}),
          })),
        })),
      })),
    },
    null,
    2,
  );
}
