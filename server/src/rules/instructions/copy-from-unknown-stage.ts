import type { Stage } from '../../model/document';
import type { Rule } from '../types';
import { dropQuotes, fromFlag, looksLikeImage, resolveWord } from './_util';

function stageBefore(stages: readonly Stage[], name: string, before: number): Stage | undefined {
  const lower = name.toLowerCase();
  return stages.slice(0, before).find((s) => s.name?.toLowerCase() === lower) ?? (/^\d+$/.test(name) && Number(name) < before ? stages[Number(name)] : undefined);
}

export const copyFromUnknownStage: Rule = {
  code: 'BH205',
  name: 'copy-from-unknown-stage',
  category: 'supply-chain',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3022',
      differs:
        'hadolint exempts only values with a `:` and compares names case-sensitively without resolving build arguments; Bulkhead takes `/` and `@` as image references too, matches names in any casing and resolves build arguments, as Docker does.',
    },
  ],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.5', title: 'Use of untrusted images' },
    { standard: 'CWE', id: 'CWE-829', title: 'Inclusion of Functionality from Untrusted Control Sphere', url: 'https://cwe.mitre.org/data/definitions/829.html' },
  ],
  fixable: 'none',
  docs: {
    summary: '`COPY --from` names no stage defined before it.',
    attack: '`COPY --from` with a name no stage has pulls an image of that name from a registry, which whoever owns that name controls.',
    what:
      'A `COPY --from=<name>` where the name, after build arguments are resolved, is not the name or index of an earlier stage and does not look like an image reference (no `:`, `/` or `@`). ' +
      'A stage defined later in the file does not count: Docker does not look ahead.',
    why:
      'When `--from` names no earlier stage, Docker takes the name as an image and pulls it from Docker Hub: a typo in a stage name copies files out of whatever image has that name, ' +
      'possibly one published by anyone, into your image.',
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=biuld /out/app /usr/local/bin/app\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n',
    useInstead: 'Name a stage defined above the `COPY`, or write the image reference in full with its tag (`--from=nginx:1.27`) so that it reads as an image.',
    fixSafety: 'No fix: which stage or image was meant is for a person to say.',
    limitations: 'A named build context passed with `docker buildx build --build-context name=…` is flagged: the Dockerfile does not show it.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'COPY') continue;
        const from = fromFlag(instr);
        if (!from) continue;
        const value = resolveWord(model, instr, from.written);
        if (value === null || value === '' || looksLikeImage(value)) continue;
        if (stageBefore(model.stages, value, stage.index) || value.toLowerCase() === stage.name?.toLowerCase() || value === String(stage.index)) continue;
        const later = model.stages.slice(stage.index + 1).find((s) => s.name?.toLowerCase() === value.toLowerCase());
        const plain = dropQuotes(from.written);
        const hadolint = !plain.includes(':') && !model.stages.slice(0, stage.index + 1).some((s) => s.name === plain);
        report({
          message: later
            ? `COPY --from="${value}" names a stage defined later; Docker pulls an image of that name instead.`
            : `COPY --from="${value}" names no stage defined before it; Docker pulls an image of that name instead.`,
          range: from.range,
          instructionLine: instr.line,
          aliases: hadolint ? ['DL3022'] : [],
        });
      }
    }
  },
};
