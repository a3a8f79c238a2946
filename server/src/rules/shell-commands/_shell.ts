import type { TextEdit } from 'vscode-languageserver-types';
import { argumentsStart, describeUser, parseExecForm } from '../../model/document';
import { insertAt } from '../../model/edits';
import type { DockerfileModel, Instr, Stage } from '../../model/document';
import type { IndexedCommand } from '../../model/commands';
import { basename } from '../../model/shell';
import type { ShellWord } from '../../model/shell';
import { substitute } from '../../model/variables';

/**
 * Helpers of the shell-commands family. hadolint reads a RUN's shell with ShellCheck and names each simple
 * command by its first word: it does not look past `sudo`/`env` nor into the script of `sh -c "…"`. Trivy reads
 * the RUN text split on `&&` and looks at how each part starts. These helpers say whether a finding is one those
 * tools would report too, for the finding's `aliases`.
 */

/** Whether hadolint names this command by `name`: the first word of a command of the RUN's own script. */
export function hadolintSees(c: IndexedCommand): boolean {
  return c.command.depth === 0 && c.nameWord === c.command.name;
}

/** Whether the RUN is in exec form (`RUN ["…"]`). */
export function isExecForm(model: DockerfileModel, instr: Instr): boolean {
  const start = argumentsStart(model, instr);
  return start !== undefined && model.text[start] === '[' && parseExecForm(model.text, start, instr.end) !== null;
}

/** Whether the RUN's script is a heredoc (`RUN <<EOF`, `RUN sh <<EOF`). */
export function isHeredocRun(model: DockerfileModel, instr: Instr): boolean {
  const start = argumentsStart(model, instr);
  if (start === undefined) return false;
  const head = model.text.slice(start, Math.min(instr.end, start + 200));
  return /^(?:\S*sh(?:\s+-[a-z]+)*\s+)?<</.test(head);
}

/**
 * Whether Trivy's reading of a shell-form RUN (its text split on `&&`, each part tested for how it starts)
 * sees this command at the start of a part: the first command of the script, or the first after an `&&`, with
 * nothing before its name (no assignment, no `(`), not piped into.
 */
export function trivyPartStart(model: DockerfileModel, c: IndexedCommand): boolean {
  const cmd = c.command;
  if (cmd.depth !== 0 || cmd.pipelineIndex !== 0 || cmd.inSubstitution) return false;
  if (cmd.start !== cmd.name.start) return false;
  const item = cmd.item;
  const seq = cmd.sequence;
  if (!item || !seq || item.start !== cmd.start) return false;
  if (isExecForm(model, c.instr) || isHeredocRun(model, c.instr)) return false;
  if (item.separatorBefore === '&&') return true;
  return item.separatorBefore === undefined && seq.topLevel && seq.items[0] === item;
}

/** The base name of the first word of the command as written (`sudo` in `sudo apt-get …`). */
export function writtenName(c: IndexedCommand): string | null {
  const v = c.command.name.value;
  return v === null ? null : basename(v);
}

/**
 * Whether the instruction runs as root: the last USER before it in its stage, else the user its parent stage
 * ends with, else the base image's default. Undefined when it cannot be known (a build argument, say).
 */
export function runsAsRoot(model: DockerfileModel, instr: Instr): boolean | undefined {
  const stage = instr.stage;
  if (!stage) return undefined;
  const at = stage.instructions.indexOf(instr);
  for (let i = at - 1; i >= 0; i--) {
    const u = stage.instructions[i];
    if (!u || u.keyword !== 'USER') continue;
    const written = u.node.getArgumentsContent()?.trim() ?? '';
    const value = substitute(written, u.scope, { escapeChar: model.escapeChar, undeclaredUnknown: stage.base.kind !== 'scratch' }).value;
    return describeUser(value).isRoot;
  }
  if (stage.parent) return stage.parent.user.isRoot;
  if (stage.user.source !== 'USER') return stage.user.isRoot;
  return baseDefaultIsRoot(stage);
}

/** The base image's default user is root, unless it is one of the well-known non-root images. */
function baseDefaultIsRoot(stage: Stage): boolean {
  if (stage.base.kind !== 'image') return true;
  const r = stage.base.ref;
  if (r.registry === 'gcr.io' && r.repository.startsWith('distroless/') && /(^|-)nonroot$/.test(r.tag ?? '')) return false;
  if (r.registry === 'cgr.dev' && r.repository.startsWith('chainguard/') && !/(^|-)dev$/.test(r.tag ?? '')) return false;
  return true;
}

/**
 * Inserts a line before the instruction and the comment lines right above it, so that an ignore pragma
 * written for the instruction stays with it.
 */
export function insertAbove(model: DockerfileModel, instr: Instr, line: string): TextEdit {
  const lines = model.lines;
  const i = model.instructions.indexOf(instr);
  const prev = model.instructions[i - 1];
  const prevEnd = prev ? lines.positionAt(prev.end).line : -1;
  let first = instr.line;
  while (first - 1 > prevEnd && lines.lineText(first - 1).trim().startsWith('#')) first--;
  const indent = /^[ \t]*/.exec(lines.lineText(instr.line))?.[0] ?? '';
  return insertAt(model, lines.lineStart(first), indent + line + lines.eol);
}

/**
 * A shell word's value, or, for a word that only reads variables (`$DIR`, `"${UID}"`, `/opt/$V`), its value
 * with the build arguments and ENV values visible to the instruction substituted. Null when it depends on
 * anything else (command substitution, a variable without a known value).
 */
export function resolvedWord(model: DockerfileModel, instr: Instr, word: ShellWord | undefined): string | null {
  if (!word) return null;
  if (word.value !== null) return word.value;
  const unquoted = word.raw.replace(/^"(.*)"$/s, '$1');
  if (/[`'"\\]|\$\(/.test(unquoted)) return null;
  return substitute(unquoted, instr.scope, { escapeChar: model.escapeChar, undeclaredUnknown: true }).value;
}
