import { withCarried } from '../../model/document';
import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { HYGIENE, resolveWord } from './_util';

const MAX_PORT = 65535;

export const exposePortRange: Rule = {
  code: 'BH202',
  name: 'expose-port-range',
  category: 'build-hygiene',
  severity: 'error',
  aliases: [
    { tool: 'hadolint', id: 'DL3011', differs: 'hadolint skips ports given by a variable; Bulkhead resolves build arguments (`ARG PORT=70000` then `EXPOSE $PORT`).' },
    ...trivy('0008', 'Trivy checks single ports only, not ranges, and skips variables; Bulkhead checks both ends of a range and resolves build arguments.'),
  ],
  references: [...HYGIENE, { standard: 'CWE', id: 'CWE-1284', title: 'Improper Validation of Specified Quantity in Input', url: 'https://cwe.mitre.org/data/definitions/1284.html' }],
  fixable: 'none',
  docs: {
    summary: '`EXPOSE` names a port outside 0–65535.',
    what: 'An `EXPOSE` port, or either end of a port range (`8000-8100`), above 65535, with or without a `/tcp` or `/udp` suffix, after build arguments are resolved.',
    why: 'TCP and UDP ports are 16-bit numbers. A larger number is a typo that Docker rejects or that documents a port nothing can listen on, so the port the service really uses goes unrecorded.',
    bad: 'FROM nginx:1.27\nEXPOSE 80800\n',
    good: 'FROM nginx:1.27\nEXPOSE 8080\n',
    useInstead: 'Expose the port the service listens on, a number from 1 to 65535.',
    fixSafety: 'No fix: the intended port cannot be guessed from the typo.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const arg of instr.args) {
        const written = arg.getValue();
        const value = resolveWord(model, instr, written);
        if (value === null) continue;
        const m = /^(\d+)(?:-(\d+))?(?:\/\w*)?$/.exec(value);
        if (!m) continue;
        const low = Number(m[1]);
        const high = m[2] === undefined ? low : Number(m[2]);
        if (low <= MAX_PORT && high <= MAX_PORT) continue;
        const literal = !written.includes('$');
        const aliases = literal ? (m[2] === undefined ? ['DL3011', ...trivyIds('0008')] : ['DL3011']) : [];
        report({
          message: `Port ${m[2] === undefined ? value.split('/')[0] : `range ${m[1]}-${m[2]}`} is outside 0-65535.`,
          range: arg.getRange(),
          instructionLine: instr.line,
          aliases,
        });
      }
    }
  },
};
