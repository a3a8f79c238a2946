import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bulkhead.bulkhead';

export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

/** Resolves when the document's Bulkhead diagnostics satisfy the test: on the change event, never on a timer. */
export function diagnostics(uri: vscode.Uri, test: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'bulkhead');
      if (!test(d)) return false;
      resolve(d);
      return true;
    };
    if (check()) return;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && check()) sub.dispose();
    });
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** `BH001@0:5-0:29/Warning`, sorted: code, exact range and severity in one comparable line. */
export function summary(d: readonly vscode.Diagnostic[]): string[] {
  return d
    .map((x) => `${codeOf(x)}@${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}/${vscode.DiagnosticSeverity[x.severity]}`)
    .sort();
}

/** Everything a person sees of a diagnostic, with the docs page the code links to (by file name). */
export function details(d: readonly vscode.Diagnostic[]): { code: string; line: number; severity: string; message: string; docs: string }[] {
  return [...d]
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((x) => {
      const target = typeof x.code === 'object' ? x.code.target : undefined;
      assert.ok(target, `${codeOf(x)} links to its documentation`);
      assert.equal(target.scheme, 'file');
      assert.equal(path.posix.basename(path.posix.dirname(target.path)), 'rules');
      return { code: codeOf(x), line: x.range.start.line, severity: vscode.DiagnosticSeverity[x.severity], message: x.message, docs: path.posix.basename(target.path) };
    });
}

export async function open(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

export async function untitled(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

/**
 * The code actions for a range. The editor fetches the edit of a file-wide fix when it is picked
 * (codeAction/resolve); `resolve` is how many actions get theirs here (0: as listed in the menu).
 */
export async function actions(doc: vscode.TextDocument, range: vscode.Range, kind?: string, resolve = 100): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, kind, resolve)) ?? [];
}

export async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, 'the action has an edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
}

export async function hoverText(uri: vscode.Uri, line: number, character: number): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character))) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}
