import type { TextEdit } from 'vscode-languageserver-types';
import type { ResolvedSettings } from '../config/settings';
import { parseDockerfile } from '../model/document';
import { LineIndex } from '../model/text';
import type { Applicability, DocumentFacts, Finding, Rule } from '../rules/types';
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

export interface FixResult {
  text: string;
  /** Fixes applied, in order, with the rule that offered them. */
  applied: { code: string; title: string }[];
  /** True when a round produced no more applicable fixes. */
  converged: boolean;
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
  for (let round = 0; round < maxRounds; round++) {
    const model = parseDockerfile(current, { facts: options.facts });
    const { findings } = lintModel(model, options.settings, options.rules);
    const chosen = chooseFixes(findings, model.lines, options);
    if (chosen.length === 0) return { text: current, applied, converged: true };
    current = applyEdits(current, chosen.flatMap((c) => c.edits));
    applied.push(...chosen.map((c) => ({ code: c.code, title: c.title })));
  }
  return { text: current, applied, converged: false };
}

/** The fixes one round applies: at most one per finding, identical fixes once, no overlaps. */
export function chooseFixes(findings: readonly Finding[], lines: LineIndex, options: FixOptions): { code: string; title: string; edits: TextEdit[] }[] {
  const chosen: { code: string; title: string; edits: TextEdit[] }[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (options.codes && !options.codes.has(f.code)) continue;
    const fix = f.fixes.find((x) => allowed(x.applicability, options.unsafe ?? false) && x.edits.length > 0);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    if (chosen.some((c) => overlaps(c.edits, fix.edits, lines))) continue;
    chosen.push({ code: f.code, title: fix.title, edits: fix.edits });
  }
  return chosen;
}
