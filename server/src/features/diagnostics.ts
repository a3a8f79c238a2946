import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../rules/types';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

/** What a diagnostic carries back to the code-action handler. */
export interface DiagnosticData {
  code: string;
  name: string;
  instructionLine: number;
}

/** A finding as an LSP diagnostic; `docsHref` maps a rule name to its documentation page. */
export function toDiagnostic(f: Finding, docsHref?: (name: string) => string | undefined): Diagnostic {
  const href = docsHref?.(f.name);
  const data: DiagnosticData = { code: f.code, name: f.name, instructionLine: f.instructionLine };
  return {
    range: f.range,
    severity: LSP_SEVERITY[f.severity],
    code: f.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'bulkhead',
    message: f.message,
    data,
  };
}

/**
 * How long to wait after an edit before linting again. A file that lints quickly is linted as soon as the edits
 * already received are read, so diagnostics follow each keystroke; a file whose last lint took longer than
 * 50 ms is linted at most once per that time (at most a second), so typing in a huge file keeps at most about half
 * a core busy instead of linting texts that are already stale.
 */
export function lintDelay(lastLintMs: number | undefined): number {
  const ms = Math.round(lastLintMs ?? 0);
  return ms <= 50 ? 0 : Math.min(1000, ms);
}
