import { validate } from 'dockerfile-utils';
import type { TextEdit } from 'vscode-languageserver-types';
import { applyEdits, chooseFixes, factsAfter, filesKnown } from '../../server/src/features/fix';
import { lintModel } from '../../server/src/features/lint';
import { parseDockerfile } from '../../server/src/model/document';
import type { DockerfileModel } from '../../server/src/model/document';
import { LineIndex } from '../../server/src/model/text';
import { RULES } from '../../server/src/rules/index';
import { hasEdits } from '../../server/src/rules/types';
import type { DocumentFacts, FileEdit, Finding, Rule } from '../../server/src/rules/types';

/**
 * Fix-safety invariants, declared once and checked for every fix that the registered rules offer, so a new
 * rule's fixes are covered without new test code:
 * - `untouched`: every instruction that no edit of the fix touches stays byte-identical, in the same order,
 *   and no instruction appears away from the edits (nothing glued into another instruction or lost);
 * - `utils-error`: the fixed text has no `dockerfile-utils` error that the original did not have;
 * - `converges`: fixing until nothing is left ends, and fixing again changes nothing;
 * - `edit-range`: every edit lies inside the document, and the edits of one fix do not overlap;
 * - `fixed`: the finding the fix is for is gone afterwards.
 * Edits of other files (the ignore file) are applied to the facts the next model is parsed with; their ranges
 * must lie inside the file's text as the facts hold it, or at its start for a file the fix creates.
 * The edits are a fix's declaration of what it changes: an instruction is touched when an edit replaces
 * text inside it or inserts strictly inside it (an insertion at its start or end leaves it untouched).
 */
export interface InvariantViolation {
  invariant: 'untouched' | 'utils-error' | 'converges' | 'edit-range' | 'fixed';
  /** Rule code of the fix ('*' for fix-all rounds). */
  code: string;
  /** Fix title, or `all safe fixes` / `all fixes`. */
  fix: string;
  detail: string;
}

export interface InvariantOptions {
  /** Rules whose fixes are checked (default: every registered rule). */
  rules?: readonly Rule[];
  /** Also apply unsafe fixes together, as `bulkhead lint --fix --unsafe-fixes` does (default: true). */
  unsafeTogether?: boolean;
  /** Called once for each fix applied alone: lets a test prove that every rule's fixes were exercised. */
  onFix?: (code: string, title: string) => void;
  /** What the document's surroundings are (its `.dockerignore`); fixes that edit the ignore file update them. */
  facts?: DocumentFacts;
}

interface Span {
  start: number;
  end: number;
  text: string;
}

const MAX_ROUNDS = 10;

export function checkFixInvariants(text: string, options: InvariantOptions = {}): InvariantViolation[] {
  const rules = options.rules ?? RULES;
  const violations: InvariantViolation[] = [];
  const model = parseDockerfile(text, { facts: options.facts });
  const { findings } = lintModel(model, undefined, rules);
  const errorsBefore = utilsErrors(text);
  const seen = new Set<string>();
  for (const f of findings) {
    for (const fix of f.fixes) {
      if (fix.applicability === 'display-only' || !hasEdits(fix) || !filesKnown(fix.files, model.facts)) continue;
      const key = `${fix.title}\0${JSON.stringify([fix.edits, fix.files ?? []])}`;
      if (seen.has(key)) continue;
      seen.add(key);
      options.onFix?.(f.code, fix.title);
      const sharedBy = findings.filter((g) => g.code === f.code && g.fixes.some((x) => x.title === fix.title && sameEdits(x, fix)));
      const report = (invariant: InvariantViolation['invariant'], detail: string): void => {
        violations.push({ invariant, code: f.code, fix: fix.title, detail });
      };
      const after = checkStep(model, fix.edits, fix.files, sharedBy, errorsBefore, rules, report);
      if (after === undefined) continue;
      const rest = fixToEnd(after, rules, fix.applicability === 'unsafe');
      if (rest) report('converges', rest);
    }
  }
  for (const unsafe of options.unsafeTogether === false ? [false] : [false, true]) {
    const label = unsafe ? 'all fixes' : 'all safe fixes';
    const report = (invariant: InvariantViolation['invariant'], detail: string): void => {
      violations.push({ invariant, code: '*', fix: label, detail });
    };
    let current = model;
    let done = false;
    for (let round = 0; round < MAX_ROUNDS && !done; round++) {
      const result = lintModel(current, undefined, rules);
      const chosen = chooseFixes(result.findings, current.lines, { unsafe, facts: current.facts });
      if (chosen.length === 0) {
        done = true;
        break;
      }
      const edits = chosen.flatMap((c) => c.edits);
      const fixedFindings = result.findings.filter((g) => chosen.some((c) => c.code === g.code && g.fixes.some((x) => sameEdits(x, c))));
      const next = checkStep(current, edits, chosen.flatMap((c) => c.files ?? []), fixedFindings, errorsBefore, rules, report);
      if (next === undefined) break;
      current = next;
    }
    if (!done && violations.every((v) => v.fix !== label)) report('converges', `still fixing after ${MAX_ROUNDS} rounds`);
  }
  return violations;
}

