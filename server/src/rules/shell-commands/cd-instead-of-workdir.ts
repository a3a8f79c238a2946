import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { appendLines, del, insertAt } from '../../model/edits';
import { substitute } from '../../model/variables';
import { trivy, trivyIds } from '../aliases';
import type { Fix, Rule } from '../types';
import { hadolintSees, insertAbove, isExecForm, isHeredocRun, resolvedWord, trivyPartStart } from './_shell';

export const cdInsteadOfWorkdir: Rule = {
  code: 'BH261',
  name: 'cd-instead-of-workdir',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3003', differs: 'Bulkhead also flags `cd` inside `sh -c "…"` and behind `sudo`/`env`, which hadolint does not read; those findings do not carry DL3003.' },
    ...trivy('0013', 'Trivy only sees a `cd` at the start of the RUN or right after `&&`; Bulkhead flags every `cd`, and only those findings carry the Trivy ID.'),
  ],
  references: [{ standard: 'CWE', id: 'CWE-710', title: 'Improper Adherence to Coding Standards', url: 'https://cwe.mitre.org/data/definitions/710.html' }],
  fixable: 'safe',
  docs: {
    summary: 'A RUN changes directory with `cd` instead of a `WORKDIR`.',
    what: 'A `cd` command anywhere in a `RUN`: at its start, after `&&` or `;`, in a subshell, inside `sh -c "…"`, in a heredoc or in exec form.',
    why:
      'A `cd` lasts for one RUN only, so the same directory is changed into again and again, and each step\'s effect depends on a path hidden in its text. ' +
      '`WORKDIR` states the directory once, creates it if needed, and every later instruction (and the running container) sees it.',
    bad: 'FROM debian:bookworm-slim\nWORKDIR /\nRUN cd /usr/src/app && make\n',
    good: 'FROM debian:bookworm-slim\nWORKDIR /usr/src/app\nRUN make\n',
    useInstead: 'Set the directory with `WORKDIR /path` before the steps that need it. For a single step in another directory, tools\' own options (`make -C dir`, `git -C dir`, `tar -C dir`) avoid the `cd`.',
    fixSafety:
      'Safe, and offered only where exact: `RUN cd /abs/dir && rest` becomes `WORKDIR /abs/dir` and `RUN rest`, followed by a `WORKDIR` back to the directory the stage was in ' +
      '(known from an earlier `WORKDIR` of the stage or its parent stages), so later instructions and the image\'s working directory stay as they were. ' +
      'A directory from a build argument or ENV with a known value is written out. There is no fix when the directory is relative or unknown, when the `cd` is not the first command of an `&&` chain, when the RUN goes back with `cd -` ' +
      'or reads `$OLDPWD`, or when the directory to return to is not known (the base image may set its own).',
    limitations: 'A `cd` into a directory that does not exist fails the build; `WORKDIR` creates it. The fix only applies where the `cd` succeeded, so the image is the same.',
  },
  check({ model, report }) {
    for (const c of commandIndex(model).named('cd', { keywords: ['RUN'] })) {
      const sees = hadolintSees(c);
      const trivyToo = trivyPartStart(model, c) && c.args.length > 0 && model.text[c.nameWord.end] === ' ';
      const fix = sees ? workdirFix(model, c) : undefined;
      report({
        message: 'RUN changes directory with cd; use WORKDIR.',
        range: model.lines.range(c.nameWord.start, c.nameWord.end),
        instructionLine: c.instr.line,
        aliases: [...(sees ? ['DL3003'] : []), ...(trivyToo ? trivyIds('0013') : [])],
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/** A directory as WORKDIR can take it verbatim: absolute, no variables, quotes, escapes or spaces. */
const PLAIN_DIR = /^\/[A-Za-z0-9._+@%:/,=-]*$/;

function workdirFix(model: DockerfileModel, c: IndexedCommand): Fix | undefined {
  const instr = c.instr;
  const cmd = c.command;
  const dir = resolvedWord(model, instr, c.args[0]);
  if (c.args.length !== 1 || !dir || !PLAIN_DIR.test(dir)) return undefined;
  const seq = cmd.sequence;
  const item = cmd.item;
  if (!seq || !item || !seq.topLevel || seq.items[0] !== item || cmd.pipeline.length !== 1) return undefined;
  if (item.start !== cmd.start || item.end !== cmd.end || cmd.name.start !== cmd.start) return undefined;
  const next = seq.items[1];
  if (!next || next.separatorBefore !== '&&') return undefined;
  if (isExecForm(model, instr) || isHeredocRun(model, instr) || model.shell(instr)?.hasErrors) return undefined;
  // `cd -` or $OLDPWD later in the RUN would go back to where the cd came from, which WORKDIR does not record.
  for (const other of commandIndex(model).of(instr)) {
    if (other === c) continue;
    if (other.name === 'cd' && other.args.some((a) => a.value === '-')) return undefined;
    if ([other.command.name, ...other.command.args].some((w) => w.raw.includes('OLDPWD'))) return undefined;
  }
  const stage = instr.stage;
  if (!stage) return undefined;
  const at = stage.instructions.indexOf(instr);
  const following = stage.instructions[at + 1];
  const edits: TextEdit[] = [insertAbove(model, instr, `WORKDIR ${dir}`), del(model, item.start, next.start)];
  const followedByWorkdir = following?.keyword === 'WORKDIR' && (() => {
    const v = workdirValue(model, following);
    return v !== null && v.startsWith('/');
  })();
  if (!followedByWorkdir) {
    const before = workdirBefore(model, stage, instr);
    if (before === null || !PLAIN_DIR.test(before)) return undefined;
    const restore = insertLinesAfter(model, instr, [`WORKDIR ${before}`]);
    if (!restore) return undefined;
    edits.push(restore);
  }
  return { title: 'Use WORKDIR instead of cd', applicability: 'safe', edits };
}

/** A WORKDIR's path with variables substituted and quotes removed; null when unknown. */
function workdirValue(model: DockerfileModel, instr: Instr): string | null {
  const written = instr.node.getArgumentsContent()?.trim() ?? '';
  if (written === '') return null;
  const unquoted = /^(["'])(.*)\1$/.exec(written)?.[2] ?? written;
  return substitute(unquoted, instr.scope, { escapeChar: model.escapeChar, undeclaredUnknown: true }).value;
}

/** The working directory of a stage just before `instr` (at its end when undefined); null when unknown. */
function workdirBefore(model: DockerfileModel, stage: Stage, instr: Instr | undefined, seen = new Set<Stage>()): string | null {
  seen.add(stage);
  let dir: string | null = stage.parent ? (seen.has(stage.parent) ? null : workdirBefore(model, stage.parent, undefined, seen)) : stage.base.kind === 'scratch' ? '/' : null;
  for (const i of stage.instructions) {
    if (i === instr) break;
    if (i.keyword !== 'WORKDIR') continue;
    const v = workdirValue(model, i);
    if (v === null) dir = null;
    else if (v.startsWith('/')) dir = v;
    else dir = dir === null ? null : `${dir.replace(/\/+$/, '')}/${v}`;
  }
  return dir === null ? null : normalize(dir);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/** Inserts full lines after the instruction, with its indentation; undefined where nothing can be appended safely. */
function insertLinesAfter(model: DockerfileModel, instr: Instr, lines: string[]): TextEdit | undefined {
  const indent = /^[ \t]*/.exec(model.lines.lineText(instr.line))?.[0] ?? '';
  const text = lines.map((l) => indent + l);
  if (model.instructions[model.instructions.length - 1] === instr) return appendLines(model, text);
  let last = model.lines.positionAt(instr.end).line;
  if (last > instr.line && model.lines.lineStart(last) === instr.end) last--;
  const at = model.lines.lineEndWithBreak(last);
  const eol = model.lines.eol;
  return insertAt(model, at, text.map((l) => l + eol).join(''));
}

