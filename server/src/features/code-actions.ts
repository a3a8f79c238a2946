import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { SHOW_DOCUMENTATION_COMMAND } from '../../../shared/src/protocol';
import type { ResolvedSettings } from '../config/settings';
import { parsePragma } from '../config/pragmas';
import type { DockerfileModel } from '../model/document';
import type { LineIndex } from '../model/text';
import { findRule } from '../rules/index';
import type { Finding } from '../rules/types';
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

/** Code actions for the findings under a range, plus the file-wide safe fix-all. Pure: model in, actions out. */
export function codeActions(req: CodeActionRequest): CodeAction[] {
  const { uri, model, findings, range, only } = req;
  const actions: CodeAction[] = [];
  const text = model.text;
  const workspaceEdit = (edits: TextEdit[]): CodeAction['edit'] => ({ changes: { [uri]: edits } });

  if (wants(only, FIX_ALL_KIND) && only?.some((o) => o === FIX_ALL_KIND || o === 'source.fixAll' || o === 'source')) {
    const fixed = fixText(text, { unsafe: false, settings: req.settings });
    const edit = diffEdit(model.lines, text, fixed.text);
    if (edit) actions.push({ title: 'Fix all safe Bulkhead problems', kind: FIX_ALL_KIND, edit: workspaceEdit([edit]) });
  }
  if (!wants(only, 'quickfix')) return actions;

  const here = findings.filter((f) => overlaps(f.range, range));
  const seenRules = new Set<string>();
  for (const f of here) {
    const diagnostic: Diagnostic = toDiagnostic(f, req.docsHref);
    for (const fix of f.fixes) {
      if (fix.applicability === 'display-only' || fix.edits.length === 0) continue;
      actions.push({
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: fix.applicability === 'safe',
        edit: workspaceEdit(fix.edits),
      });
    }
    if (seenRules.has(f.code)) continue;
    seenRules.add(f.code);
    const sameRule = findings.filter((g) => g.code === f.code && g.fixes.some((x) => x.applicability !== 'display-only' && x.edits.length > 0));
    const distinctFixes = new Set(sameRule.map((g) => JSON.stringify(g.fixes[0]?.edits)));
    if (distinctFixes.size > 1) {
      const fixed = fixText(text, { unsafe: true, codes: new Set([f.code]), settings: req.settings });
      const edit = diffEdit(model.lines, text, fixed.text);
      if (edit) actions.push({ title: `Fix all ${f.name} problems in this file`, kind: 'quickfix', diagnostics: [diagnostic], edit: workspaceEdit([edit]) });
    }
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
