import type { TextEdit } from 'vscode-languageserver-types';
import type { Rule } from '../types';
import { del } from '../../model/edits';
import type { DockerfileModel, Instr } from '../../model/document';
import { HYGIENE_REFS } from './_util';

/**
 * The empty lines inside an instruction's continuation, as BuildKit's parser reads them: after a line ending in
 * the escape character, a line of only spaces and tabs neither continues nor ends the instruction; comment lines
 * are skipped. Lines of heredoc bodies (after the instruction's first logical line) are not looked at.
 */
function emptyContinuationLines(model: DockerfileModel, instr: Instr): { lines: number[]; escapeAt: number } | undefined {
  const { lines } = model;
  const last = lines.positionAt(instr.end).line;
  const esc = model.escapeChar;
  const endsContinued = (text: string): number => {
    const trimmed = text.replace(/[ \t]+$/, '');
    return trimmed.endsWith(esc) ? trimmed.length - 1 : -1;
  };
  let at = endsContinued(lines.lineText(instr.line));
  if (at < 0) return undefined;
  let escapeAt = lines.lineStart(instr.line) + at;
  const empty: number[] = [];
  let firstEscape = -1;
  for (let line = instr.line + 1; line <= last; line++) {
    // A line break at the very end of the file opens no further line.
    if (lines.lineStart(line) >= model.text.length) break;
    const text = lines.lineText(line);
    if (/^[ \t]*$/.test(text)) {
      if (firstEscape < 0) firstEscape = escapeAt;
      empty.push(line);
      continue;
    }
    if (/^[ \t]*#/.test(text)) continue;
    at = endsContinued(text);
    if (at < 0) break;
    escapeAt = lines.lineStart(line) + at;
  }
  return empty.length > 0 ? { lines: empty, escapeAt: firstEscape } : undefined;
}

export const noEmptyContinuation: Rule = {
  code: 'BH304',
  name: 'no-empty-continuation',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'NoEmptyContinuation' }],
  references: [...HYGIENE_REFS],
  fixable: 'safe',
  docs: {
    summary: 'An empty line inside an instruction continued over several lines.',
    what:
      'A line with nothing but spaces or tabs inside an instruction whose lines end in the escape character (`\\`, or the one the `escape` directive sets). ' +
      'Comment lines inside a continuation are fine; so are empty lines in a heredoc body.',
    why:
      'Docker skips such a line and keeps reading the same instruction, so an empty line that looks like the end of an instruction is not: ' +
      'the next line, even one that looks like a new instruction, is glued onto it. BuildKit warns that this will become an error.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n',
    useInstead: 'Remove the empty lines, or end the instruction before them.',
    fixSafety: 'Safe: the fix removes the empty lines, which Docker skips anyway; the instruction reads the same.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.end - instr.start < 2) continue;
      const found = emptyContinuationLines(model, instr);
      if (!found) continue;
      const lastLine = found.lines[found.lines.length - 1] ?? instr.line;
      const edits: TextEdit[] = found.lines.map((line) => del(model, model.lines.lineStart(line), model.lines.lineEndWithBreak(line)));
      report({
        message: 'An empty line inside a continued instruction does not end it.',
        range: { start: model.lines.positionAt(found.escapeAt), end: model.lines.positionAt(model.lines.lineEnd(lastLine)) },
        instructionLine: instr.line,
        fixes: [{ title: 'Remove the empty continuation lines', applicability: 'safe', edits }],
      });
    }
  },
};
