import type { TextEdit } from 'vscode-languageserver-types';
import type { ResolvedSettings } from '../config/settings';
import { ignoreFileOf, parseDockerfile } from '../model/document';
import { LineIndex } from '../model/text';
import { hasEdits } from '../rules/types';
import type { Applicability, DocumentFacts, FileEdit, Finding, Rule } from '../rules/types';
import { lintModel } from './lint';

/** Applies non-overlapping edits to text. Overlapping edits after the first are dropped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** Whether two edit lists touch overlapping ranges (insertions at the same point count as overlapping). */
function overlaps(a: readonly TextEdit[], b: readonly TextEdit[], lines: LineIndex): boolean {
  for (const x of a) {
    const xs = lines.offsetAt(x.range.start);
    const xe = lines.offsetAt(x.range.end);
    for (const y of b) {
      const ys = lines.offsetAt(y.range.start);
      const ye = lines.offsetAt(y.range.end);
      if (xs < ye && ys < xe) return true;
      if (xs === ys && (xs === xe || ys === ye)) return true;
    }
  }
  return false;
}

export interface FixOptions {
  /** Apply unsafe fixes too (the CLI's --unsafe-fixes). */
  unsafe?: boolean;
  /** Only fix findings of these rule codes. */
  codes?: ReadonlySet<string>;
  settings?: ResolvedSettings;
  /** Rounds before giving up on convergence. */
  maxRounds?: number;
  /** Rules to run (default: all registered rules). */
  rules?: readonly Rule[];
  /** What is known of the Dockerfile's surroundings (its .dockerignore). */
  facts?: DocumentFacts;
}

/** A file other than the Dockerfile that the fixes changed, with its text after them. */
export interface FixedFile {
  /** As the fix names it: relative to the Dockerfile's folder. */
  path: string;
  text: string;
  /** The file did not exist before: the adapter creates it. */
  created: boolean;
}

export interface FixResult {
  text: string;
  /** Fixes applied, in order, with the rule that offered them and the other files they edit. */
  applied: { code: string; title: string; files?: string[] }[];
  /** True when a round produced no more applicable fixes. */
  converged: boolean;
  /** Other files the fixes changed (today only the ignore file the facts hold); the adapter writes them. */
  files: FixedFile[];
  /** The facts after the fixes: the ignore file's new text, for linting the result. */
  facts: DocumentFacts | undefined;
}

/** A chosen fix: its rule, title and edits, of the Dockerfile and of other files. */
export interface ChosenFix {
  code: string;
  title: string;
  edits: TextEdit[];
  files?: FileEdit[];
}

function allowed(a: Applicability, unsafe: boolean): boolean {
  return a === 'safe' || (unsafe && a === 'unsafe');
}

/**
 * Applies fixes until none is left: each round lints, takes the first applicable fix of each finding
 * that does not overlap with one already taken this round, applies them, and re-parses.
 */
export function fixText(text: string, options: FixOptions = {}): FixResult {
  const applied: FixResult['applied'] = [];
  const maxRounds = options.maxRounds ?? 10;
  let current = text;
  let facts = options.facts;
  const files = new Map<string, FixedFile>();
  for (let round = 0; round < maxRounds; round++) {
    const model = parseDockerfile(current, { facts });
    const { findings } = lintModel(model, options.settings, options.rules);
    const chosen = chooseFixes(findings, model.lines, { ...options, facts });
    if (chosen.length === 0) return { text: current, applied, converged: true, files: [...files.values()], facts };
    current = applyEdits(current, chosen.flatMap((c) => c.edits));
    for (const fe of chosen.flatMap((c) => c.files ?? [])) facts = applyFileEdit(fe, facts, files);
    applied.push(...chosen.map((c) => ({ code: c.code, title: c.title, ...(c.files?.length ? { files: c.files.map((f) => f.path) } : {}) })));
  }
  return { text: current, applied, converged: false, files: [...files.values()], facts };
}

/** The facts after edits of other files: the ignore file with its new text when one of them edits it. */
export function factsAfter(facts: DocumentFacts | undefined, edits: readonly FileEdit[] | undefined): DocumentFacts | undefined {
  let out = facts;
  const files = new Map<string, FixedFile>();
  for (const fe of edits ?? []) out = applyFileEdit(fe, out, files);
  return out;
}

/** Applies an edit of another file to what the facts know of it, and returns the facts with the file's new text. */
function applyFileEdit(fe: FileEdit, facts: DocumentFacts | undefined, files: Map<string, FixedFile>): DocumentFacts | undefined {
  if (!facts || fe.path !== ignoreFileOf(facts)) return facts;
  const known = facts.dockerignore;
  const before = files.get(fe.path) ?? { path: fe.path, text: known?.text ?? '', created: !known };
  const after = { ...before, text: applyEdits(before.text, fe.edits) };
  files.set(fe.path, after);
  return { ...facts, dockerignore: { path: known?.path ?? fe.path, text: after.text } };
}

/**
 * Whether the fixes the options allow can apply a fix's edits of other files: only the ignore file of the facts is
 * known (its text is what the positions refer to); a fix that edits any other file is left to the editor.
 */
export function filesKnown(files: readonly FileEdit[] | undefined, facts: DocumentFacts | undefined): boolean {
  if (!files || files.length === 0) return true;
  return facts?.dockerignore !== undefined && files.every((f) => f.path === ignoreFileOf(facts));
}

/** The fixes one round applies: at most one per finding, identical fixes once, no overlaps. */
export function chooseFixes(findings: readonly Finding[], lines: LineIndex, options: FixOptions): ChosenFix[] {
  const chosen: ChosenFix[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (options.codes && !options.codes.has(f.code)) continue;
    const fix = f.fixes.find((x) => allowed(x.applicability, options.unsafe ?? false) && hasEdits(x) && filesKnown(x.files, options.facts));
    if (!fix) continue;
    const key = JSON.stringify([fix.edits, fix.files ?? []]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (chosen.some((c) => overlaps(c.edits, fix.edits, lines))) continue;
    // Two fixes of one other file in a round would both be placed against its old text.
    if (fix.files?.some((fe) => chosen.some((c) => c.files?.some((x) => x.path === fe.path)))) continue;
    chosen.push({ code: f.code, title: fix.title, edits: fix.edits, ...(fix.files?.length ? { files: fix.files } : {}) });
  }
  return chosen;
}
