import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { basename } from '../../model/shell';
import type { PackageManager } from '../../model/packages';
import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { commandHead, removedLater, verbOf } from './_util';

type Family = 'apt' | 'apk' | 'rpm' | 'zypper';

interface Program {
  family: Family;
  manager: PackageManager;
}

const PROGRAMS: Record<string, Program> = {
  'apt-get': { family: 'apt', manager: 'apt' },
  apt: { family: 'apt', manager: 'apt' },
  aptitude: { family: 'apt', manager: 'apt' },
  apk: { family: 'apk', manager: 'apk' },
  yum: { family: 'rpm', manager: 'yum' },
  dnf: { family: 'rpm', manager: 'dnf' },
  dnf5: { family: 'rpm', manager: 'dnf' },
  microdnf: { family: 'rpm', manager: 'microdnf' },
  tdnf: { family: 'rpm', manager: 'dnf' },
  zypper: { family: 'zypper', manager: 'zypper' },
};

/** Verbs that refresh the package index only. */
const REFRESH: Record<Family, ReadonlySet<string>> = {
  apt: new Set(['update']),
  apk: new Set(['update']),
  rpm: new Set(['makecache']),
  zypper: new Set(['refresh', 'ref']),
};

/** Verbs that install or upgrade from the index. */
const USE: Record<Family, ReadonlySet<string>> = {
  apt: new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'satisfy', 'safe-upgrade']),
  apk: new Set(['add', 'upgrade', 'fix']),
  rpm: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'distro-sync', 'group', 'module']),
  zypper: new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si']),
};

/** Where each family keeps the index: removed again in the same RUN, no later instruction can use it. */
const INDEX: Record<Family, readonly string[]> = {
  apt: ['/var/lib/apt/lists'],
  apk: ['/var/cache/apk'],
  rpm: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/tdnf'],
  zypper: ['/var/cache/zypp'],
};

const NAMES = Object.keys(PROGRAMS);

/** Whether a command installs or upgrades with the family's index, itself or through `xargs` (`xargs apt-get install -y < list`). */
function uses(o: IndexedCommand, family: Family): boolean {
  const q = PROGRAMS[o.name ?? ''];
  if (q) return q.family === family && USE[family].has(verbOf(o, q.manager)?.value ?? '');
  if (o.name !== 'xargs') return false;
  const i = o.args.findIndex((a) => PROGRAMS[basename(a.value ?? '')]?.family === family);
  return i >= 0 && o.args.slice(i + 1).some((a) => USE[family].has(a.value ?? ''));
}

export const packageIndexUpdateAlone: Rule = {
  code: 'BH106',
  name: 'package-index-update-alone',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    ...trivy(
      '0017',
      'Statements after `;`, on new lines or in a heredoc count as well as those after `&&`, and so does an install through `xargs`; an index the same RUN removes again is not flagged, ' +
        'as no later instruction can use it; yum, dnf and zypper `update` upgrade packages and are not flagged, while `makecache` and `zypper refresh` are (without this ID).',
    ),
    { tool: 'checkov', id: 'CKV_DOCKER_5', differs: 'Checkov looks for the words `update` and `install` anywhere in the RUN text; Bulkhead reads the commands, so `update-ca-certificates` alone is not flagged.' },
  ],
  references: [{ standard: 'CIS Docker Benchmark v1.6.0', id: '4.7', title: 'Ensure update instructions are not used alone in Dockerfiles' }],
  fixable: 'none',
  docs: {
    summary: 'A package index update with no install after it in the same `RUN`.',
    what:
      'In a `RUN`: `apt-get update` (or `apt`, `aptitude`), `apk update`, `yum`/`dnf`/`microdnf` `makecache` or `zypper refresh`, with no install or upgrade by the same package manager ' +
      'after it in the same `RUN` (directly or through `xargs`). An index that the same `RUN` removes again (`rm -rf /var/lib/apt/lists/*`) is not flagged: no later instruction can use it. ' +
      'Every stage is checked.',
    why:
      'Docker caches each `RUN` by its text. An update alone in its layer is reused as it is, days or months later, while the `RUN` that installs changes and rebuilds: ' +
      'it then installs from a stale index, gets outdated versions or fails because the old ones are gone from the mirror.',
    bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    useInstead: 'Update and install in the same `RUN`: `RUN apt-get update && apt-get install -y …`.',
    fixSafety: 'No fix: merging two instructions changes the layers and their cache, which a person should decide.',
    limitations: 'An install hidden in a script or behind `xargs` is not seen, so an update before it is flagged.',
  },
  check({ model, report }) {
    const index = commandIndex(model);
    for (const c of index.named(NAMES, { keywords: ['RUN'] })) {
      const p = PROGRAMS[c.name ?? ''];
      if (!p) continue;
      const verb = verbOf(c, p.manager);
      if (!verb || !REFRESH[p.family].has(verb.value ?? '')) continue;
      if (index.of(c.instr).some((o) => o.start >= c.end && uses(o, p.family)) || removedLater(model, c, INDEX[p.family])) continue;
      const peers = p.family === 'apt' || p.family === 'apk';
      report({
        message: `${c.name} ${verb.value} has no install after it in the same RUN.`,
        range: commandHead(model, c, verb),
        instructionLine: c.instr.line,
        aliases: peers ? [...trivyIds('0017'), 'CKV_DOCKER_5'] : [],
      });
    }
  },
};
