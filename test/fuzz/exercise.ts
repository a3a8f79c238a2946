import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import type { CodeAction, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { lintModel, lintText, parseDockerfile } from '../../server/src/engine';
import { codeActions, FIX_ALL_KIND, resolveCodeAction } from '../../server/src/features/code-actions';
import { applyEdits, fixText } from '../../server/src/features/fix';
import { hover } from '../../server/src/features/hover';
import { buildManifest } from '../../server/src/features/manifest';
import { argumentsStart, argumentsStartFromAst } from '../../server/src/model/document';
import { LineIndex } from '../../server/src/model/text';
import { RULES } from '../../server/src/rules/index';
import type { Fix } from '../../server/src/rules/types';
import type { Stage } from './protocol';
import { snapshot } from '../harness/model-snapshot';

/**
 * Everything the editor, the CLI and fix-on-save ask of one text, with the checks that must hold for any text:
 * no exception, every range inside the text, lint within the time budget, the fix-safety invariants.
 */

export type { Stage };

export interface Failure {
  stage: Stage;
  /** One line: what went wrong. */
  message: string;
  /** Stack or longer detail, when there is one. */
  detail?: string;
  /** What makes it the same failure as another, when the message alone says too much or too little. */
  key?: string;
}

/** The invariant checker the harness provides: see test/harness/fix-invariants.ts. */
export type InvariantChecker = (text: string) => { invariant: string; code: string; fix: string; detail: string }[];

export interface Options {
  /** Lint time budget per file, in milliseconds. */
  budgetMs: number;
  /** At most this many hover positions per text (sampled evenly when there are more word starts). */
  maxHovers: number;
  /** At most this many distinct fixes applied alone per text (sampled evenly beyond). */
  maxFixesAlone: number;
  checkInvariants?: InvariantChecker | undefined;
  /** Skip the timing check (while minimising, or replaying a text measured already). */
  skipTiming?: boolean;
}

export interface Outcome {
  failures: Failure[];
  /** Median lint time when it was re-measured, else the single measurement. */
  lintMs: number;
  /** How often each stage ran on this text (calls, not texts). */
  calls: Partial<Record<Stage, number>>;
  /** Milliseconds spent in each stage. */
  ms: Partial<Record<Stage, number>>;
}

const URI = 'file:///fuzz/Dockerfile';

/** Checks LSP ranges against the text as an LSP client splits it (CRLF, CR and LF all end a line). */
class Bounds {
  readonly lengths: number[];
  constructor(readonly lines: LineIndex) {
    this.lengths = Array.from({ length: lines.lineCount }, (_, i) => lines.lineEnd(i) - lines.lineStart(i));
  }
  position(p: Position | undefined): boolean {
    if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return false;
    return p.line >= 0 && p.line < this.lengths.length && p.character >= 0 && p.character <= (this.lengths[p.line] ?? -1);
  }
  range(r: Range | undefined): boolean {
    if (!r || !this.position(r.start) || !this.position(r.end)) return false;
    return r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  }
  /** Offsets of an edit list, sorted; undefined when an edit is outside the text. */
  spans(edits: readonly TextEdit[]): { start: number; end: number }[] | undefined {
    const spans: { start: number; end: number }[] = [];
    for (const e of edits) {
      if (!this.range(e.range)) return undefined;
      spans.push({ start: this.lines.offsetAt(e.range.start), end: this.lines.offsetAt(e.range.end) });
    }
    return spans.sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

/** Whether sorted spans overlap (two insertions at one point count: their order would be undefined). */
function overlapping(spans: readonly { start: number; end: number }[]): boolean {
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1] as { start: number; end: number };
    const b = spans[i] as { start: number; end: number };
    if (b.start < a.end || (b.start === a.start && (a.start === a.end || b.start === b.end))) return true;
  }
  return false;
}

const show = (r: unknown): string => JSON.stringify(r);

/** The positions a person hovers: every word start (runs of word characters, and every non-blank after a blank). */
export function wordStarts(text: string, max: number): Position[] {
  const lines = new LineIndex(text);
  const all: Position[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const t = lines.lineText(line);
    for (let c = 0; c < t.length; c++) {
      const here = t.charCodeAt(c);
      const prev = c === 0 ? 32 : t.charCodeAt(c - 1);
      const isWord = (x: number): boolean => (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122) || x === 95 || x === 36;
      const blank = (x: number): boolean => x === 32 || x === 9;
      if ((!blank(here) && blank(prev)) || (isWord(here) && !isWord(prev))) all.push({ line, character: c });
    }
    all.push({ line, character: t.length });
  }
  if (all.length <= max) return all;
  const step = all.length / max;
  return Array.from({ length: max }, (_, i) => all[Math.floor(i * step)] as Position);
}

function errorText(e: unknown): { message: string; detail: string } {
  if (e instanceof Error) return { message: `${e.name}: ${e.message.split('\n')[0] ?? ''}`, detail: e.stack ?? e.message };
  return { message: String(e), detail: String(e) };
}

/** Runs one stage; an exception becomes that stage's failure. */
function guarded(failures: Failure[], ms: Partial<Record<Stage, number>>, stage: Stage, run: () => void): void {
  const t0 = performance.now();
  try {
    run();
  } catch (e) {
    const { message, detail } = errorText(e);
    failures.push({ stage, message: `threw ${message}`, detail });
  }
  ms[stage] = (ms[stage] ?? 0) + performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Wall and CPU milliseconds of one lint. CPU time (this process's, the idle runner thread adds nothing) is what
 * other processes on a busy machine cannot inflate; wall time is what a person waits. */
export function timeLint(text: string): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  lintText(text);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** Lint may take this many times the dockerfile-ast parse of a text (the bench's floor target). */
const FLOOR_RATIO = 2.5;

/** Wall time of the parse floor: dockerfile-ast on the text, then tree-sitter on every script in it, ms. */
function timeParse(text: string): number {
  const t0 = performance.now();
  DockerfileParser.parse(text);
  const t1 = performance.now();
  const model = parseDockerfile(text, { prefilters: false });
  const t2 = performance.now();
  for (const instr of model.instructions) model.shell(instr);
  return t1 - t0 + (performance.now() - t2);
}

/** Where a slow lint spends its time: the parse (dockerfile-ast, model), then each rule alone, slowest first. */
export function lintBreakdown(text: string): { part: string; ms: number }[] {
  let t0 = performance.now();
  const model = parseDockerfile(text);
  const parts = [{ part: 'parse', ms: performance.now() - t0 }];
  for (const rule of RULES) {
    t0 = performance.now();
    lintModel(model, undefined, [rule]);
    parts.push({ part: rule.name, ms: performance.now() - t0 });
  }
  return parts.sort((a, b) => b.ms - a.ms);
}

export function exercise(text: string, options: Options): Outcome {
  const failures: Failure[] = [];
  const calls: Partial<Record<Stage, number>> = {};
  const ms: Partial<Record<Stage, number>> = {};
  const count = (stage: Stage, n = 1): void => {
    calls[stage] = (calls[stage] ?? 0) + n;
  };

  // lint
  let result: ReturnType<typeof lintText>;
  let lintMs: number;
  try {
    const t0 = performance.now();
    result = lintText(text);
    lintMs = performance.now() - t0;
    ms.lint = lintMs;
    count('lint');
  } catch (e) {
    const { message, detail } = errorText(e);
    return { failures: [{ stage: 'lint', message: `threw ${message}`, detail }], lintMs: 0, calls, ms };
  }
  for (const err of result.errors) failures.push({ stage: 'lint', message: `rule ${err.code} threw ${err.message.split('\n')[0] ?? ''}`, detail: err.message });

  // time: one slow measurement may be another process. Three more; over budget only when both the median wall
  // time and the median CPU time are (CPU time cannot be inflated by other processes; wall time by parallel GC).
  // The budget is the larger of budgetMs and the project's bound of 2.5 times the parse floor of the same text:
  // dockerfile-ast's parse and tree-sitter's of every script in it. Nothing built on those parsers lints a 100 KB
  // line, or a script that sends tree-sitter's error recovery into thousands of continuations, faster.
  if (!options.skipTiming && lintMs > options.budgetMs) {
    const t0 = performance.now();
    const runs = [timeLint(text), timeLint(text), timeLint(text)];
    const wall = median(runs.map((r) => r.wall));
    const cpu = median(runs.map((r) => r.cpu));
    lintMs = Math.min(wall, cpu);
    const floor = median([timeParse(text), timeParse(text), timeParse(text)]);
    const budget = Math.max(options.budgetMs, FLOOR_RATIO * floor);
    ms.time = performance.now() - t0;
    count('time');
    if (lintMs > budget) {
      const parts = lintBreakdown(text);
      const top = parts[0] as { part: string; ms: number };
      failures.push({
        stage: 'time',
        message: `lint took ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU (medians of 3), over ${budget.toFixed(0)} ms (the parsers alone take ${floor.toFixed(1)} ms); most in ${top.part}`,
        detail: `${parts.map((p) => `${p.part} ${p.ms.toFixed(1)} ms`).join(', ')} (the first rule to read an instruction's shell pays for parsing it)`,
      });
    }
  }

  const { model, findings } = result;
  const bounds = new Bounds(model.lines);

  // ranges: findings and the edits they carry
  guarded(failures, ms, 'ranges', () => {
    count('ranges');
    for (const f of findings) {
      if (!bounds.range(f.range)) failures.push({ stage: 'ranges', message: `${f.code} finding range outside the text: ${show(f.range)}` });
      if (!Number.isInteger(f.instructionLine) || f.instructionLine < 0 || f.instructionLine >= model.lines.lineCount) {
        failures.push({ stage: 'ranges', message: `${f.code} instructionLine ${f.instructionLine} outside the text` });
      }
      for (const fix of f.fixes) {
        const spans = bounds.spans(fix.edits);
        if (!spans) failures.push({ stage: 'ranges', message: `${f.code} fix "${fix.title}" edits outside the text: ${show(fix.edits.map((e) => e.range))}` });
        else if (overlapping(spans)) failures.push({ stage: 'ranges', message: `${f.code} fix "${fix.title}" has overlapping edits: ${show(spans)}` });
      }
    }
  });

  // fix-alone: each distinct fix applied by itself still gives a text every rule can lint
  guarded(failures, ms, 'fix-alone', () => {
    const distinct = new Map<string, { code: string; fix: Fix }>();
    for (const f of findings) {
      for (const fix of f.fixes) {
        if (fix.edits.length === 0) continue;
        const key = show(fix.edits);
        if (!distinct.has(key)) distinct.set(key, { code: f.code, fix });
      }
    }
    let list = [...distinct.values()];
    if (list.length > options.maxFixesAlone) {
      const step = list.length / options.maxFixesAlone;
      list = Array.from({ length: options.maxFixesAlone }, (_, i) => list[Math.floor(i * step)] as { code: string; fix: Fix });
    }
    for (const { code, fix } of list) {
      count('fix-alone');
      const after = lintText(applyEdits(text, fix.edits));
      for (const err of after.errors) {
        failures.push({ stage: 'fix-alone', message: `after ${code} "${fix.title}", rule ${err.code} threw ${err.message.split('\n')[0] ?? ''}`, detail: err.message });
      }
    }
  });

  // fix-all: the safe fixes together (fix-all, fix-on-save, `--fix`), and with the unsafe ones (`--unsafe-fixes`)
  guarded(failures, ms, 'fix-all', () => {
    for (const unsafe of [false, true]) {
      count('fix-all');
      const fixed = fixText(text, { unsafe });
      if (!fixed.converged) failures.push({ stage: 'fix-all', message: `${unsafe ? 'unsafe' : 'safe'} fixes do not converge (${fixed.applied.map((a) => a.code).join(' ')})` });
      const again = lintText(fixed.text);
      for (const err of again.errors) failures.push({ stage: 'fix-all', message: `after ${unsafe ? 'unsafe' : 'safe'} fix-all, rule ${err.code} threw ${err.message.split('\n')[0] ?? ''}`, detail: err.message });
    }
  });

  // hover: every word start (a bounded sample on huge texts), every finding start and the end of the text
  guarded(failures, ms, 'hover', () => {
    const positions = [...wordStarts(text, options.maxHovers), ...findings.slice(0, 200).map((f) => f.range.start)];
    const end = model.lines.positionAt(text.length);
    positions.push(end);
    for (const p of positions) {
      count('hover');
      const h = hover(model, findings, p);
      if (h?.range && !bounds.range(h.range)) {
        failures.push({ stage: 'hover', message: `hover at ${show(p)} has a range outside the text: ${show(h.range)}` });
        break;
      }
      if (h && typeof (h.contents as { value?: unknown }).value !== 'string') {
        failures.push({ stage: 'hover', message: `hover at ${show(p)} has no markdown value` });
        break;
      }
    }
  });

  // code actions: every line, as the lightbulb asks; deferred file-wide fixes resolved once each
  guarded(failures, ms, 'code-actions', () => {
    const deferred = new Map<string, CodeAction>();
    const checkAction = (a: CodeAction, where: string): boolean => {
      const edits = a.edit?.changes?.[URI] ?? [];
      const other = Object.keys(a.edit?.changes ?? {}).filter((u) => u !== URI);
      if (other.length > 0) {
        failures.push({ stage: 'code-actions', message: `"${a.title}" (${where}) edits another document: ${other.join(', ')}` });
        return false;
      }
      const spans = bounds.spans(edits);
      if (!spans) {
        failures.push({ stage: 'code-actions', message: `"${a.title}" (${where}) edits outside the text: ${show(edits.map((e) => e.range))}` });
        return false;
      }
      if (overlapping(spans)) {
        failures.push({ stage: 'code-actions', message: `"${a.title}" (${where}) has overlapping edits: ${show(spans)}` });
        return false;
      }
      return true;
    };
    for (let line = 0; line < model.lines.lineCount; line++) {
      const range = { start: { line, character: 0 }, end: { line, character: bounds.lengths[line] ?? 0 } };
      count('code-actions');
      const actions = codeActions({ uri: URI, model, findings, range, resolveLater: true });
      for (const a of actions) {
        if (!a.edit) {
          if (a.data !== undefined) deferred.set(show(a.data), a);
          continue;
        }
        if (!checkAction(a, `line ${line}`)) return;
      }
    }
    // The file-wide fix-all, computed now as fix-on-save asks for it, then each deferred action as if picked.
    count('code-actions');
    for (const a of codeActions({ uri: URI, model, findings, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, only: [FIX_ALL_KIND] })) {
      if (!checkAction(a, 'fix-all')) return;
    }
    for (const a of deferred.values()) {
      count('code-actions');
      const resolved = resolveCodeAction(a, model);
      if (!resolved.edit) failures.push({ stage: 'code-actions', message: `"${a.title}" did not resolve to an edit` });
      else if (!checkAction(resolved, 'resolved')) return;
    }
  });

  // incremental: the model parsed from an earlier version (this text with a line taken out, then put back as
  // typing would) is the model a fresh parse gives
  guarded(failures, ms, 'incremental', () => {
    count('incremental');
    const model0 = parseDockerfile(text);
    // Where arguments start is read from the text; dockerfile-ast's tokenizer is the reference.
    for (const instr of model0.instructions) {
      if (argumentsStart(model0, instr) !== argumentsStartFromAst(model0, instr)) {
        failures.push({ stage: 'incremental', message: `arguments of line ${instr.line + 1} start elsewhere than dockerfile-ast says` });
        return;
      }
    }
    const fresh = JSON.stringify(snapshot(model0));
    const breaks = [...text.matchAll(/\n/g)].map((m) => m.index);
    const cuts = [0, breaks[Math.floor(breaks.length / 2)] ?? 0, breaks[breaks.length - 2] ?? 0].map((b) => (b === 0 ? 0 : b + 1));
    for (const cut of new Set(cuts)) {
      const next = text.indexOf('\n', cut);
      const earlier = text.slice(0, cut) + (next < 0 ? '' : text.slice(next + 1));
      const model = parseDockerfile(text, { previous: parseDockerfile(earlier) });
      if (JSON.stringify(snapshot(model)) !== fresh) {
        failures.push({ stage: 'incremental', message: `parsing from the version without line ${text.slice(0, cut).split('\n').length} differs from a fresh parse` });
        return;
      }
    }
  });

  // manifest: builds, serialises for the webview, and every line it points at exists
  guarded(failures, ms, 'manifest', () => {
    count('manifest');
    const manifest = buildManifest(model, findings);
    JSON.parse(JSON.stringify(manifest));
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'line' && x !== null && (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= model.lines.lineCount)) {
            failures.push({ stage: 'manifest', message: `${path}.line = ${show(x)} is not a line of the text (${model.lines.lineCount} lines)` });
          } else if (k === 'range' && x && !bounds.range(x as Range)) {
            failures.push({ stage: 'manifest', message: `${path}.range outside the text: ${show(x)}` });
          } else walk(x, `${path}.${k}`);
        }
      }
    };
    walk(manifest, 'manifest');
  });

  // invariants: the lead's harness applies each fix alone and all safe fixes together and checks the contract
  if (options.checkInvariants) {
    const check = options.checkInvariants;
    guarded(failures, ms, 'invariants', () => {
      count('invariants');
      for (const v of check(text)) {
        failures.push({
          stage: 'invariants',
          message: `${v.invariant}: ${v.code} "${v.fix}": ${v.detail.split('\n')[0] ?? ''}`,
          detail: v.detail,
          key: `${v.invariant} of ${v.code} "${v.fix.replace(/"[^"]*"/g, '…')}"`,
        });
      }
    });
  }

  return { failures, lintMs, calls, ms };
}

/**
 * What makes two failures the same bug: the stage, the message with numbers and quoted text blurred, and for an
 * exception the engine frame it came from.
 */
export function signature(f: Failure): string {
  const blurred = f.message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\{[^}]*\}/g, '{…}')
    .replace(/\b\d+(\.\d+)?\b/g, 'N');
  if (f.key) return `${f.stage}: ${f.key}`;
  // Slow lints are one kind: where the time goes is in the message, and it moves with the load.
  if (f.stage === 'time') return 'time: lint over budget';
  const frame = /at .*?((?:server|shared)[\\/]src[\\/][^:)]+:\d+)/.exec(f.detail ?? '')?.[1];
  return `${f.stage}: ${blurred}${frame ? ` @ ${frame}` : ''}`;
}
