import { trivy, trivyIds } from '../aliases';
import { removeInstruction } from '../../model/edits';
import type { Rule } from '../types';
import { HYGIENE } from './_util';

const ALIASES: Record<string, string[]> = {
  CMD: ['DL4003', ...trivyIds('0016'), 'MultipleInstructionsDisallowed'],
  ENTRYPOINT: ['DL4004', ...trivyIds('0007'), 'MultipleInstructionsDisallowed'],
  HEALTHCHECK: ['DL3012', ...trivyIds('0023'), 'MultipleInstructionsDisallowed'],
};

const AT_LATER = 'hadolint reports the later instructions, Bulkhead the earlier ones that have no effect (as BuildKit does); the count is the same.';

export const multipleInstructions: Rule = {
  code: 'BH203',
  name: 'multiple-instructions',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL4003', differs: AT_LATER },
    { tool: 'hadolint', id: 'DL4004', differs: AT_LATER },
    { tool: 'hadolint', id: 'DL3012', differs: AT_LATER },
    ...trivy('0016'),
    ...trivy('0007'),
    ...trivy('0023'),
    { tool: 'buildkit', id: 'MultipleInstructionsDisallowed' },
  ],
  references: [...HYGIENE, { standard: 'CWE', id: 'CWE-561', title: 'Dead Code', url: 'https://cwe.mitre.org/data/definitions/561.html' }],
  fixable: 'safe',
  docs: {
    summary: 'A stage has more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`.',
    what: 'A `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later instruction of the same kind in the same stage overrides. Each overridden one is reported; stages are counted separately.',
    why:
      'Only the last of these instructions in a stage takes effect. The earlier ones do nothing, yet a reader may take them for what the container runs or how it is checked, ' +
      'and an edit to the wrong one changes nothing.',
    bad: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\nCMD ["gunicorn", "app:app"]\n',
    good: 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n',
    useInstead: 'Keep one `CMD`, one `ENTRYPOINT` and one `HEALTHCHECK` per stage, the one you mean.',
    fixSafety: 'Safe: the fix removes the overridden instructions, which the later one of the same kind in the same stage replaces; the image\'s configuration stays the same.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const keyword of Object.keys(ALIASES)) {
        const list = stage.instructions.filter((i) => i.keyword === keyword);
        const last = list[list.length - 1];
        if (!last) continue;
        for (const instr of list.slice(0, -1)) {
          report({
            message: `This ${keyword} is overridden by the ${keyword} on line ${last.line + 1}.`,
            range: instr.node.getInstructionRange(),
            instructionLine: instr.line,
            aliases: ALIASES[keyword] ?? [],
            fixes: [{ title: `Remove the overridden ${keyword}`, applicability: 'safe', edits: [removeInstruction(model, instr)] }],
          });
        }
      }
    }
  },
};
