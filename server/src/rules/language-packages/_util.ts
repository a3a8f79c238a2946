import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { stageChain } from '../../model/document';
import type { ShellWord } from '../../model/shell';
import { substitute } from '../../model/variables';

/**
 * A word's value as the shell sees it when it runs: a static word as written, a word that only expands ARG or
 * ENV variables (`foo==$VERSION`, `"${PKG}"`) with their values substituted. Null when it cannot be known (a
 * variable without a value, a command substitution, a variable the base image may set).
 */
export function wordValue(instr: Instr, word: ShellWord): string | null {
  if (word.value !== null) return word.value;
  let raw = word.raw;
  if (/^"[^"]*"$/.test(raw)) raw = raw.slice(1, -1);
  if (/[`'"\\]|\$\(/.test(raw)) return null;
  return substitute(raw, instr.scope, { undeclaredUnknown: true }).value;
}

/** The stages whose layers end up in the shipped image: the final stage and the stages it builds on. */
export function shippedStages(model: DockerfileModel): ReadonlySet<Stage> {
  return new Set(model.finalStage ? stageChain(model.finalStage) : []);
}

interface FlagNode {
  getName(): string;
  getValue(): string | null;
}

/** The targets of a RUN's `--mount=type=cache,target=…` flags, with ARG and ENV values substituted. */
export function cacheMountTargets(instr: Instr): string[] {
  const node = instr.node as unknown as { getFlags?: () => FlagNode[] };
  const out: string[] = [];
  for (const flag of node.getFlags?.() ?? []) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const fields = new Map<string, string>();
    for (const part of (flag.getValue() ?? '').split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    if (fields.get('type') !== 'cache') continue;
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target === undefined) continue;
    const value = substitute(target.replace(/^["']|["']$/g, ''), instr.scope, { undeclaredUnknown: true }).value;
    if (value !== null) out.push(value.replace(/\/+$/, '') || '/');
  }
  return out;
}

/** Whether a cache mount at `target` covers the folder `dir` (the folder itself or one of its parents). */
export function covers(target: string, dir: string): boolean {
  const d = dir.replace(/\/+$/, '');
  return d === target || d.startsWith(`${target === '/' ? '' : target}/`);
}

/** The value of a variable in an instruction's scope (ENV, or ARG during the build), if it is known. */
export function variable(instr: Instr, name: string): string | undefined {
  return instr.scope.get(name)?.value;
}

/**
 * Variables a command sets for itself: `A=1 B="x" cmd`, `env A=1 cmd`, `sudo A=1 cmd`, in order. Quotes are
 * removed; a value with an expansion is left as written.
 */
export function inlineAssignments(model: DockerfileModel, c: { command: { start: number; name: ShellWord; args: readonly ShellWord[] }; nameWord: ShellWord }): Map<string, string> {
  const out = new Map<string, string>();
  const prefix = model.text.slice(c.command.start, c.command.name.start).replace(/\\\r?\n/g, ' ');
  for (const m of prefix.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)) out.set(m[1] ?? '', (m[2] ?? '').replace(/^(["'])(.*)\1$/s, '$2'));
  for (const a of c.command.args) {
    if (a.start >= c.nameWord.start) break;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a.value ?? '');
    if (m) out.set(m[1] ?? '', m[2] ?? '');
  }
  return out;
}
