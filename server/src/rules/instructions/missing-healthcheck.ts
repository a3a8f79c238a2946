import { trivy, trivyIds } from '../aliases';
import { stageChain } from '../../model/document';
import type { Rule } from '../types';

const PER_FILE = 'counts a HEALTHCHECK anywhere in the file, even in a build stage that is not shipped; Bulkhead looks at the final stage and the stages it builds on, and carries this ID only when the file has no HEALTHCHECK at all.';

export const missingHealthcheck: Rule = {
  code: 'BH217',
  name: 'missing-healthcheck',
  category: 'build-hygiene',
  severity: 'info',
  enabledByDefault: false,
  aliases: [
    { tool: 'hadolint', id: 'DL3057', differs: `hadolint ${PER_FILE}` },
    ...trivy('0026', `Trivy ${PER_FILE}`),
    { tool: 'checkov', id: 'CKV_DOCKER_2', differs: `Checkov ${PER_FILE}` },
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.6', title: 'Ensure that HEALTHCHECK instructions have been added to container images' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'none',
  docs: {
    summary: 'The final stage has no `HEALTHCHECK`.',
    what: 'The final stage, with the stages it builds on, has no `HEALTHCHECK` instruction. `HEALTHCHECK NONE` counts: it says on purpose that there is none. Off by default.',
    why:
      'Without a health check, Docker and Swarm only know whether the main process is running, not whether it still answers: a hung service stays in place instead of being restarted. ' +
      'Kubernetes ignores `HEALTHCHECK` and uses its own probes, and many images rightly have none, which is why the rule is off unless turned on.',
    bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
    good: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nHEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost/ || exit 1\n',
    useInstead: 'Add a `HEALTHCHECK` that exercises the service cheaply, or `HEALTHCHECK NONE` to record that the platform checks health (Kubernetes probes).',
    fixSafety: 'No fix: a useful health check depends on the service.',
    limitations: 'A `HEALTHCHECK` the base image sets is not known, so an image that inherits one is reported.',
  },
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    if (stageChain(final).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    const anywhere = model.instructions.some((i) => i.keyword === 'HEALTHCHECK');
    report({
      message: 'The final stage has no HEALTHCHECK.',
      range: final.from.node.getInstructionRange(),
      instructionLine: final.from.line,
      aliases: anywhere ? [] : ['DL3057', ...trivyIds('0026'), 'CKV_DOCKER_2'],
    });
  },
};
