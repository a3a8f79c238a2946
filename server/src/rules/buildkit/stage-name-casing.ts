import type { Rule } from '../types';
import { replace } from '../../model/edits';
import { HYGIENE_REFS } from './_util';

export const stageNameCasing: Rule = {
  code: 'BH300',
  name: 'stage-name-casing',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'StageNameCasing' }],
  references: [...HYGIENE_REFS],
  fixable: 'safe',
  docs: {
    summary: 'A build stage is named with capital letters.',
    what: 'A `FROM … AS name` whose stage name has an upper-case letter.',
    why:
      'Stage names are case-insensitive: BuildKit lowers them before use, so `AS Build`, `--from=build` and `--target BUILD` all name the same stage. ' +
      'Writing them in capitals suggests a distinction that does not exist and makes references look inconsistent.',
    bad: 'FROM golang:1.22 AS Builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=Builder /app /app\n',
    good: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app\n',
    useInstead: 'Name stages in lower case, and refer to them the same way.',
    fixSafety: 'Safe: the fix lowers the name where the stage is declared; BuildKit already compares stage names without regard to case, so every reference still finds the stage.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const args = stage.from.args;
      if (args.length !== 3) continue;
      const nameArg = args[2];
      if (!nameArg) continue;
      const name = nameArg.getValue();
      if (name === name.toLowerCase()) continue;
      const [start, end] = model.offsets(nameArg.getRange());
      report({
        message: `Stage name "${name}" should be lower case.`,
        range: nameArg.getRange(),
        instructionLine: stage.from.line,
        fixes: [{ title: 'Lower-case the stage name', applicability: 'safe', edits: [replace(model, start, end, name.toLowerCase())] }],
      });
    }
  },
};
