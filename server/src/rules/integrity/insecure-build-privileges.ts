import { withCarried } from '../../model/document';
import { del } from '../../model/edits';
import { flagsOf } from '../buildkit/_util';
import type { Rule } from '../types';

/** The flag values that lift the build sandbox, with what the step gets. */
const LIFTS: Record<string, { value: string; gives: string; severity: 'error' | 'warning' }> = {
  security: { value: 'insecure', gives: 'runs this step as a privileged container, with every capability and no seccomp profile', severity: 'error' },
  network: { value: 'host', gives: "gives this step the builder host's network, its localhost services and metadata endpoint included", severity: 'warning' },
};

export const insecureBuildPrivileges: Rule = {
  code: 'BH440',
  name: 'insecure-build-privileges',
  category: 'privileges',
  severity: 'error',
  trust: 'insecure',
  aliases: [],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '5.4', title: 'Ensure that privileged containers are not used' },
    { standard: 'CIS Docker Benchmark v1.6.0', id: '5.9', title: "Ensure that the host's network namespace is not shared" },
    { standard: 'NIST SP 800-190', id: '4.4.3', title: 'Insecure container runtime configurations' },
    { standard: 'Pod Security Standards (Baseline)', id: 'privileged', title: 'Privileged Containers', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { standard: 'Pod Security Standards (Baseline)', id: 'hostNetwork', title: 'Host Namespaces', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { standard: 'CWE', id: 'CWE-250', title: 'Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: 'A `RUN` step lifts the build sandbox with `--security=insecure` or `--network=host`.',
    attack:
      'Whatever the step runs (a package script, a downloaded installer) escapes to the builder host through a privileged container, or reaches its localhost services and the cloud metadata endpoint with the host\'s network.',
    what:
      '`RUN --security=insecure` and `RUN --network=host`, in every stage (they act at build time, whether or not the stage ships), `ONBUILD RUN` included. ' +
      'BuildKit reads the values of these flags as written, without expanding ARG or ENV variables (`--network=$NET` fails to parse), so a variable in them is not flagged.',
    why:
      '`--security=insecure` runs the step as a privileged container: all capabilities, no seccomp or AppArmor profile, the host\'s devices. Code run there can mount the host\'s disks ' +
      'and take over the builder, its cache and the credentials of every other build on it. `--network=host` puts the step in the host\'s network namespace: services bound to ' +
      'localhost on the builder, the cloud metadata endpoint and its instance credentials, and internal networks the build was not meant to see.',
    bad: 'FROM debian:bookworm-slim\nRUN --security=insecure mount -t tmpfs none /mnt && ./build.sh\n',
    good: 'FROM debian:bookworm-slim\nRUN ./build.sh\n',
    useInstead:
      'Give the step only what it needs: a cache or secret mount (`--mount=type=cache`, `--mount=type=secret`), build arguments for proxies, a `--mount=type=ssh` for private repositories. ' +
      'Steps that really need privileges (building a disk image, running a nested container) belong on a dedicated, throwaway builder, not in a Dockerfile others build.',
    fixSafety:
      'Unsafe: the flag is removed and the rest of the instruction kept byte for byte; a step that needed the privilege or the host network then fails to build, which someone has to address.',
    limitations: 'The builder must also allow the entitlement (`--allow security.insecure`, `--allow network.host`); the rule flags the request whether or not a builder grants it.',
  },
  check({ model, report }) {
    const text = model.text;
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'RUN') continue;
      // Flags come right after the keyword: no `--` there, no flag.
      if (!text.slice(instr.start, Math.min(instr.end, instr.start + 400)).includes('--')) continue;
      for (const flag of flagsOf(instr)) {
        const lift = LIFTS[flag.getName()];
        if (!lift || flag.getValue() !== lift.value) continue;
        const range = flag.getRange();
        const [start, end] = model.offsets(range);
        // The flag and the blanks after it; the next flag or the command then takes its place.
        let e = end;
        while (e < instr.end && (text[e] === ' ' || text[e] === '\t')) e++;
        report({
          message: `--${flag.getName()}=${lift.value} ${lift.gives}.`,
          range,
          instructionLine: instr.line,
          severity: lift.severity,
          fixes: [{ title: `Remove --${flag.getName()}=${lift.value}`, applicability: 'unsafe', edits: [del(model, start, e)] }],
        });
      }
    }
  },
};
