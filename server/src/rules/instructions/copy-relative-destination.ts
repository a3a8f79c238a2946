import type { Rule } from '../types';
import { stageChain } from '../../model/document';
import { HYGIENE, copyParts, dropQuotes, isAbsolutePath, resolveWord } from './_util';

export const copyRelativeDestination: Rule = {
  code: 'BH207',
  name: 'copy-relative-destination',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'hadolint', id: 'DL3045', differs: 'hadolint takes a destination starting with a variable as absolute; Bulkhead resolves build arguments.' }],
  references: [...HYGIENE, { standard: 'CWE', id: 'CWE-427', title: 'Uncontrolled Search Path Element', url: 'https://cwe.mitre.org/data/definitions/427.html' }],
  fixable: 'none',
  docs: {
    summary: '`COPY` to a relative destination with no `WORKDIR` set.',
    what: 'A `COPY` whose destination, after build arguments are resolved, is a relative path, in a stage where neither the stage nor the stages it builds on set a `WORKDIR` before it.',
    why:
      'A relative destination is resolved against the working directory, which then comes from the base image. Files land wherever the base image happens to point, ' +
      'often `/`, and move when the base image changes.',
    bad: 'FROM node:20-slim\nCOPY package.json .\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json .\n',
    useInstead: 'Set a `WORKDIR` with an absolute path before the `COPY`, or copy to an absolute path.',
    fixSafety: 'No fix: the base image\'s working directory, which the destination depends on, is not in the Dockerfile.',
    limitations: 'A working directory set by the base image itself is not known, so a `COPY` that relies on it is flagged.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      // A WORKDIR anywhere in the stages this one builds on, or earlier in this one.
      let workdir = stageChain(stage)
        .slice(1)
        .some((s) => s.instructions.some((i) => i.keyword === 'WORKDIR'));
      for (const instr of stage.instructions) {
        if (instr.keyword === 'WORKDIR') workdir = true;
        if (instr.keyword !== 'COPY' || workdir) continue;
        const { dest } = copyParts(model, instr);
        if (!dest) continue;
        const value = resolveWord(model, instr, dest.value);
        if (value === null || value === '' || isAbsolutePath(value)) continue;
        const plain = dropQuotes(dest.value);
        const hadolint = !plain.startsWith('$') && !isAbsolutePath(plain);
        report({
          message: `COPY to the relative path "${value}" with no WORKDIR set in the stage.`,
          range: dest.range,
          instructionLine: instr.line,
          aliases: hadolint ? ['DL3045'] : [],
        });
      }
    }
  },
};
