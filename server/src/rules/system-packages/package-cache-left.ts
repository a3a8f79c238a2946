import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel } from '../../model/document';
import type { PackageManager } from '../../model/packages';
import { trivy, trivyIds } from '../aliases';
import type { Fix, Rule } from '../types';
import { appendCommand, argValues, commandHead, hasOption, insertWordAfter, mounted, removedLater, shippedStages, sudoPrefix, unknownOption, verbOf } from './_util';

type Family = 'apk' | 'rpm' | 'zypper';

interface Program {
  family: Family;
  manager: PackageManager;
  /** Verbs that download package metadata and packages. */
  verbs: ReadonlySet<string>;
  aliases: readonly string[];
}

const RPM_VERBS = new Set(['install', 'groupinstall', 'localinstall', 'reinstall']);
/** Where yum, dnf, dnf5, microdnf and tdnf keep metadata and packages (yum is dnf on current RHEL-like systems). */
const RPM_CACHES = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/tdnf'];
const DNF_ALIASES = ['DL3040', ...trivyIds('0019')];

const PROGRAMS: Record<string, Program> = {
  apk: { family: 'apk', manager: 'apk', verbs: new Set(['add']), aliases: ['DL3019', ...trivyIds('0025')] },
  yum: { family: 'rpm', manager: 'yum', verbs: RPM_VERBS, aliases: ['DL3032', ...trivyIds('0015')] },
  dnf: { family: 'rpm', manager: 'dnf', verbs: RPM_VERBS, aliases: DNF_ALIASES },
  dnf5: { family: 'rpm', manager: 'dnf', verbs: RPM_VERBS, aliases: DNF_ALIASES },
  microdnf: { family: 'rpm', manager: 'microdnf', verbs: RPM_VERBS, aliases: [...DNF_ALIASES, ...trivyIds('0027')] },
  tdnf: { family: 'rpm', manager: 'dnf', verbs: RPM_VERBS, aliases: [] },
  zypper: { family: 'zypper', manager: 'zypper', verbs: new Set(['install', 'in']), aliases: ['DL3036', ...trivyIds('0020')] },
};

const NAMES = Object.keys(PROGRAMS);
const CACHES: Record<Family, readonly string[]> = { apk: ['/var/cache/apk'], rpm: RPM_CACHES, zypper: ['/var/cache/zypp'] };

/** A clean of the family's cache after the command in the same RUN: `yum|dnf|microdnf|tdnf clean all`, `zypper clean|cc`. */
function cleanedLater(model: DockerfileModel, c: IndexedCommand, family: Family): boolean {
  return commandIndex(model)
    .of(c.instr)
    .some((o) => {
      if (o.start < c.end) return false;
      const p = PROGRAMS[o.name ?? ''];
      if (!p || p.family !== family || family === 'apk') return false;
      const verb = verbOf(o, p.manager)?.value;
      if (family === 'zypper') return verb === 'clean' || verb === 'cc';
      return verb === 'clean' && argValues(o).includes('all');
    });
}

/** The command that cleans up after this one, run the same way (through sudo when it is). */
function cleanCommand(c: IndexedCommand, family: Family): string {
  return `${sudoPrefix(c)}${family === 'zypper' ? 'zypper clean --all' : `${c.name ?? 'dnf'} clean all`}`;
}

