import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { HYGIENE, dropQuotes, fromFlag, resolveWord } from './_util';

export const copyFromOwnStage: Rule = {
  code: 'BH206',
  name: 'copy-from-own-stage',
  category: 'build-hygiene',
  severity: 'error',
  aliases: [
    { tool: 'hadolint', id: 'DL3023', differs: 'hadolint compares names case-sensitively and skips stage indexes; Bulkhead matches names in any casing and the stage\'s own index, as Docker does.' },
    ...trivy('0006', 'Trivy only matches a `--from` value written in lowercase; Bulkhead matches any casing and the stage\'s own index.'),
  ],
  references: [...HYGIENE, { standard: 'CWE', id: 'CWE-674', title: 'Uncontrolled Recursion', url: 'https://cwe.mitre.org/data/definitions/674.html' }],
  fixable: 'none',
  docs: {
    summary: '`COPY --from` names the stage it is in.',
    what: 'A `COPY --from=<name>` inside the stage of that name (in any casing) or of that index, after build arguments are resolved.',
    why: 'A stage cannot copy from itself: it does not exist yet while it is being built. Docker fails the build, or, with a name that also exists as an image, pulls that image instead.',
    bad: 'FROM golang:1.22 AS build\nCOPY --from=build /src /src\n',
    good: 'FROM golang:1.22 AS source\nCOPY . /src\nFROM golang:1.22 AS build\nCOPY --from=source /src /src\n',
    useInstead: 'Copy from an earlier stage, or copy from the build context with a plain `COPY`.',
    fixSafety: 'No fix: which stage was meant is for a person to say.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY') continue;
        const from = fromFlag(instr);
        if (!from) continue;
        const value = resolveWord(model, instr, from.written);
        if (value === null) continue;
        const byName = stage.name !== null && value.toLowerCase() === stage.name.toLowerCase();
        if (!byName && value !== String(stage.index)) continue;
        const plain = dropQuotes(from.written);
        const aliases: string[] = [];
        if (stage.name !== null && plain === stage.name) aliases.push('DL3023');
        if (stage.name !== null && from.written === stage.name.toLowerCase()) aliases.push(...trivyIds('0006'));
        report({
          message: `COPY --from="${value}" names the stage it is in.`,
          range: from.range,
          instructionLine: instr.line,
          aliases,
        });
      }
    }
  },
};
