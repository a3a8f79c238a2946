import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { HYGIENE, argumentsText, dropQuotes, isAbsolutePath, resolveWord } from './_util';

/** hadolint: quotes dropped; a `$`, `/` or drive letter at the start is taken as absolute. */
function hadolintFires(written: string): boolean {
  const p = dropQuotes(written);
  return !(p.startsWith('$') || p.startsWith('/') || /^[A-Za-z]:/.test(p));
}

/** Trivy's pattern: only its first branch is anchored, so `X:\` or `$name` anywhere passes. */
const TRIVY_OK = /^["']?(\/[A-z0-9\-_+]*)|([A-z0-9\-_+]:\\.*)|(\$[{}A-z0-9\-_+].*)/;
/** Checkov's pattern, matched at the start: a quote before the path fails. */
const CHECKOV_OK = /^(\/[A-Za-z0-9\-_+]*)|^([A-Za-z0-9\-_+]:\\.*)|^(\$[{}A-Za-z0-9\-_+].*)/;

export const workdirRelative: Rule = {
  code: 'BH200',
  name: 'workdir-relative',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3000',
      differs: 'hadolint takes any path starting with a variable as absolute; Bulkhead resolves build arguments (`ARG DIR=app` then `WORKDIR $DIR` is relative).',
    },
    ...trivy('0009', 'Trivy takes a path holding a variable or a Windows drive with a backslash anywhere as absolute and `C:/app` as relative; Bulkhead resolves build arguments and reads drive paths as Windows does.'),
    {
      tool: 'checkov',
      id: 'CKV_DOCKER_10',
      differs: 'Checkov reads the path as written, so a quoted absolute path (`WORKDIR "/app"`) is relative to it; Bulkhead removes quotes and resolves build arguments as Docker does.',
    },
    {
      tool: 'buildkit',
      id: 'WorkdirRelativePath',
      differs: 'BuildKit only reports a relative WORKDIR when no absolute WORKDIR comes before it in the stage; Bulkhead reports every relative WORKDIR, and carries this ID on those BuildKit reports.',
    },
  ],
  references: [
    ...HYGIENE,
    { standard: 'CWE', id: 'CWE-427', title: 'Uncontrolled Search Path Element', url: 'https://cwe.mitre.org/data/definitions/427.html' },
  ],
  fixable: 'none',
  docs: {
    summary: '`WORKDIR` is a relative path.',
    what:
      'A `WORKDIR` whose path, after quotes are removed and build arguments resolved, does not start with `/` (or a Windows drive or `\\`). ' +
      'A path that depends on a variable with no known value is not flagged.',
    why:
      'A relative `WORKDIR` is resolved against the working directory the stage already has, which comes from the base image when the stage sets none. ' +
      'When the base image changes its working directory, files are copied and commands run somewhere else, which can expose files or break the build in ways that are hard to trace.',
    bad: 'FROM alpine:3.20\nWORKDIR app\nCOPY . .\n',
    good: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n',
    useInstead: 'Write the full path: `WORKDIR /app`. To go into a subfolder of an earlier `WORKDIR`, write the full path too; it reads the same and does not depend on order.',
    fixSafety: 'No fix: which absolute path a relative one stands for depends on the base image\'s working directory, which the Dockerfile does not show.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      let anchored = false;
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'WORKDIR') continue;
        const first = instr.args[0];
        const last = instr.args[instr.args.length - 1];
        const written = argumentsText(instr);
        const wasAnchored = anchored;
        if (!first || !last) continue;
        const value = resolveWord(model, instr, written);
        // A path from a variable with no known value (`$HOME`) is most likely absolute.
        if (value === null || isAbsolutePath(value)) anchored = true;
        if (value === null || value === '' || isAbsolutePath(value)) continue;
        const aliases: string[] = [];
        if (hadolintFires(written)) aliases.push('DL3000');
        if (!TRIVY_OK.test(written)) aliases.push(...trivyIds('0009'));
        if (!CHECKOV_OK.test(written)) aliases.push('CKV_DOCKER_10');
        if (!wasAnchored) aliases.push('WorkdirRelativePath');
        report({
          message: `WORKDIR "${value}" is a relative path.`,
          range: { start: first.getRange().start, end: last.getRange().end },
          instructionLine: instr.line,
          aliases,
        });
      }
    }
  },
};
