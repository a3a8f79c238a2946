import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { argumentsStart, parseExecForm } from '../../model/document';
import type { DockerfileModel, Instr } from '../../model/document';
import { mountTargets, wordValue } from '../../model/run-context';
import { insertAt, replace } from '../../model/edits';
import { VALUE_OPTIONS } from '../../model/packages';
import type { PackageManager } from '../../model/packages';
import { basename } from '../../model/shell';
import type { ShellWord } from '../../model/shell';

/** Helpers shared by the system-package rules. */

export { shippedStages } from '../../model/run-context';
export { wordValue };

/** The targets of a RUN's cache and tmpfs mounts (what they hold never reaches a layer), variables substituted. */
export function throwawayMounts(instr: Instr): string[] {
  return mountTargets(instr, ['cache', 'tmpfs']);
}

/** Whether `path` is the folder `dir` or one of its parents. */
export function covers(path: string, dir: string): boolean {
  const p = path.replace(/\/+$/, '');
  return dir === p || dir.startsWith(`${p}/`);
}

/** Whether a mount of the RUN keeps one of these folders out of the image. */
export function mounted(instr: Instr, dirs: readonly string[]): boolean {
  const targets = throwawayMounts(instr);
  return dirs.some((d) => targets.some((t) => covers(t, d)));
}

/**
 * Whether a later command of the same RUN removes one of these folders or everything in it: `rm -rf DIR`,
 * `rm -rf DIR/*`, or a parent of DIR.
 */
export function removedLater(model: DockerfileModel, c: IndexedCommand, dirs: readonly string[]): boolean {
  return commandIndex(model)
    .of(c.instr)
    .some((o) => {
      if (o.start < c.end || o.name !== 'rm') return false;
      return o.args.some((a) => {
        const v = wordValue(o.instr, a) ?? a.raw;
        if (v.startsWith('-')) return false;
        const path = v.replace(/\/\*$/, '');
        return path.startsWith('/') && !/[*?[]/.test(path) && dirs.some((d) => covers(path, d));
      });
    });
}

/** The verb of a package-manager command: its first word that is neither an option nor an option's value. */
export function verbOf(c: IndexedCommand, manager: PackageManager): ShellWord | undefined {
  const values = VALUE_OPTIONS[manager];
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i];
    if (!a) continue;
    const v = a.value;
    if (v === null) return undefined;
    if (v.startsWith('-')) {
      if (values.has(v)) i++;
      continue;
    }
    return a;
  }
  return undefined;
}

/** Whether the word is a string of an exec-form (JSON) RUN, where inserted words must be JSON strings too. */
function execString(model: DockerfileModel, instr: Instr, word: ShellWord): boolean {
  const start = argumentsStart(model, instr);
  const exec = start === undefined ? null : parseExecForm(model.text, start, instr.end);
  return exec !== null && exec.strings.some((s) => s.start === word.start);
}

/**
 * Inserts text right after `offset`, as a replacement of the character before it: an edit inside the
 * instruction, even where the offset is the instruction's end (a bare insertion there would read as touching
 * nothing).
 */
export function insertAfter(model: DockerfileModel, offset: number, text: string): TextEdit {
  return offset > 0 ? replace(model, offset - 1, offset, model.text.slice(offset - 1, offset) + text) : insertAt(model, offset, text);
}

/** Inserts an option after a word of the command (its verb, its name), as a JSON string in an exec-form RUN. */
export function insertWordAfter(model: DockerfileModel, c: IndexedCommand, word: ShellWord, option: string): TextEdit {
  return insertAfter(model, word.end, execString(model, c.instr, word) ? `, "${option}"` : ` ${option}`);
}

/** The range from the program's name to the verb: what a finding about a package-manager command points at. */
export function commandHead(model: DockerfileModel, c: IndexedCommand, verb: ShellWord | undefined): ReturnType<DockerfileModel['lines']['range']> {
  return model.lines.range(c.nameWord.start, (verb ?? c.nameWord).end);
}

/** `sudo ` when the command runs through sudo, so that an appended command does too. */
export function sudoPrefix(c: IndexedCommand): string {
  const n = c.command.name.value;
  return n !== null && basename(n) === 'sudo' ? 'sudo ' : '';
}

/** A RUN whose script is a heredoc: `RUN <<EOF` or `RUN sh <<EOF` (with a newline right after the marker). */
const HEREDOC_SCRIPT = /^(?:(?:\/bin\/|\/usr\/bin\/)?(?:ba|da|a|z)?sh(?:\s+-[a-z]+)*\s+)?<<-?(["']?)[A-Za-z_]\w*\1[ \t]*\r?\n/;

/**
 * An edit that runs `command` after everything else a RUN does: ` && command` after the last statement of a
 * shell-form RUN, a new line at the end of a heredoc script. Undefined where that cannot be done safely: an
 * exec-form RUN, a script tree-sitter could not read, or one holding a heredoc of its own (the end of its last
 * statement may be a heredoc's closing line).
 */
export function appendCommand(model: DockerfileModel, instr: Instr, command: string): TextEdit | undefined {
  const start = argumentsStart(model, instr);
  if (start === undefined || instr.keyword !== 'RUN') return undefined;
  if (parseExecForm(model.text, start, instr.end)) return undefined;
  const script = model.shell(instr);
  if (!script || script.hasErrors) return undefined;
  const last = script.top.items[script.top.items.length - 1];
  if (!last) return undefined;
  const head = HEREDOC_SCRIPT.exec(model.text.slice(start, Math.min(instr.end, start + 200)));
  const bodyStart = head ? start + head[0].length : start;
  if (model.text.slice(bodyStart, last.end).includes('<<')) return undefined;
  if (!head) return insertAfter(model, last.end, ` && ${command}`);
  // A heredoc script: a line of its own after the line of the last statement.
  const line = model.lines.positionAt(last.end).line;
  if (/\\[ \t]*$/.test(model.lines.lineText(line))) return undefined;
  return insertAfter(model, model.lines.lineEnd(line), `${model.lines.eol}${command}`);
}

/** The command's arguments with ARG and ENV values substituted (null where unknown). */
export function argValues(c: IndexedCommand): (string | null)[] {
  return c.args.map((a) => wordValue(c.instr, a));
}

/**
 * Whether the arguments hold one of these options, as `IndexedCommand.hasFlag` reads them (a long option also
 * as `--opt=value`, a one-letter option also inside a cluster), on values with variables substituted. Options
 * end at `--`.
 */
export function hasOption(values: readonly (string | null)[], ...names: string[]): boolean {
  for (const v of values) {
    if (v === '--') return false;
    if (v === null || v.length < 2 || v[0] !== '-') continue;
    const name = v.startsWith('--') && v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
    for (const n of names) {
      if (name === n) return true;
      if (n.length === 2 && n[1] !== '-' && !name.startsWith('--') && /^-[A-Za-z0-9]+$/.test(name) && name.includes(n[1] ?? '')) return true;
    }
  }
  return false;
}

/** apt-get's options that make a command only simulate or download (apt-get(8)): nothing is installed, nothing asked. */
export function aptNoAction(values: readonly (string | null)[]): boolean {
  return hasOption(values, '-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act', '-d', '--download-only', '--print-uris');
}

/**
 * Whether an argument whose value is unknown could hold an option: a variable could (`$APT_OPTS`); the output
 * of a command substitution (`$(cat packages.txt)`) is taken to be package names.
 */
export function unknownOption(c: IndexedCommand): boolean {
  return c.args.some((a) => wordValue(c.instr, a) === null && !/\$\(|`/.test(a.raw));
}
