import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { stageChain } from '../../model/document';
import { replace } from '../../model/edits';
import type { Fix, Rule } from '../types';
import { HYGIENE, argumentsText, execForm, instructionsBefore } from './_util';

/** A word that means the same to `sh -c` and in a JSON array: no quotes, variables, globs or operators. */
const PLAIN = /^[A-Za-z0-9_./:=,@%+-]+$/;
/** Names that only exist inside a shell: as the program of an exec form they would not be found. */
const SHELL_ONLY = new Set([
  '.', ':', 'alias', 'bg', 'break', 'cd', 'command', 'continue', 'eval', 'exec', 'exit', 'export', 'fg', 'getopts', 'hash', 'jobs', 'readonly',
  'return', 'set', 'shift', 'source', 'times', 'trap', 'type', 'ulimit', 'umask', 'unalias', 'unset', 'wait', 'if', 'then', 'else', 'fi', 'for',
  'while', 'until', 'do', 'done', 'case', 'esac', 'function',
]);

function shellSet(stage: Stage, instr: Instr): boolean {
  return instructionsBefore(stage, instr).some((i) => i.keyword === 'SHELL');
}

function execFix(model: Parameters<Rule['check']>[0]['model'], instr: Instr, stage: Stage): Fix[] {
  if (shellSet(stage, instr)) return [];
  // After an ENTRYPOINT in exec form, a CMD of the stage or of a stage built on it becomes its arguments.
  if (instr.keyword === 'ENTRYPOINT' && model.stages.some((s) => stageChain(s).includes(stage) && s.instructions.some((i) => i.keyword === 'CMD'))) return [];
  const words = argumentsText(instr).split(/\s+/);
  const first = words[0];
  if (!first || !words.every((w) => PLAIN.test(w)) || SHELL_ONLY.has(first) || first.includes('=')) return [];
  const start = model.lines.offsetAt(instr.args[0]?.getRange().start ?? instr.range.start);
  const last = instr.args[instr.args.length - 1];
  const end = last ? model.lines.offsetAt(last.getRange().end) : instr.end;
  return [
    {
      title: `Write the ${instr.keyword} in exec form`,
      applicability: 'unsafe',
      edits: [replace(model, start, end, `[${words.map((w) => JSON.stringify(w)).join(', ')}]`)],
    },
  ];
}

export const shellFormCommand: Rule = {
  code: 'BH211',
  name: 'shell-form-command',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3025' },
    { tool: 'buildkit', id: 'JSONArgsRecommended' },
  ],
  references: [
    ...HYGIENE,
    { standard: 'CWE', id: 'CWE-705', title: 'Incorrect Control Flow Scoping', url: 'https://cwe.mitre.org/data/definitions/705.html' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: '`CMD` or `ENTRYPOINT` is written in shell form.',
    what:
      'A `CMD` or `ENTRYPOINT` whose arguments are not a JSON array, in any stage. BuildKit\'s ID is carried only where no `SHELL` instruction in the stage (or the stages it builds on) chose the shell explicitly, as BuildKit does.',
    why:
      'In shell form Docker runs the command as `/bin/sh -c "…"`: the shell is the container\'s main process, and `docker stop` sends SIGTERM to the shell, which does not pass it on. ' +
      'The application gets no chance to shut down cleanly and is killed after the timeout. A shell-form `ENTRYPOINT` also ignores `CMD` and the arguments of `docker run`.',
    bad: 'FROM node:20-slim\nCMD node server.js\n',
    good: 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    useInstead:
      'Use exec form, `CMD ["node", "server.js"]`. When shell features are needed, run a script that ends in `exec "$@"`, or write `["sh", "-c", "exec …"]` so the program replaces the shell.',
    fixSafety:
      'Unsafe: the fix writes the words as a JSON array only when every word is plain (no quotes, variables, globs, redirections or operators) and the program is not a shell builtin, ' +
      'so the same program gets the same arguments; but it then runs as the main process without a shell around it, which changes how it receives signals and what environment a shell would have set up. ' +
      'No fix is offered after a `SHELL` instruction, or for an `ENTRYPOINT` when its stage or a stage built on it has a `CMD` (which would become its arguments).',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') continue;
        const first = instr.args[0];
        const last = instr.args[instr.args.length - 1];
        if (!first || !last) continue;
        if (execForm(model, instr)) continue;
        report({
          message: shellFormMessage(model, stage, instr),
          range: { start: first.getRange().start, end: last.getRange().end },
          instructionLine: instr.line,
          aliases: shellSet(stage, instr) ? ['DL3025'] : ['DL3025', 'JSONArgsRecommended'],
          fixes: execFix(model, instr, stage),
        });
      }
    }
  },
};

/**
 * What goes wrong with this shell-form instruction: a CMD under an exec-form ENTRYPOINT becomes that program's
 * arguments (`/bin/sh -c "…"`); a command that starts with `exec` replaces the shell, so signals do arrive.
 */
function shellFormMessage(model: DockerfileModel, stage: Stage, instr: Instr): string {
  if (instr.keyword === 'CMD') {
    let entrypoint: Instr | undefined;
    // The image keeps the last ENTRYPOINT of the stage and the stages it builds on, wherever it stands.
    for (const s of stageChain(stage).reverse()) for (const i of s.instructions) if (i.keyword === 'ENTRYPOINT') entrypoint = i;
    if (entrypoint && execForm(model, entrypoint)) return 'CMD in shell form is passed to the exec-form ENTRYPOINT as the arguments "/bin/sh", "-c" and the command text.';
  }
  if (instr.args[0]?.getValue() === 'exec') return `${instr.keyword} in shell form starts a shell first; write it as a JSON array.`;
  return `${instr.keyword} in shell form runs under /bin/sh -c, which does not pass on stop signals.`;
}
