import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { parseExecForm, shellText, stageChain } from '../../model/document';
import type { ExecForm } from '../../model/document';
import { substitute } from '../../model/variables';
import type { Reference } from '../types';

/** References for rules about how a Dockerfile is written rather than what it runs. */
export const HYGIENE: readonly Reference[] = [
  { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  { standard: 'CWE', id: 'CWE-710', title: 'Improper Adherence to Coding Standards', url: 'https://cwe.mitre.org/data/definitions/710.html' },
];

/** Removes Docker's quotes and backslash escapes from one word (`"my dir"` → `my dir`). */
export function unquote(text: string, escapeChar = '\\'): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
    } else if (c === escapeChar && i + 1 < text.length && quote === null) {
      out += text[++i] ?? '';
    } else if (c === escapeChar && quote === '"' && (text[i + 1] === '"' || text[i + 1] === escapeChar)) {
      out += text[++i] ?? '';
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else out += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else out += c;
  }
  return out;
}

/** Strips one pair of surrounding quotes, as hadolint's `dropQuotes` does (any run of `"` and `'` at both ends). */
export function dropQuotes(text: string): string {
  return text.replace(/^["']+/, '').replace(/["']+$/, '');
}

/** The instruction's arguments as one line (continuations joined), trimmed. */
export function argumentsText(instr: Instr): string {
  return (instr.node.getArgumentsContent() ?? '').trim();
}

/** The value of a word after Docker's variable substitution and quote removal; null when unknown before build time. */
export function resolveWord(model: DockerfileModel, instr: Instr, written: string): string | null {
  const undeclaredUnknown = instr.stage !== undefined && instr.stage.base.kind !== 'scratch';
  const v = substitute(written, instr.scope, { undeclaredUnknown, escapeChar: model.escapeChar }).value;
  return v === null ? null : unquote(v, model.escapeChar);
}

/** A path word that is absolute on Linux (`/app`) or Windows (`C:\app`, `C:/app`, `\app`). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path);
}

export interface CopyParts {
  sources: { value: string; range: Range }[];
  dest: { value: string; range: Range } | undefined;
  /** Sources are heredocs (`COPY <<EOF /x`). */
  heredoc: boolean;
}

/** The sources and destination of a COPY or ADD, in shell or JSON form, as written (quotes kept in shell form). */
export function copyParts(model: DockerfileModel, instr: Instr): CopyParts {
  const args = instr.args;
  const first = args[0];
  if (!first) return { sources: [], dest: undefined, heredoc: false };
  const exec = execForm(model, instr);
  const words = exec
    ? exec.strings.map((s) => ({ value: s.value, range: model.lines.range(s.start, s.end) }))
    : shellArgs(instr).map((a) => ({ value: a.getValue(), range: a.getRange() }));
  const dest = words.length >= 2 ? words[words.length - 1] : undefined;
  return { sources: words.slice(0, -1), dest, heredoc: words.some((w) => /^<<-?["']?\w/.test(w.value)) };
}

/** Instructions of the stage and the stages it builds on that come before `instr` (parents first). */
export function instructionsBefore(stage: Stage, instr: Instr): Instr[] {
  const out: Instr[] = [];
  for (const s of stageChain(stage).reverse()) {
    for (const i of s.instructions) {
      if (i === instr) return out;
      out.push(i);
    }
  }
  return out;
}

/**
 * The instruction's arguments as a JSON array (exec form), line continuations included; null in shell form.
 * Offsets are the Dockerfile's: continuations are blanked out, not removed.
 */
export function execForm(model: DockerfileModel, instr: Instr): ExecForm | null {
  const first = instr.args[0];
  if (!first) return null;
  const start = model.lines.offsetAt(first.getRange().start);
  const blanked = shellText(model, start, instr.end);
  // Parsed on the instruction's own text, then moved to Dockerfile offsets (padding the text to its offset would
  // copy the whole file per instruction).
  const exec = parseExecForm(blanked, 0, blanked.length);
  if (!exec) return null;
  return { strings: exec.strings.map((s) => ({ value: s.value, start: s.start + start, end: s.end + start, offsets: s.offsets.map((o) => o + start) })) };
}

/** A COPY's or ADD's arguments in shell form, without the bodies of its heredocs (which dockerfile-ast lists as arguments). */
function shellArgs(instr: Instr): Instr['args'] {
  const args = instr.args;
  const markers = args.filter((a) => /^<<-?["']?\w/.test(a.getValue()));
  const last = markers[markers.length - 1];
  if (!last) return args;
  const line = last.getRange().start.line;
  return args.filter((a) => a.getRange().start.line <= line);
}

/** A `--from` value that reads as an image reference rather than a stage name. */
export function looksLikeImage(value: string): boolean {
  return /[:/@]/.test(value);
}

/** The `--from` flag of a COPY, if any: its value as written and its range. */
export function fromFlag(instr: { node: unknown }): { written: string; range: Range } | undefined {
  const node = instr.node as { getFromFlag?: () => { getValue(): string | null; getValueRange(): Range | null } | null };
  const flag = node.getFromFlag?.();
  const written = flag?.getValue();
  const range = flag?.getValueRange();
  if (!flag || written === null || written === undefined || !range) return undefined;
  return { written, range };
}
