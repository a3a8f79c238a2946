import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { HYGIENE, argumentsText } from './_util';

/** The alias Checkov reads: the third word, only when the FROM holds ` as ` in lowercase. */
function checkovName(text: string): string | undefined {
  return text.includes(' as ') ? text.split(/\s+/)[2] : undefined;
}

export const duplicateStageName: Rule = {
  code: 'BH208',
  name: 'duplicate-stage-name',
  category: 'build-hygiene',
  severity: 'error',
  aliases: [
    { tool: 'hadolint', id: 'DL3024', differs: 'hadolint compares stage names case-sensitively; Bulkhead, like Docker, ignores case and carries this ID only on exact repeats.' },
    ...trivy('0012'),
    {
      tool: 'checkov',
      id: 'CKV_DOCKER_11',
      differs: 'Checkov only reads names after a lowercase ` as ` and compares them case-sensitively; Bulkhead reads every stage name as Docker does and carries this ID where Checkov would see the repeat.',
    },
    { tool: 'buildkit', id: 'DuplicateStageName' },
  ],
  references: [...HYGIENE],
  fixable: 'none',
  docs: {
    summary: 'Two stages have the same name.',
    what: 'A `FROM … AS <name>` whose name an earlier stage already has, in any casing (Docker lowercases stage names).',
    why: '`COPY --from` and `FROM <name>` pick one of the stages, and which one depends on where they stand: files come from a different stage than a reader expects.',
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM node:20-slim AS build\nRUN npm ci\n',
    good: 'FROM golang:1.22 AS build-go\nRUN go build -o /app .\nFROM node:20-slim AS build-web\nRUN npm ci\n',
    useInstead: 'Give each stage a name of its own.',
    fixSafety: 'No fix: renaming a stage means deciding which references meant which stage.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (stage.name === null) continue;
      const name = stage.name;
      const earlier = model.stages.slice(0, stage.index).filter((s) => s.name?.toLowerCase() === name.toLowerCase());
      const first = earlier[0];
      const nameArg = stage.from.args[2];
      if (!first || !nameArg) continue;
      const aliases: string[] = ['DuplicateStageName', ...trivyIds('0012')];
      if (earlier.some((s) => s.name === name)) aliases.push('DL3024');
      const ck = checkovName(argumentsText(stage.from));
      if (ck !== undefined && earlier.some((s) => checkovName(argumentsText(s.from)) === ck)) aliases.push('CKV_DOCKER_11');
      report({
        message: `Stage name "${name}" is already used by the stage on line ${first.from.line + 1}.`,
        range: nameArg.getRange(),
        instructionLine: stage.from.line,
        aliases,
      });
    }
  },
};
