import type { TextEdit } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr } from './document';
import type { Sequence, SequenceItem, ShellCommand, ShellWord } from './shell';

/** Builders for the edits fixes make: each removes or inserts whole tokens, commands or lines. */

export function del(model: DockerfileModel, start: number, end: number): TextEdit {
  return { range: model.lines.range(start, end), newText: '' };
}

export function insertAt(model: DockerfileModel, offset: number, text: string): TextEdit {
  return { range: model.lines.range(offset, offset), newText: text };
}

export function replace(model: DockerfileModel, start: number, end: number, text: string): TextEdit {
  return { range: model.lines.range(start, end), newText: text };
}

/** Removes the instruction's lines entirely. */
export function removeInstruction(model: DockerfileModel, instr: Instr): TextEdit {
  const first = model.lines.lineStart(instr.line);
  const lastLine = model.lines.positionAt(instr.end).line;
  return del(model, first, model.lines.lineEndWithBreak(lastLine));
}

/** Inserts full lines before the instruction, with its indentation. */
export function insertLinesBefore(model: DockerfileModel, instr: Instr, lines: string[]): TextEdit {
  const start = model.lines.lineStart(instr.line);
  const indent = /^[ \t]*/.exec(model.lines.lineText(instr.line))?.[0] ?? '';
  const eol = model.lines.eol;
  return insertAt(model, start, lines.map((l) => indent + l + eol).join(''));
}

/**
 * Appends full lines at the end of the file. When the last instruction ends in a line continuation that
 * nothing follows (`ENV a=b \` on the last line, perhaps with empty or comment lines after it), appended lines
 * would be read as part of that instruction: the dangling escape character goes, which changes nothing Docker
 * reads, since the instruction ended at the end of the file anyway. Undefined when the file ends inside a heredoc
 * that is never closed, or in a line that would still end in an escape character, or where a lone CR makes the
 * editor's lines differ from Docker's: whatever is appended could be part of the last instruction.
 */
export function appendLines(model: DockerfileModel, lines: string[]): TextEdit | undefined {
  if (endsInOpenHeredoc(model)) return undefined;
  const eol = model.lines.eol;
  const text = model.text;
  const needsBreak = text.length > 0 && !text.endsWith('\n') && !text.endsWith('\r');
  const added = (needsBreak ? eol : '') + lines.map((l) => l + eol).join('');
  const escape = danglingContinuation(model);
  if (escape === undefined) return insertAt(model, text.length, added);
  // A lone CR ends a line for the editor but not for Docker: where the two disagree, nothing is appended.
  if (/\r(?!\n)/.test(text.slice(model.instructions[model.instructions.length - 1]?.start ?? 0))) return undefined;
  const lineStart = model.lines.lineStart(model.lines.positionAt(escape).line);
  const from = lineStart + text.slice(lineStart, escape).trimEnd().length;
  // `a \\` at the end: without its last backslash the line would still end in one; a line of a lone backslash
  // would become an empty line inside the continuation. Nothing safe to append then.
  if (text[from - 1] === model.escapeChar || from === lineStart) return undefined;
  return replace(model, from, text.length, text.slice(escape + 1).replace(/^[ \t]+/, '') + added);
}

/** Offset of the escape character that continues the last instruction into the end of the file, if any. */
function danglingContinuation(model: DockerfileModel): number | undefined {
  const last = model.instructions[model.instructions.length - 1];
  if (!last) return undefined;
  const lines = model.lines;
  let line = lines.positionAt(last.end).line;
  if (line > last.line && lines.lineStart(line) === last.end) line--;
  for (; line > last.line; line--) {
    const content = lines.lineText(line).trim();
    if (content !== '' && !content.startsWith('#')) break;
  }
  const start = lines.lineStart(line);
  const content = lines.lineText(line).replace(/[ \t]+$/, '');
  return content.endsWith(model.escapeChar) ? start + content.length - 1 : undefined;
}

/**
 * A heredoc marker: `<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<EOF`, wherever it stands in the line (dockerfile-ast also
 * reads `\<<EOF` as one), so that a file ending in what may be an open heredoc gets nothing appended.
 */
const HEREDOC_MARKER = /<<(-?)[ \t]*(["']?)([^\s"'<>|&;()]+)\2/g;

/**
 * Whether the last instruction (a RUN, COPY or ADD) opens a heredoc, on any of its lines, that no later line
 * closes, so that the file ends inside it. Lines inside a heredoc's body are not read for markers.
 */
function endsInOpenHeredoc(model: DockerfileModel): boolean {
  const last = model.instructions[model.instructions.length - 1];
  if (!last || !['RUN', 'COPY', 'ADD'].includes(last.keyword)) return false;
  const lines = model.lines;
  const pending: { strip: boolean; delim: string }[] = [];
  for (let line = last.line; line < lines.lineCount; line++) {
    const content = lines.lineText(line);
    const open = pending[0];
    if (open) {
      if ((open.strip ? content.replace(/^\t+/, '') : content) === open.delim) pending.shift();
      continue;
    }
    if (content.includes('<<')) for (const m of content.matchAll(HEREDOC_MARKER)) pending.push({ strip: m[1] === '-', delim: m[3] ?? '' });
  }
  return pending.length > 0;
}

/** Removes words of one command (package names, say), together with the space before each. */
export function removeWords(model: DockerfileModel, cmd: ShellCommand, words: readonly ShellWord[]): TextEdit[] {
  const all = [cmd.name, ...cmd.args];
  const edits: TextEdit[] = [];
  for (const w of words) {
    const i = all.indexOf(w);
    const prev = all[i - 1];
    if (i <= 0 || !prev) continue;
    edits.push(del(model, prev.end, w.end));
  }
  return edits;
}

/**
 * Removes statements from a list (`a && b && c`), with their operators. When a top-level list loses
 * every statement the whole instruction goes. Returns undefined when the statements cannot be removed
 * without breaking the script (the only statement of a nested block).
 */
export function removeItems(model: DockerfileModel, instr: Instr, seq: Sequence, remove: ReadonlySet<SequenceItem>): TextEdit[] | undefined {
  const items = seq.items;
  if (items.every((it) => remove.has(it))) {
    return seq.topLevel ? [removeInstruction(model, instr)] : undefined;
  }
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < items.length) {
    if (!remove.has(items[i] as SequenceItem)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && remove.has(items[j + 1] as SequenceItem)) j++;
    const first = items[i] as SequenceItem;
    const last = items[j] as SequenceItem;
    const before = items[i - 1];
    const after = items[j + 1];
    if (before) edits.push(del(model, before.end, last.end));
    else if (after) edits.push(del(model, first.start, after.start));
    i = j + 1;
  }
  return edits;
}
