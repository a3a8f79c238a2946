import type { Rule } from '../types';
import { listPaths, modeEffect, modeSites, reachesImage, spelled } from './_modes';

export const setuidBitAdded: Rule = {
  code: 'BH421',
  name: 'setuid-bit-added',
  category: 'privileges',
  severity: 'warning',
  aliases: [],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.8', title: 'Ensure setuid and setgid permissions are removed' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
    { standard: 'Pod Security Standards (Restricted)', id: 'allowPrivilegeEscalation', title: 'Privilege Escalation', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' },
    { standard: 'CWE', id: 'CWE-250', title: 'Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A file of the image is given the setuid or setgid bit.',
    attack: 'A process running as an unprivileged user executes the setuid program and, through any flaw in it, gains its owner\'s privileges, usually root.',
    what:
      'A mode that sets the setuid or setgid bit: `chmod u+s`, `g+s`, `+s`, `a+s`, `u=rwxs`; an octal mode whose leading digit has the 4 or 2 bit (`4755`, `2755`, `6755`); `install -m 4755`; ' +
      '`COPY --chmod=4755` and `ADD --chmod=4755`. Folders are not flagged (setuid means nothing on them, setgid only makes new files inherit the group): `mkdir -m 2775`, `install -d -m 2775`, ' +
      'and a `chmod g+s` without `-R` on a path the same `RUN` creates with `mkdir`. Nor are `u-s` and `a-s`, which take the bits away. ' +
      'Modes given by `ARG` or `ENV` variables are read when their value is known. Only what reaches the shipped image counts: the final stage and the stages it builds on, and the paths the final stage `COPY --from`s other stages.',
    why:
      'A setuid program runs with the privileges of its owner whatever user starts it: a container that runs as a non-root user can get root back through it, ' +
      'and every bug in that program (an argument, an environment variable, a file it trusts) becomes a privilege escalation. ' +
      'Setgid grants the owning group the same way. Kubernetes\' `allowPrivilegeEscalation: false` exists to neutralise such files; an image should not need it.',
    bad: 'FROM debian:bookworm-slim\nCOPY tool /usr/local/bin/tool\nRUN chmod u+s /usr/local/bin/tool\nUSER 10001\n',
    good: 'FROM debian:bookworm-slim\nCOPY tool /usr/local/bin/tool\nRUN chmod 755 /usr/local/bin/tool\nUSER 10001\n',
    useInstead:
      'Run the program as the user it needs to be, or give it the one capability it needs as a file capability (`setcap cap_net_bind_service=+ep /usr/local/bin/tool`) and nothing more. ' +
      'Better still, remove setuid and setgid bits the base image ships (`find / -xdev -perm /6000 -type f -exec chmod a-s {} +`).',
    fixSafety: 'No fix: what the program needs instead (a capability, another user, nothing) cannot be known from the Dockerfile.',
    limitations:
      'Setgid given with `chmod` to a folder the `RUN` does not create is flagged, since the target may as well be a file; files that arrive setuid from packages, archives or the base image are not found. ' +
      '`chmod` run by `find -exec` or `xargs` is not read.',
  },
  check({ model, report }) {
    for (const site of modeSites(model)) {
      // On a folder, setuid means nothing and setgid only makes new files inherit the folder's group.
      if (site.tool === 'umask' || site.directories) continue;
      const effect = modeEffect(site.mode, site.tool === 'chmod');
      if (!effect) continue;
      const bits = effect.setuid === true && effect.setgid === true ? 'the setuid and setgid bits' : effect.setuid === true ? 'the setuid bit' : effect.setgid === true ? 'the setgid bit' : undefined;
      if (!bits || !reachesImage(model, site.instr, site.paths)) continue;
      const paths = listPaths(site.paths);
      report({
        message: `${spelled(site)} sets ${bits} on ${paths || 'the file'}.`,
        range: model.lines.range(site.start, site.end),
        instructionLine: site.instr.line,
      });
    }
  },
};
