import type { CodeAction, CreateFile, Diagnostic, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { SHOW_DOCUMENTATION_COMMAND } from '../../../shared/src/protocol';
import type { ResolvedSettings } from '../config/settings';
import { parsePragma } from '../config/pragmas';
import type { DockerfileModel } from '../model/document';
import type { LineIndex } from '../model/text';
import { findRule } from '../rules/index';
import { hasEdits } from '../rules/types';
import type { Finding, Fix } from '../rules/types';
import { toDiagnostic } from './diagnostics';
import { fixText } from './fix';

export const FIX_ALL_KIND = 'source.fixAll.bulkhead';

export interface CodeActionRequest {
  uri: string;
  model: DockerfileModel;
  findings: readonly Finding[];
  range: Range;
  /** Requested kinds (LSP `context.only`); undefined means all. */
  only?: readonly string[];
  settings?: ResolvedSettings;
  docsHref?: (name: string) => string | undefined;
  /**
   * The client asks for an action's edit when it is picked (LSP `codeAction/resolve`): file-wide fixes, which
   * re-lint the whole file until it settles, are then computed only for the action chosen, not on every request.
   */
  resolveLater?: boolean;
  /**
   * The client applies `documentChanges` with file creation (LSP `workspace.workspaceEdit.documentChanges` and
   * `resourceOperations` including `create`): a fix that creates a file (a `.dockerignore`) is offered only then.
   */
  resourceOperations?: boolean;
}

/** What a file-wide fix carries until it is resolved. */
export interface FixAllData {
  bulkhead: 'fix-all';
  uri: string;
  /** Only these rules (a rule's "fix all"); every rule when absent. */
  codes?: string[];
  unsafe: boolean;
}

function isFixAllData(d: unknown): d is FixAllData {
  return typeof d === 'object' && d !== null && (d as { bulkhead?: unknown }).bulkhead === 'fix-all' && typeof (d as { uri?: unknown }).uri === 'string';
}

/** The edit of a file-wide fix: one replacement of the span that changes. */
function fixAllEdit(model: DockerfileModel, data: FixAllData, settings: ResolvedSettings | undefined): TextEdit | undefined {
  const fixed = fixText(model.text, { unsafe: data.unsafe, settings, facts: model.facts, ...(data.codes ? { codes: new Set(data.codes) } : {}) });
  return diffEdit(model.lines, model.text, fixed.text);
}

/** The uri a deferred file-wide action is for, if it is one of Bulkhead's. */
export function deferredUri(action: CodeAction): string | undefined {
  return isFixAllData(action.data) ? action.data.uri : undefined;
}

/** Fills in the edit of an action returned without one; other actions come back as they are. */
export function resolveCodeAction(action: CodeAction, model: DockerfileModel, settings?: ResolvedSettings): CodeAction {
  if (action.edit || !isFixAllData(action.data)) return action;
  const data = action.data;
  const edit = fixAllEdit(model, data, settings);
  return { ...action, edit: { changes: { [data.uri]: edit ? [edit] : [] } } };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** One edit replacing only the part of the text that changed. */
export function diffEdit(lines: LineIndex, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { range: lines.range(start, before.length - end), newText: after.slice(start, after.length - end) };
}

/** The URI of a file a fix names relative to the Dockerfile's folder. */
export function uriBeside(uri: string, relative: string): string {
  return new URL(relative.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/'), uri).toString();
}

/**
 * The workspace edit of a fix. Edits of the Dockerfile only: plain `changes`. With edits of other files:
 * `documentChanges` (a `CreateFile` that leaves an existing file alone, then the text edits) when the client
 * supports them, else `changes` when every other file exists, else none: the fix cannot be offered.
 */
export function fixWorkspaceEdit(uri: string, fix: Fix, resourceOperations: boolean): WorkspaceEdit | undefined {
  const files = fix.files ?? [];
  if (files.length === 0) return { changes: { [uri]: fix.edits } };
  if (resourceOperations) {
    const changes: (TextDocumentEdit | CreateFile)[] = [];
    if (fix.edits.length > 0) changes.push({ textDocument: { uri, version: null }, edits: fix.edits });
    for (const f of files) {
      const other = uriBeside(uri, f.path);
      if (f.create) changes.push({ kind: 'create', uri: other, options: { ignoreIfExists: true } });
      changes.push({ textDocument: { uri: other, version: null }, edits: f.edits });
    }
    return { documentChanges: changes };
  }
  if (files.some((f) => f.create)) return undefined;
  const changes: Record<string, TextEdit[]> = fix.edits.length > 0 ? { [uri]: fix.edits } : {};
  for (const f of files) changes[uriBeside(uri, f.path)] = f.edits;
  return { changes };
}

/** Code actions for the findings under a range, plus the file-wide safe fix-all. Pure: model in, actions out. */
export function codeActions(req: CodeActionRequest): CodeAction[] {
  const { uri, model, findings, range, only } = req;
  const actions: CodeAction[] = [];
  const workspaceEdit = (edits: TextEdit[]): CodeAction['edit'] => ({ changes: { [uri]: edits } });

  /** A file-wide fix: deferred when the client resolves later, else computed now (and left out when it changes nothing). */
  const fileWide = (title: string, kind: string, data: FixAllData, diagnostics?: Diagnostic[]): void => {
    if (req.resolveLater) {
      actions.push({ title, kind, ...(diagnostics ? { diagnostics } : {}), data });
      return;
    }
    const edit = fixAllEdit(model, data, req.settings);
    if (edit) actions.push({ title, kind, ...(diagnostics ? { diagnostics } : {}), edit: workspaceEdit([edit]) });
  };

  // Listed only when some finding has a safe fix: a deferred action cannot tell by computing its edit.
  const anySafeFix = findings.some((f) => f.fixes.some((x) => x.applicability === 'safe' && x.edits.length > 0));
  const resourceOperations = req.resourceOperations ?? false;
  if (anySafeFix && wants(only, FIX_ALL_KIND) && only?.some((o) => o === FIX_ALL_KIND || o === 'source.fixAll' || o === 'source')) {
    fileWide('Fix all safe Bulkhead problems', FIX_ALL_KIND, { bulkhead: 'fix-all', uri, unsafe: false });
  }
  if (!wants(only, 'quickfix')) return actions;

  const here = findings.filter((f) => overlaps(f.range, range));
  const seenRules = new Set<string>();
  // A fix shared by several findings (sshd's one removal across the file) is one action that resolves them all:
  // one action per finding would repeat every edit once per finding.
  const byFix = new Map<Fix, CodeAction & { diagnostics: Diagnostic[] }>();
  for (const f of here) {
    const diagnostic: Diagnostic = toDiagnostic(f, req.docsHref);
    for (const fix of f.fixes) {
      if (fix.applicability === 'display-only' || !hasEdits(fix)) continue;
      const shared = byFix.get(fix);
      if (shared) {
        shared.diagnostics.push(diagnostic);
        continue;
      }
      const edit = fixWorkspaceEdit(uri, fix, resourceOperations);
      if (!edit) continue;
      const action = { title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred: fix.applicability === 'safe', edit };
      byFix.set(fix, action);
      actions.push(action);
    }
    if (seenRules.has(f.code)) continue;
    seenRules.add(f.code);
    // "Fix all" only when the rule's findings have fixes of their own, not one fix they share.
    const distinctFixes = new Set(findings.filter((g) => g.code === f.code).flatMap((g) => g.fixes.filter((x) => x.applicability !== 'display-only' && x.edits.length > 0).slice(0, 1)));
    if (distinctFixes.size > 1) fileWide(`Fix all ${f.name} problems in this file`, 'quickfix', { bulkhead: 'fix-all', uri, codes: [f.code], unsafe: true }, [diagnostic]);
    const ignore = ignoreEdit(model, f);
    if (ignore) actions.push({ title: `Ignore ${f.name} for this instruction`, kind: 'quickfix', diagnostics: [diagnostic], edit: workspaceEdit([ignore]) });
    actions.push({ title: `Ignore ${f.name} in this file`, kind: 'quickfix', diagnostics: [diagnostic], edit: workspaceEdit([globalIgnoreEdit(model, f)]) });
    if (findRule(f.code)) {
      actions.push({
        title: `Show documentation for ${f.name}`,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${f.name}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [f.code] },
      });
    }
  }
  return actions;
}

/** `# bulkhead ignore=<name>` on its own line above the instruction, or the name added to such a line already there. */
export function ignoreEdit(model: DockerfileModel, f: Finding): TextEdit | undefined {
  const line = f.instructionLine;
  const lastDirective = Math.max(-1, ...model.directives.map((d) => d.line));
  if (line <= lastDirective) return undefined;
  const above = line - 1;
  if (above > lastDirective && above >= 0) {
    const text = model.lines.lineText(above);
    const pragma = parsePragma(text, above);
    if (pragma && pragma.dialect === 'bulkhead' && !pragma.global) {
      const m = /ignore\s*=\s*[A-Za-z0-9_,\- ]*?[A-Za-z0-9_-](?=\s|$)/.exec(text);
      if (m) {
        const at = model.lines.lineStart(above) + m.index + m[0].length;
        return { range: model.lines.range(at, at), newText: `,${f.name}` };
      }
    }
  }
  const start = model.lines.lineStart(line);
  const indent = /^[ \t]*/.exec(model.lines.lineText(line))?.[0] ?? '';
  return { range: model.lines.range(start, start), newText: `${indent}# bulkhead ignore=${f.name}${model.lines.eol}` };
}

/** `# bulkhead global ignore=<name>` after the parser directives. */
export function globalIgnoreEdit(model: DockerfileModel, f: Finding): TextEdit {
  const lastDirective = Math.max(-1, ...model.directives.map((d) => d.line));
  const at = lastDirective >= 0 ? model.lines.lineEndWithBreak(lastDirective) : 0;
  const needsBreak = lastDirective >= 0 && at === model.text.length && !model.text.endsWith('\n');
  return { range: model.lines.range(at, at), newText: `${needsBreak ? model.lines.eol : ''}# bulkhead global ignore=${f.name}${model.lines.eol}` };
}