function sameEdits(a: { edits: readonly TextEdit[]; files?: readonly FileEdit[] }, b: { edits: readonly TextEdit[]; files?: readonly FileEdit[] }): boolean {
  return JSON.stringify([a.edits, a.files ?? []]) === JSON.stringify([b.edits, b.files ?? []]);
}

/**
 * Applies one set of edits to a model and checks every invariant of that step. Returns the fixed model, or
 * undefined when the edits could not be applied meaningfully (reported).
 */
function checkStep(
  model: DockerfileModel,
  edits: readonly TextEdit[],
  files: readonly FileEdit[] | undefined,
  fixes: readonly Finding[],
  errorsBefore: readonly string[],
  rules: readonly Rule[],
  report: (invariant: InvariantViolation['invariant'], detail: string) => void,
): DockerfileModel | undefined {
  const spans = editSpans(model, edits, report);
  if (spans === undefined) return undefined;
  // Edits of other files are placed against the text the facts hold (empty for a file the fix creates).
  for (const fe of files ?? []) {
    const known = model.facts.dockerignore?.text ?? '';
    if (fe.create && model.facts.dockerignore) report('edit-range', `${fe.path} exists but the fix creates it`);
    if (editSpans({ lines: new LineIndex(known) }, fe.edits, (i, d) => report(i, `${fe.path}: ${d}`)) === undefined) return undefined;
  }
  const text = applyEdits(model.text, edits);
  const after = parseDockerfile(text, { facts: factsAfter(model.facts, files) });
  checkUntouched(model, after, spans, report);
  const before = new Map<string, number>();
  for (const e of errorsBefore) before.set(e, (before.get(e) ?? 0) + 1);
  for (const e of utilsErrors(text)) {
    const n = before.get(e) ?? 0;
    if (n === 0) report('utils-error', e);
    else before.set(e, n - 1);
  }
  const left = lintModel(after, undefined, rules).findings;
  for (const f of fixes) {
    const at = mapOffset(spans, offsetOf(model.lines, f.range.start), 'start');
    const still = left.find((g) => g.code === f.code && g.message === f.message && offsetOf(after.lines, g.range.start) === at);
    if (still) report('fixed', `"${f.message}" is still reported at line ${still.range.start.line + 1}`);
  }
  return after;
}

function offsetOf(lines: LineIndex, p: { line: number; character: number }): number {
  return lines.offsetAt(p);
}

/** The edits as offset spans, checked to lie inside the document and not to overlap. */
function editSpans(model: { lines: LineIndex }, edits: readonly TextEdit[], report: (invariant: InvariantViolation['invariant'], detail: string) => void): Span[] | undefined {
  const lines = model.lines;
  let ok = true;
  const spans: Span[] = [];
  for (const e of edits) {
    for (const p of [e.range.start, e.range.end]) {
      const inside = p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
      if (!inside) {
        report('edit-range', `position ${p.line}:${p.character} is outside the document (${lines.lineCount} lines)`);
        ok = false;
      }
    }
    const start = lines.offsetAt(e.range.start);
    const end = lines.offsetAt(e.range.end);
    if (end < start) {
      report('edit-range', `edit ends before it starts at ${e.range.start.line}:${e.range.start.character}`);
      ok = false;
    }
    spans.push({ start, end, text: e.newText });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1] as Span;
    const b = spans[i] as Span;
    if (b.start < a.end || (b.start === a.start && (a.start === a.end || b.start === b.end))) {
      report('edit-range', `edits overlap at offsets ${a.start}-${a.end} and ${b.start}-${b.end}`);
      ok = false;
    }
  }
  return ok ? spans : undefined;
}

