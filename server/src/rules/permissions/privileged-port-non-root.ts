import { stageChain } from '../../model/document';
import { exposeWords } from '../buildkit/_expose';
import type { Rule } from '../types';

/** A high port for a privileged one: the usual 8080 and 8443, else the port plus 8000 (`22` → `8022`). */
export function highPort(port: number): number {
  if (port === 80) return 8080;
  if (port === 443) return 8443;
  return port + 8000;
}

export const privilegedPortNonRoot: Rule = {
  code: 'BH423',
  name: 'privileged-port-non-root',
  category: 'privileges',
  // Docker 20.10 and later, and some Kubernetes runtimes, let any user bind low ports: a hint, not a defect.
  severity: 'info',
  aliases: [],
  references: [
    { standard: 'Pod Security Standards (Restricted)', id: 'capabilities', title: 'Capabilities', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { standard: 'NIST SP 800-190', id: '4.4.3', title: 'Insecure container runtime configurations' },
    { standard: 'CWE', id: 'CWE-250', title: 'Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
  ],
  fixable: 'none',
  docs: {
    summary: 'The image runs as a non-root user but exposes a port below 1024.',
    attack: 'To let the service bind its port, operators run the container as root or grant it `NET_BIND_SERVICE`, and any compromise of the service then starts with those privileges.',
    what:
      'The final stage (with the stages it builds on) `EXPOSE`s a port below 1024 (`80`, `443/tcp`, `53/udp`, a range that starts below 1024, a build argument whose value is such a port) ' +
      'and its last `USER` is not root. Port 22 is left to the `sshd` rule. Only what the Dockerfile says counts: a base image\'s own non-root default user is not considered, and a `USER` whose value is unknown is not flagged.',
    why:
      'On Linux, binding a port below 1024 takes the `CAP_NET_BIND_SERVICE` capability unless the runtime lowers `net.ipv4.ip_unprivileged_port_start` (Docker 20.10 and later do; Kubernetes runtimes and many other engines do not). ' +
      'A non-root process without the capability fails to start, and the usual ways out, running as root or adding the capability, give back the privileges the non-root user was meant to drop.',
    bad: 'FROM nginx:1.27\nUSER nginx\nEXPOSE 80\n',
    good: 'FROM nginx:1.27\nUSER nginx\nEXPOSE 8080\n',
    useInstead:
      'Make the service listen on a port above 1023 (`8080` for `80`, `8443` for `443`) and map it to the public port outside the container (`docker run -p 80:8080`, a Kubernetes Service with `port: 80` and `targetPort: 8080`).',
    fixSafety: 'No fix: the port the service listens on is set in its own configuration, which a change to `EXPOSE` alone would contradict.',
    limitations: 'The port the process really binds is not known here; an `EXPOSE` that only documents a port published by a proxy in front of it is flagged too.',
  },
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    const user = final.user;
    if (user.isRoot !== false || (user.source !== 'USER' && user.source !== 'parent-stage')) return;
    for (const stage of stageChain(final).reverse()) {
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'EXPOSE') continue;
        for (const w of exposeWords(model, instr)) {
          if (w.value === null) continue;
          const m = /^(\d+)(?:-(\d+))?(?:\/\w*)?$/.exec(w.value);
          if (!m) continue;
          const low = Number(m[1]);
          const high = m[2] === undefined ? low : Number(m[2]);
          // `EXPOSE 22` is the SSH server's port, which the sshd rule reports: its fix removes it.
          if (low === 0 || low >= 1024 || high < low || (low === 22 && high === 22)) continue;
          const ports = m[2] === undefined ? `port ${low}` : `ports ${low}-${high}`;
          const suggestion = m[2] === undefined ? `${highPort(low)}` : `${highPort(low)}-${highPort(high)}`;
          report({
            message: `EXPOSE ${ports} ${m[2] === undefined ? 'is' : 'start'} below 1024 but the container runs as ${user.value ?? user.written ?? 'a non-root user'}: listen on ${suggestion} instead, or the container needs the NET_BIND_SERVICE capability.`,
            range: model.lines.range(w.start, w.end),
            instructionLine: instr.line,
          });
        }
      }
    }
  },
};
