import { commandIndex } from '../../model/commands';
import type { Rule } from '../types';
import { hadolintSees } from './_shell';

const SH_PATHS = new Set(['/bin/sh', '/usr/bin/sh']);

export const lnOverBinSh: Rule = {
  code: 'BH268',
  name: 'ln-over-bin-sh',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'hadolint', id: 'DL4005', differs: 'hadolint flags any `ln` with a `/bin/sh` argument, also one that links from /bin/sh to elsewhere; Bulkhead flags links that replace /bin/sh (or /usr/bin/sh), and those behind `sudo` or inside `sh -c` without DL4005.' }],
  references: [{ standard: 'CWE', id: 'CWE-710', title: 'Improper Adherence to Coding Standards', url: 'https://cwe.mitre.org/data/definitions/710.html' }],
  fixable: 'none',
  docs: {
    summary: 'A RUN replaces `/bin/sh` with a link to another shell.',
    what: 'An `ln` in a `RUN` whose link name (its last argument) is `/bin/sh` or `/usr/bin/sh`, as in `ln -sf /bin/bash /bin/sh`.',
    why:
      'Replacing the system shell changes it for everything in the image: package scripts, init scripts and the tools of the base image were written and tested ' +
      'against the distribution\'s `/bin/sh`, and an upgrade of the shell package can silently undo the link. The Dockerfile\'s own steps are what needed another shell.',
    bad: 'FROM debian:bookworm-slim\nRUN ln -sf /bin/bash /bin/sh\n',
    good: 'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-c"]\n',
    useInstead: 'Use the `SHELL` instruction (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`) for the RUN steps that need bash, and call bash explicitly in scripts that need it.',
    fixSafety: 'No automatic fix: a `SHELL` instruction changes only the Dockerfile\'s own steps, not what runs `/bin/sh` in the container, so it is not the same image.',
  },
  check({ model, report }) {
    for (const c of commandIndex(model).named('ln', { keywords: ['RUN'] })) {
      const operands = c.args.filter((a) => a.value === null || !a.value.startsWith('-'));
      const link = operands[operands.length - 1];
      if (operands.length < 2 || !link || link.value === null || !SH_PATHS.has(link.value.replace(/\/+$/, ''))) continue;
      report({
        message: `ln replaces ${link.value}; set the shell for RUN with SHELL instead.`,
        range: model.lines.range(link.start, link.end),
        instructionLine: c.instr.line,
        aliases: hadolintSees(c) && c.args.some((a) => a.value === '/bin/sh') ? ['DL4005'] : [],
      });
    }
  },
};
