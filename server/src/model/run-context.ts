import type { DockerfileModel, Instr, Stage } from './document';
import { stageChain } from './document';
import type { ShellWord } from './shell';
import { substitute } from './variables';

/** What rules about the shipped image ask of a RUN: which stages ship, what a word holds, what its mounts keep out. */

/** The stages whose layers end up in the shipped image: the final stage and the stages it builds on. */
export function shippedStages(model: DockerfileModel): ReadonlySet<Stage> {
  return new Set(model.finalStage ? stageChain(model.finalStage) : []);
}

/**
 * A word's value as the shell sees it when it runs: a static word as written, a word that only expands ARG or
 * ENV variables (`curl=$CURL_VERSION`, `"${PKG}"`) with their values substituted. Null when it cannot be known
 * (a variable without a value, a command substitution, a variable the base image may set).
 */
export function wordValue(instr: Instr, word: ShellWord): string | null {
  if (word.value !== null) return word.value;
  let raw = word.raw;
  if (/^"[^"]*"$/.test(raw)) raw = raw.slice(1, -1);
  if (/[`'"\\]|\$\(/.test(raw)) return null;
  return substitute(raw, instr.scope, { undeclaredUnknown: true }).value;
}

interface FlagNode {
  getName(): string;
  getValue(): string | null;
}

/** The targets of a RUN's `--mount=type=…` flags of the given types, ARG and ENV values substituted, without a trailing slash. */
export function mountTargets(instr: Instr, types: readonly string[]): string[] {
  const node = instr.node as unknown as { getFlags?: () => FlagNode[] };
  const out: string[] = [];
  for (const flag of node.getFlags?.() ?? []) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const fields = new Map<string, string>();
    for (const part of (flag.getValue() ?? '').split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    if (!types.includes(fields.get('type') ?? '')) continue;
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target === undefined) continue;
    const value = substitute(target.replace(/^["']|["']$/g, ''), instr.scope, { undeclaredUnknown: true }).value;
    if (value !== null) out.push(value.replace(/\/+$/, '') || '/');
  }
  return out;
}
