import { trivy, trivyIds } from '../aliases';
import type { Rule, Stage } from '../types';
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
    // What earlier stages were called, by each tool's reading: one pass, not a scan of the earlier stages per stage.
    const firstByLower = new Map<string, Stage>();
    const exact = new Set<string>();
    const checkov = new Set<string>();
    for (const stage of model.stages) {
      const ck = checkovName(argumentsText(stage.from));
      const name = stage.name;
      const first = name === null ? undefined : firstByLower.get(name.toLowerCase());
      const nameArg = stage.from.args[2];
      const seenExact = name !== null && exact.has(name);
      const seenCheckov = ck !== undefined && checkov.has(ck);
      if (name !== null) {
        if (!first) firstByLower.set(name.toLowerCase(), stage);
        exact.add(name);
      }
      if (ck !== undefined) checkov.add(ck);
      if (name === null || !first || !nameArg) continue;
      const aliases: string[] = ['DuplicateStageName', ...trivyIds('0012')];
      if (seenExact) aliases.push('DL3024');
      if (seenCheckov) aliases.push('CKV_DOCKER_11');
      report({
        message: `Stage name "${name}" is already used by the stage on line ${first.from.line + 1}.`,
        range: nameArg.getRange(),
        instructionLine: stage.from.line,
        aliases,
      });
    }
  },
};
