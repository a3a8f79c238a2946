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
 * How long to wait after an edit before linting again: enough to coalesce a burst of keystrokes, and on a file
 * that takes long to lint, about as long as its last lint took (at most a second), so typing in a huge file does
 * not keep a core busy linting texts that are already stale.
 */
export function lintDelay(lastLintMs: number | undefined): number {
  return Math.min(1000, Math.max(30, Math.round(lastLintMs ?? 0)));
}
