import type { DockerfileModel, Instr } from '../../model/document';
import { mountTargets } from '../../model/run-context';
import type { ShellWord } from '../../model/shell';

export { shippedStages, wordValue } from '../../model/run-context';

/** The targets of a RUN's `--mount=type=cache,target=…` flags, with ARG and ENV values substituted. */
export function cacheMountTargets(instr: Instr): string[] {
  return mountTargets(instr, ['cache']);
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
