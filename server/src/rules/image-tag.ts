import { trivy, trivyIds } from './aliases';
import type { Rule } from './types';

export const imageTag: Rule = {
  code: 'BH002',
  name: 'image-tag',
  category: 'supply-chain',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3006' },
    { tool: 'hadolint', id: 'DL3007' },
    ...trivy('0001'),
    { tool: 'checkov', id: 'CKV_DOCKER_7' },
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.2', title: 'Ensure that containers use only trusted base images' },
    { standard: 'NIST SP 800-190', id: '4.1.5', title: 'Use of untrusted images' },
    { standard: 'CWE', id: 'CWE-1357', title: 'Reliance on Insufficiently Trustworthy Component', url: 'https://cwe.mitre.org/data/definitions/1357.html' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A base image has no tag, or the `latest` tag.',
    attack: 'Whoever can push to the image\'s tag (or a compromised registry) changes what your next build runs, without a change to this file.',
    what:
      'A `FROM` names an image without a tag or digest, or with the tag `latest`, after ARG substitution. ' +
      'References to earlier stages (`FROM build`) and `scratch` are not images and are not flagged; a digest (`@sha256:…`) pins the image whatever its tag says. ' +
      'A `FROM $ARG` whose argument has no default is not flagged, since its value is only known at build time.',
    why:
      '`latest` (which is what no tag means) moves: the same Dockerfile builds a different image tomorrow, with a different OS release, different packages and different vulnerabilities. ' +
      'Builds stop being reproducible, a rollback rebuilds something new, and a compromised or broken upstream push flows straight into your image.',
    bad: 'FROM python\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
    good: 'FROM python:3.12.4-slim-bookworm\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
    useInstead:
      'Name an explicit version tag (`python:3.12.4-slim-bookworm`), and for production pin the digest too (`python:3.12.4-slim-bookworm@sha256:…`) ' +
      'so that the bytes cannot change under the tag. Let a bot such as Renovate or Dependabot propose digest updates.',
    fixSafety: 'No automatic fix: choosing a version needs the registry; the fix that looks up a real tag and digest comes with registry support.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image') continue;
      const ref = base.ref;
      if (ref.digest !== null) continue;
      if (ref.tag !== null && ref.tag !== 'latest') continue;
      // Through variables, name the image as written and what it resolves to.
      const image = base.variables.length > 0 ? `"${base.written}" resolves to "${base.text}", which` : `"${ref.raw}"`;
      report({
        message: ref.tag === null ? `Base image ${image} has no tag, so it means "latest".` : `Base image ${image} uses the moving "latest" tag.`,
        range: base.range,
        instructionLine: stage.from.line,
        // hadolint splits the two cases: DL3006 for no tag, DL3007 for `latest`.
        aliases: [ref.tag === null ? 'DL3006' : 'DL3007', ...trivyIds('0001'), 'CKV_DOCKER_7'],
      });
    }
  },
};
