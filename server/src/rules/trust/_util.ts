import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel, Instr } from '../../model/document';
import { argumentsStart, mayHold, parseExecForm, withCarried } from '../../model/document';
import { del, removeInstruction, removeItems, replace } from '../../model/edits';
import type { Sequence, SequenceItem, ShellCommand, ShellWord } from '../../model/shell';
import { substitute } from '../../model/variables';

/** A word as the command receives it: `word` is where it is written; `fromVariable` when it came out of `$VAR` (no edit can remove it alone). */
export interface Arg {
  value: string;
  word: ShellWord;
  fromVariable: boolean;
}

/** The value of a word that cannot be known before the build: no flag or setting matches it. */
export const UNKNOWN = '\u0000';

/**
 * A command's arguments with ARG and ENV values substituted: a bare `$OPTS` splits into words as the shell splits
 * it, `"$OPT"` stays one word; a word whose value cannot be known is UNKNOWN.
 */
export function argsOf(c: IndexedCommand): Arg[] {
  const out: Arg[] = [];
  for (const word of c.args) {
    if (word.value !== null) {
      out.push({ value: word.value, word, fromVariable: false });
      continue;
    }
    const quoted = /^"[^"]*"$/.test(word.raw);
    const raw = quoted ? word.raw.slice(1, -1) : word.raw;
    const value = /[`'"\\]|\$\(/.test(raw) ? null : substitute(raw, c.instr.scope, { undeclaredUnknown: true }).value;
    if (value === null) {
      out.push({ value: UNKNOWN, word, fromVariable: true });
      continue;
    }
    if (quoted) out.push({ value, word, fromVariable: true });
    else for (const v of value.split(/\s+/).filter((s) => s !== '')) out.push({ value: v, word, fromVariable: true });
  }
  return out;
}

/** Whether the RUN is in exec form (`RUN ["curl", "-k", …]`), where words are JSON strings. */
function execForm(model: DockerfileModel, instr: Instr): boolean {
  const start = argumentsStart(model, instr);
  return start !== undefined && parseExecForm(model.text, start, instr.end) !== null;
}

/** Removes words of a command (each with the separator before it); undefined when a word is not the command's own. */
export function removeWordsEdit(model: DockerfileModel, cmd: ShellCommand, words: readonly ShellWord[]): TextEdit[] | undefined {
  const all = [cmd.name, ...cmd.args];
  const sorted = [...words].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return undefined;
  const i = all.indexOf(first);
  const j = all.indexOf(last);
  if (i <= 0 || j < i || j - i + 1 !== sorted.length) return undefined;
  const prev = all[i - 1];
  if (!prev) return undefined;
  return [del(model, prev.end, last.end)];
}

/**
 * Removes one letter from a cluster of short options (`-fsSLk` → `-fsSL`), or the whole word when it is the only
 * letter. The word must be written plainly or in plain quotes.
 */
export function removeLetterEdit(model: DockerfileModel, instr: Instr, cmd: ShellCommand, word: ShellWord, index: number): TextEdit[] | undefined {
  const value = word.value;
  if (value === null) return undefined;
  if (value.length === 2) return removeWordsEdit(model, cmd, [word]);
  const rest = value.slice(0, index) + value.slice(index + 1);
  let raw: string;
  if (word.raw === value) raw = rest;
  else if (word.raw.length === value.length + 2 && /^(["']).*\1$/s.test(word.raw) && !execForm(model, instr)) raw = `${word.raw[0] ?? ''}${rest}${word.raw[0] ?? ''}`;
  else if (execForm(model, instr) && word.raw === JSON.stringify(value)) raw = JSON.stringify(rest);
  else return undefined;
  return [replace(model, word.start, word.end, raw)];
}

/** Removes a whole command that is a statement of its own (`… && npm config set strict-ssl false && …`). */
export function removeCommandEdit(model: DockerfileModel, c: IndexedCommand): TextEdit[] | undefined {
  const cmd = c.command;
  const item = cmd.item;
  const seq = cmd.sequence;
  if (!item || !seq || item.commands.length !== 1 || cmd.pipeline.length !== 1 || cmd.inSubstitution) return undefined;
  if (execForm(model, c.instr)) return undefined;
  return removeItems(model, c.instr, seq, new Set([item]));
}

/** A `NAME=value` word in shell text, with its offsets. */
export interface Assignment {
  name: string;
  value: string;
  start: number;
  end: number;
}

const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s"';&|]*)/gy;

/** The `NAME=value` words of a piece of shell text (prefix assignments, `export A=1 B=2`), with their offsets. */
export function assignmentsIn(model: DockerfileModel, start: number, end: number): Assignment[] {
  const text = model.text;
  const out: Assignment[] = [];
  let i = start;
  while (i < end) {
    // Blanks and line continuations between words.
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || (c === model.escapeChar && /^.[ \t]*\r?\n/.test(text.slice(i, i + 4)))) {
      i++;
      continue;
    }
    ASSIGNMENT.lastIndex = i;
    const m = ASSIGNMENT.exec(text);
    if (m && m.index === i && i + m[0].length <= end) {
      out.push({ name: m[1] ?? '', value: (m[2] ?? '').replace(/^(["'])(.*)\1$/s, '$2'), start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    // Some other word (`export`, `-x`): skip it.
    while (i < end && !/\s/.test(text[i] ?? '')) i++;
  }
  return out;
}

/** Where a RUN sets a variable: before a command, as an argument of `env`, or in an assignment or `export` statement. */
export interface ShellAssignment extends Assignment {
  instr: Instr;
  /** Edits that remove the assignment, if it can be removed alone. */
  remove: TextEdit[] | undefined;
}

/** Variables the RUN instructions of the file set in their shell, for names that `names` accepts. */
export function shellAssignments(model: DockerfileModel, commands: (instr: Instr) => readonly IndexedCommand[], test: RegExp, names: (name: string) => boolean): ShellAssignment[] {
  const out: ShellAssignment[] = [];
  for (const instr of withCarried(model)) {
    if (instr.keyword !== 'RUN' || !mayHold(model, instr, (w) => test.test(w))) continue;
    const script = model.shell(instr);
    if (!script) continue;
    const exec = execForm(model, instr);
    const list = commands(instr);
    for (const c of list) {
      const cmd = c.command;
      // `A=1 cmd`
      if (!exec && cmd.name.start > cmd.start) {
        for (const a of assignmentsIn(model, cmd.start, cmd.name.start)) {
          if (!names(a.name)) continue;
          let e = a.end;
          while (e < cmd.name.start && /\s|\\/.test(model.text[e] ?? '')) e++;
          out.push({ ...a, instr, remove: [del(model, a.start, e)] });
        }
      }
      // `env A=1 cmd`, `sudo A=1 cmd`
      for (const w of cmd.args) {
        if (w.start >= c.nameWord.start) break;
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.value ?? '');
        if (m && names(m[1] ?? '')) out.push({ name: m[1] ?? '', value: m[2] ?? '', start: w.start, end: w.end, instr, remove: removeWordsEdit(model, cmd, [w]) });
      }
    }
    if (exec) continue;
    // `export A=1`, `A=1` alone: statements without a command.
    const sequences = new Set<Sequence>([script.top]);
    for (const c of list) if (c.command.sequence) sequences.add(c.command.sequence);
    for (const seq of sequences) {
      for (const item of seq.items) {
        if (item.commands.length > 0) continue;
        const head = /^(?:(?:export|declare|typeset|readonly|local)(?:\s+-[a-zA-Z]+)*\s+)?[A-Za-z_][A-Za-z0-9_]*=/.exec(model.text.slice(item.start, Math.min(item.end, item.start + 200)));
        if (!head) continue;
        const found = assignmentsIn(model, item.start, item.end);
        for (const a of found) {
          if (!names(a.name)) continue;
          const remove = found.length === 1 ? removeItems(model, instr, seq, new Set<SequenceItem>([item])) : undefined;
          out.push({ ...a, instr, remove });
        }
      }
    }
  }
  return out;
}

/** A variable an ENV or ARG instruction declares, with the range of its `NAME=value` and the edit that removes it. */
export interface DeclaredVariable {
  instr: Instr;
  name: string;
  /** The value after substitution; undefined for an ARG without default, null when unknown. */
  value: string | undefined | null;
  start: number;
  end: number;
  remove: TextEdit[];
}

interface PropertyNode {
  getName(): string;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** The variables ENV and ARG instructions declare whose names `names` accepts. */
export function declaredVariables(model: DockerfileModel, names: (name: string) => boolean): DeclaredVariable[] {
  const out: DeclaredVariable[] = [];
  for (const instr of model.instructions) {
    if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
    const node = instr.node as unknown as { getProperties?: () => PropertyNode[]; getProperty?: () => PropertyNode | null };
    const props = instr.keyword === 'ENV' ? (node.getProperties?.() ?? []) : [node.getProperty?.()].filter((p): p is PropertyNode => !!p);
    props.forEach((p, i) => {
      const name = p.getName();
      if (!names(name)) return;
      const [start, end] = model.offsets(p.getRange());
      const declared = instr.declares.find(([n]) => n === name)?.[1];
      const value = declared === undefined ? null : declared.value === undefined ? (instr.keyword === 'ARG' ? undefined : null) : declared.value;
      let remove: TextEdit[];
      if (props.length === 1) remove = [removeInstruction(model, instr)];
      else {
        const prev = props[i - 1];
        const next = props[i + 1];
        if (prev) remove = [del(model, model.offsets(prev.getRange())[1], end)];
        else if (next) remove = [del(model, start, model.offsets(next.getRange())[0])];
        else remove = [removeInstruction(model, instr)];
      }
      out.push({ instr, name, value, start, end, remove });
    });
  }
  return out;
}

/**
 * Commands of RUN instructions (what the build runs) whose program `accept`s, in instructions whose words hold a
 * name (`names`) and what a finding needs (`needs`, a literal test every finding implies): others are not parsed.
 */
export function commandsWhere(ctx: { model: DockerfileModel }, names: RegExp, needs: RegExp, accept: (name: string) => boolean): IndexedCommand[] {
  const model = ctx.model;
  const index = commandIndex(model);
  const out: IndexedCommand[] = [];
  for (const instr of withCarried(model)) {
    if (instr.keyword !== 'RUN' || !mayHold(model, instr, (w) => names.test(w) && needs.test(w))) continue;
    for (const c of index.of(instr)) if (c.name !== null && accept(c.name)) out.push(c);
  }
  return out;
}

/**
 * The text a writing command (`echo`, `printf`, `sed`) puts into a file from one of its arguments: for a sed
 * substitution `s/old/new/`, only `new` (`s/sslverify=0/sslverify=1/` turns a setting back on).
 */
export function writtenText(name: string, value: string): string {
  if (name !== 'sed') return value;
  const m = /^s(.)((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1/s.exec(value);
  return m ? (m[3] ?? '') : value;
}