export const packageCacheLeft: Rule = {
  code: 'BH103',
  name: 'package-cache-left',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3019',
      differs: 'Only stages that end up in the shipped image are checked; removing /var/cache/apk later in the same RUN also counts.',
    },
    ...trivy('0025', 'Only stages that end up in the shipped image are checked; removing /var/cache/apk later in the same RUN, or a cache mount over it, also counts.'),
    {
      tool: 'hadolint',
      id: 'DL3032',
      differs: 'Only stages that end up in the shipped image are checked; the clean must come after the install, and `dnf clean all` or removing the cache folder counts too.',
    },
    ...trivy('0015', 'Only stages that end up in the shipped image are checked; `dnf clean all`, removing the cache folder or a cache mount over it count too.'),
    {
      tool: 'hadolint',
      id: 'DL3036',
      differs: 'Only stages that end up in the shipped image are checked; the clean must come after the install, and removing /var/cache/zypp counts too.',
    },
    ...trivy('0020', 'Only stages that end up in the shipped image are checked; removing /var/cache/zypp or a cache mount over it count too.'),
    {
      tool: 'hadolint',
      id: 'DL3040',
      differs: 'Only stages that end up in the shipped image are checked; the clean must come after the install, and `yum clean all` or removing the cache folder counts too.',
    },
    ...trivy('0019', 'Only stages that end up in the shipped image are checked; `yum clean all`, removing the cache folder or a cache mount over it count too.'),
    ...trivy('0027', 'Only stages that end up in the shipped image are checked; `dnf clean all`, removing the cache folder or a cache mount over it count too.'),
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'safe',
  docs: {
    summary: 'A package install leaves the package manager\'s cache in the shipped image.',
    what:
      'In a `RUN` of a stage that ends up in the shipped image: `apk add` without `--no-cache`; `yum`, `dnf`, `microdnf` or `tdnf` `install` (also `groupinstall`, `localinstall`, `reinstall`) ' +
      'with no `clean all` after it in the same `RUN`; `zypper install` with no `zypper clean` after it. Removing the cache folder later in the same `RUN` ' +
      '(`rm -rf /var/cache/apk/*`, `/var/cache/yum`, `/var/cache/dnf`, `/var/cache/zypp`) or a cache or tmpfs mount over it counts as clean. ' +
      'Build stages that are only copied from are not checked. apt has its own rule, apt-lists-left.',
    why:
      'Package indexes and downloaded packages are of no use to the running container, yet they are shipped and pulled with every deployment: a few megabytes for apk, ' +
      'often a hundred or more for yum and dnf metadata. A cache removed in a later `RUN` is still in the earlier layer.',
    bad: 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r1\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r1\n',
    useInstead:
      'Use `apk add --no-cache`; end a `RUN` that installs with yum, dnf or microdnf with `&& yum clean all` (`dnf clean all`, `microdnf clean all`), and one with zypper with ' +
      '`&& zypper clean --all`. Or keep the cache in a cache mount (`RUN --mount=type=cache,target=/var/cache/dnf …`).',
    fixSafety:
      'Safe: the same packages are installed; only the cache is gone, and a later install fetches the metadata again. The fix adds `--no-cache` after `apk add`, ' +
      'or appends the clean command to the `RUN` (a line of its own in a heredoc script).',
    limitations:
      'A `RUN` in exec form, or one that holds a heredoc of its own, gets no fix for yum, dnf and zypper. An index left by `apk update` with `apk add --no-cache` after it is not flagged; ' +
      'neither are `yum update` and `dnf upgrade`, which fill the cache too.',
  },
  check({ model, report }) {
    const shipped = shippedStages(model);
    for (const c of commandIndex(model).named(NAMES, { keywords: ['RUN'] })) {
      const p = PROGRAMS[c.name ?? ''];
      if (!p || !c.stage || !shipped.has(c.stage)) continue;
      const verb = verbOf(c, p.manager);
      if (!verb || !p.verbs.has(verb.value ?? '')) continue;
      if (mounted(c.instr, CACHES[p.family]) || removedLater(model, c, CACHES[p.family])) continue;
      const fixes: Fix[] = [];
      let message: string;
      if (p.family === 'apk') {
        const values = argValues(c);
        if (hasOption(values, '--no-cache') || unknownOption(c)) continue;
        message = 'apk add keeps the package index in the image.';
        fixes.push({ title: 'Add --no-cache', applicability: 'safe', edits: [insertWordAfter(model, c, verb, '--no-cache')] });
      } else {
        if (cleanedLater(model, c, p.family)) continue;
        message = `${c.name} ${verb.value} leaves its cache in the image.`;
        const clean = cleanCommand(c, p.family);
        const edit = appendCommand(model, c.instr, clean);
        if (edit) fixes.push({ title: `Append ${clean}`, applicability: 'safe', edits: [edit] });
      }
      report({ message, range: commandHead(model, c, verb), instructionLine: c.instr.line, aliases: p.aliases, fixes });
    }
  },
};