/**
 * Where an offset of the original lands in the edited text. An instruction's start moves past insertions made
 * at it; its end does not (an insertion at the end comes after the instruction).
 */
function mapOffset(spans: readonly Span[], offset: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const s of spans) {
    const before = s.end < offset || (s.end === offset && (s.start < s.end || side === 'start'));
    if (before) delta += s.text.length - (s.end - s.start);
    else if (s.start < offset && offset < s.end) return s.start + delta;
  }
  return offset + delta;
}

function touches(span: Span, start: number, end: number): boolean {
  if (span.start === span.end) return start < span.start && span.start < end;
  return span.start < end && span.end > start;
}

function checkUntouched(before: DockerfileModel, after: DockerfileModel, spans: readonly Span[], report: (invariant: InvariantViolation['invariant'], detail: string) => void): void {
  const afterByStart = new Map(after.instructions.map((i) => [i.start, i]));
  const accounted = new Set<number>();
  for (const instr of before.instructions) {
    if (spans.some((s) => touches(s, instr.start, instr.end))) continue;
    const source = before.text.slice(instr.start, instr.end);
    const start = mapOffset(spans, instr.start, 'start');
    const end = mapOffset(spans, instr.end, 'end');
    const match = afterByStart.get(start);
    if (!match) {
      report('untouched', `line ${instr.line + 1} ${excerpt(source)} is no longer an instruction of its own`);
      continue;
    }
    accounted.add(match.start);
    const now = after.text.slice(match.start, match.end);
    if (match.end !== end || now !== source) report('untouched', `line ${instr.line + 1} ${excerpt(source)} became ${excerpt(now)}`);
  }
  // Instructions of the fixed text that are neither an untouched one nor at an edit: they came from nowhere.
  let delta = 0;
  const points = spans.map((s) => {
    const at = { start: s.start + delta, end: s.start + delta + s.text.length };
    delta += s.text.length - (s.end - s.start);
    return at;
  });
  for (const instr of after.instructions) {
    if (accounted.has(instr.start)) continue;
    if (!points.some((p) => p.start <= instr.end && instr.start <= p.end)) {
      report('untouched', `line ${instr.line + 1} ${excerpt(after.text.slice(instr.start, instr.end))} appeared away from every edit`);
    }
  }
}

function excerpt(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

/**
 * dockerfile-utils errors of a text, without positions (a fix moves lines). dockerfile-utils itself throws on
 * some malformed texts: that counts as one error, so a fix that makes it throw is caught too.
 */
function utilsErrors(text: string): string[] {
  try {
    return validate(text)
      .filter((d) => d.severity === 1)
      .map((d) => `${String(d.code ?? '')}: ${typeof d.message === 'string' ? d.message : d.message.value}`);
  } catch (e) {
    return [`dockerfile-utils threw: ${e instanceof Error ? e.message : String(e)}`];
  }
}

/** Fixes until nothing is left; a message when that does not end or is not idempotent. */
function fixToEnd(model: DockerfileModel, rules: readonly Rule[], unsafe: boolean): string | undefined {
  let current = model;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { findings } = lintModel(current, undefined, rules);
    const chosen = chooseFixes(findings, current.lines, { unsafe, facts: current.facts });
    if (chosen.length === 0) return undefined;
    current = parseDockerfile(applyEdits(current.text, chosen.flatMap((c) => c.edits)), { facts: factsAfter(current.facts, chosen.flatMap((c) => c.files ?? [])) });
  }
  return `fixing after this fix did not end within ${MAX_ROUNDS} rounds`;
}
