import type { IndexedCommand } from '../../model/commands';
import type { Rule } from '../types';
import { argsOf, commandsWhere } from './_util';

/** Password hashes that lock an account or set none: not a password anyone can log in with. */
const LOCKED = /^(?:\*|!+\*?|x|)$/;

/** What sets a password in the command, if anything: the words to show and whether it is Checkov's chpasswd check. */
function passwordSetting(c: IndexedCommand): { what: string; chpasswd: boolean } | undefined {
  const name = c.name ?? '';
  if (name === 'chpasswd') return { what: 'chpasswd', chpasswd: true };
  const args = argsOf(c);
  if (name === 'usermod' || name === 'useradd') {
    for (let i = 0; i < args.length; i++) {
      const v = args[i]?.value ?? '';
      const attached = /^--password=(.*)$/s.exec(v);
      const value = attached ? attached[1] : v === '-p' || v === '--password' ? args[i + 1]?.value : undefined;
      if (value !== undefined && !LOCKED.test(value)) return { what: `${name} ${attached ? '--password' : v}`, chpasswd: false };
    }
    return undefined;
  }
  if (name === 'passwd') {
    if (args.some((a) => a.value === '--stdin')) return { what: 'passwd --stdin', chpasswd: false };
    // `echo pw | passwd` or `printf 'pw\npw' | passwd user`: the password comes from the pipe.
    if (c.command.pipelineIndex > 0 && !args.some((a) => /^-(?:[a-zA-Z]*[ldSeu]|-(?:lock|delete|status|expire|unlock))/.test(a.value))) return { what: 'passwd', chpasswd: false };
  }
  return undefined;
}

export const passwordSetInImage: Rule = {
  code: 'BH172',
  name: 'password-set-in-image',
  category: 'attack-surface',
  severity: 'warning',
  trust: 'secret',
  aliases: [{ tool: 'checkov', id: 'CKV2_DOCKER_17' }],
  references: [
    { standard: 'CWE', id: 'CWE-798', title: 'Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
    { standard: 'CWE', id: 'CWE-259', title: 'Use of Hard-coded Password', url: 'https://cwe.mitre.org/data/definitions/259.html' },
    { standard: 'NIST SP 800-190', id: '4.1.4', title: 'Embedded clear text secrets' },
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
  ],
  fixable: 'none',
  docs: {
    summary: 'The build sets an account password, which every container of the image then shares.',
    attack: 'Anyone who can pull the image reads the password hash from its layers and cracks or reuses it against every container of the image.',
    what:
      'A `RUN` that runs `chpasswd` (`echo "root:secret" | chpasswd`), `usermod -p` / `useradd -p` with a password hash (not a locking `*` or `!`), `passwd --stdin`, or ' +
      '`passwd` reading the password from a pipe.',
    why:
      'The password, or its hash, is written into the image\'s `/etc/shadow` and usually into the Dockerfile and the build history too. Everyone who can pull the image can ' +
      'read it and crack or reuse it, it is the same in every container, and it cannot be rotated without a rebuild. Containers rarely need a password: ' +
      'nothing logs in to them.',
    bad: 'FROM debian:bookworm-slim\nRUN useradd -m app && echo "app:changeme" | chpasswd\nUSER app\n',
    good: 'FROM debian:bookworm-slim\nRUN useradd -m app\nUSER app\n',
    useInstead:
      'Leave accounts without a password (locked) and run as the right user with `USER`; for a secret the application needs at build time use `RUN --mount=type=secret`, ' +
      'and at run time pass it from the orchestrator\'s secret store.',
    fixSafety: 'No automatic fix: whether anything relies on the password is for you to find out.',
    limitations: 'Passwords written to `/etc/shadow` by other means (`sed`, a copied file) are not detected.',
  },
  check(ctx) {
    const names = new Set(['chpasswd', 'usermod', 'useradd', 'passwd']);
    for (const c of commandsWhere(ctx, /chpasswd|usermod|useradd|passwd/, /chpasswd|-p|password|passwd|\$/, (n) => names.has(n))) {
      const s = passwordSetting(c);
      if (!s) continue;
      ctx.report({
        message: `${s.what} sets a password that ships in the image.`,
        range: ctx.model.lines.range(c.nameWord.start, c.end),
        instructionLine: c.instr.line,
        aliases: s.chpasswd ? ['CKV2_DOCKER_17'] : [],
      });
    }
  },
};
