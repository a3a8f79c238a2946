import type { Rule } from '../types';
import { HYGIENE_REFS } from './_util';

const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName: Rule = {
  code: 'BH302',
  name: 'reserved-stage-name',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'ReservedStageName' }],
  references: [...HYGIENE_REFS],
  fixable: 'none',
  docs: {
    summary: 'A build stage is named `scratch` or `context`.',
    what: 'A `FROM … AS scratch` or `FROM … AS context`, in any casing (stage names are case-insensitive).',
    why:
      '`scratch` is the empty image and `context` names the build context in `COPY --from` and named contexts. A stage that takes one of these names ' +
      'makes `FROM scratch` or `--from=context` mean something other than what a reader expects.',
    bad: 'FROM alpine:3.20 AS scratch\nRUN echo hi\n',
    good: 'FROM alpine:3.20 AS base\nRUN echo hi\n',
    useInstead: 'Give the stage a name of its own, such as `base` or `build`.',
    fixSafety: 'No fix: renaming the stage means renaming every reference to it, which is for a person to do.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const args = stage.from.args;
      const nameArg = args[2];
      if (args.length !== 3 || !nameArg) continue;
      const name = nameArg.getValue().toLowerCase();
      if (!RESERVED.has(name)) continue;
      report({
        message: `Stage name "${name}" is reserved and should not name a stage.`,
        range: nameArg.getRange(),
        instructionLine: stage.from.line,
      });
    }
  },
};
