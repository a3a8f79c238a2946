import { withCarried } from '../../model/document';
import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { argumentsText, resolveWord } from './_util';

/** Directories the kernel or the runtime fills: Trivy's list, then /sys. */
const TRIVY_DIRS = ['/proc', '/boot', '/dev', '/initrd', '/lost+found'];
const OTHER_DIRS = ['/sys'];

/** `/proc/`, `//proc/.` → `/proc`. */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

function under(path: string, dirs: readonly string[]): string | undefined {
  return dirs.find((d) => path === d || path.startsWith(d + '/'));
}

export const workdirSystemDirectory: Rule = {
  code: 'BH201',
  name: 'workdir-system-directory',
  category: 'attack-surface',
  severity: 'error',
  aliases: [...trivy('0030', 'Trivy compares the path as written; Bulkhead resolves build arguments, removes quotes and normalises `//` and `..`, and also flags /sys.')],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
    { standard: 'CIS Docker Benchmark v1.6.0', id: '5.5', title: 'Ensure sensitive host system directories are not mounted on containers' },
    { standard: 'CWE', id: 'CWE-668', title: 'Exposure of Resource to Wrong Sphere', url: 'https://cwe.mitre.org/data/definitions/668.html' },
  ],
  fixable: 'none',
  docs: {
    summary: '`WORKDIR` is a system directory such as /proc or /dev.',
    attack: 'A working directory in /proc, /sys or /dev lets the application write into kernel and device interfaces the runtime exposes.',
    what: 'A `WORKDIR` at or below `/proc`, `/sys`, `/dev`, `/boot`, `/initrd` or `/lost+found`, after build arguments are resolved and the path normalised.',
    why:
      'The runtime mounts the kernel\'s pseudo file systems over `/proc`, `/sys` and `/dev` when the container starts: what the build wrote there is hidden, and a process working there ' +
      'reads and writes kernel and device state instead of application files. `/boot` and `/lost+found` belong to the host\'s disk layout and have no place in an image.',
    bad: 'FROM alpine:3.20\nWORKDIR /proc/app\nCOPY . .\n',
    good: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n',
    useInstead: 'Keep application files in a directory of their own, such as `/app`, `/srv/<name>` or `/opt/<name>`.',
    fixSafety: 'No fix: where the files belong is for a person to choose.',
    limitations: 'A relative `WORKDIR` that ends up in a system directory through an earlier `WORKDIR` is not followed.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'WORKDIR' || !instr.stage) continue;
      const first = instr.args[0];
      const last = instr.args[instr.args.length - 1];
      const value = resolveWord(model, instr, argumentsText(instr));
      if (!first || !last || value === null || !value.startsWith('/')) continue;
      const path = normalize(value);
      const trivyDir = under(path, TRIVY_DIRS);
      const dir = trivyDir ?? under(path, OTHER_DIRS);
      if (!dir) continue;
      report({
        message: `WORKDIR "${value}" is inside ${dir}, a directory the kernel or the runtime owns.`,
        range: { start: first.getRange().start, end: last.getRange().end },
        instructionLine: instr.line,
        aliases: trivyDir ? trivyIds('0030') : [],
      });
    }
  },
};
