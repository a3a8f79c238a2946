import type { Rule } from '../types';

const HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com']);

/** Docker Hub goes by several names; any of them in the list trusts it. */
function normalize(registry: string): string {
  const r = registry.toLowerCase();
  return HUB.has(r) ? 'docker.io' : r;
}

/** `*.example.com` trusts the subdomains of example.com; `*` trusts everything. */
function trusted(registry: string, allowed: readonly string[]): boolean {
  const r = normalize(registry);
  return allowed.some((a) => {
    const p = normalize(a.trim());
    if (p === '*') return true;
    if (p.startsWith('*.')) return r.endsWith(p.slice(1));
    return p === r;
  });
}

export const untrustedRegistry: Rule = {
  code: 'BH212',
  name: 'untrusted-registry',
  category: 'supply-chain',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3026',
      differs:
        'hadolint reads the image as written, so one given by a build argument counts as a Docker Hub image; Bulkhead resolves build arguments, skips images it cannot know, and takes all of Docker Hub\'s host names as one registry.',
    },
  ],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.5', title: 'Use of untrusted images' },
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.2', title: 'Ensure that containers use only trusted base images' },
    { standard: 'CWE', id: 'CWE-829', title: 'Inclusion of Functionality from Untrusted Control Sphere', url: 'https://cwe.mitre.org/data/definitions/829.html' },
  ],
  options: {
    registries: {
      type: 'string[]',
      default: [],
      description: 'Registries base images may come from (`docker.io`, `ghcr.io`, `*.example.com`); empty turns the rule off.',
      configKey: 'trustedRegistries',
    },
  },
  fixable: 'none',
  docs: {
    summary: '`FROM` pulls an image from a registry that is not trusted.',
    attack: 'An image from a registry outside your control can change or be replaced by whoever runs that registry.',
    what:
      'A `FROM` whose image (build arguments resolved) comes from a registry not in the `registries` option. An image with no registry comes from Docker Hub (`docker.io`, ' +
      'also spelled `index.docker.io`, `registry-1.docker.io` or `hub.docker.com`). `*.example.com` trusts every subdomain. Stages, `scratch`, and images that depend on a build argument ' +
      'with no default are not checked. With no registries configured the rule is silent.',
    why: 'Base images run with the application and everything it can reach. An organisation that mirrors, scans and signs images in its own registry loses that control over an image pulled from anywhere else.',
    bad: 'FROM docker.io/library/alpine:3.20\nRUN echo hi\n',
    good: 'FROM registry.example.com/base/alpine:3.20\nRUN echo hi\n',
    useInstead: 'Pull base images from your trusted registry or its mirror of public images.',
    fixSafety: 'No fix: where an image is mirrored is specific to your organisation.',
    exampleOptions: { registries: ['registry.example.com'] },
  },
  check({ model, options, report }) {
    const allowed = Array.isArray(options.registries) ? (options.registries as unknown[]).filter((r): r is string => typeof r === 'string' && r.trim() !== '') : [];
    if (allowed.length === 0) return;
    for (const stage of model.stages) {
      const base = stage.base;
      if (base.kind !== 'image') continue;
      if (trusted(base.ref.registry, allowed)) continue;
      report({
        message: `Image "${base.text}" comes from registry "${base.ref.registry}", which is not trusted.`,
        range: base.range,
        instructionLine: stage.from.line,
      });
    }
  },
};
