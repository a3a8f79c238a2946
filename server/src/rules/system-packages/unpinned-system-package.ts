import { commandIndex } from '../../model/commands';
import type { PackageTool } from '../../model/commands';
import type { Rule } from '../types';
import { aptNoAction, argValues, commandHead, wordValue } from './_util';

/** Whether a package argument names a version (or a file, a URL, a release), per manager. */
const PINNED: Partial<Record<PackageTool, (pkg: string) => boolean>> = {
  // `curl=8.5.0-2`, `curl/bookworm-backports`, `./local.deb`.
  apt: (p) => p.includes('=') || p.includes('/') || p.endsWith('.deb'),
  // `curl=8.9.1-r1`, `curl~8.9`, `curl>=8`, `./local.apk`.
  apk: (p) => /[=<>~]/.test(p) || p.includes('/') || p.endsWith('.apk'),
  // `httpd-2.4.57`, `httpd-2.4.57-5.el9`, `./local.rpm`, a URL.
  yum: (p) => /-\d/.test(p) || p.includes('/') || p.endsWith('.rpm'),
  dnf: (p) => /-\d/.test(p) || p.includes('/') || p.endsWith('.rpm'),
  microdnf: (p) => /-\d/.test(p) || p.includes('/') || p.endsWith('.rpm'),
  // `curl=8.0`, `curl>=8.0`, `./local.rpm`.
  zypper: (p) => /[=<>]/.test(p) || p.includes('/') || p.endsWith('.rpm'),
};

const ALIASES: Record<string, readonly string[]> = {
  'apt-get': ['DL3008'],
  apk: ['DL3018'],
  yum: ['DL3033'],
  dnf: ['DL3041'],
  dnf5: ['DL3041'],
  microdnf: ['DL3041'],
  zypper: ['DL3037'],
};

function list(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** The versions a dash brings in rpm names, as Bulkhead reads them against hadolint. */
const RPM_DIFFERS =
  'A version is read only after a dash followed by a digit (`httpd-2.4.57`, so `python3-devel` is unpinned); groups, modules and arguments whose value cannot be known are not flagged.';

export const unpinnedSystemPackage: Rule = {
  code: 'BH104',
  name: 'unpinned-system-package',
  category: 'supply-chain',
  severity: 'info',
  aliases: [
    { tool: 'hadolint', id: 'DL3008', differs: 'Arguments whose value cannot be known (a build argument without a default, a command substitution), globs and an apt-get that only simulates (`-s`) are not flagged.' },
    { tool: 'hadolint', id: 'DL3018', differs: 'Any version constraint counts as a pin (`curl~8.9`, `curl>=8`), and arguments whose value cannot be known are not flagged.' },
    { tool: 'hadolint', id: 'DL3033', differs: RPM_DIFFERS },
    { tool: 'hadolint', id: 'DL3037', differs: 'Arguments whose value cannot be known (a build argument without a default, a command substitution) are not flagged.' },
    { tool: 'hadolint', id: 'DL3041', differs: RPM_DIFFERS },
  ],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.1', title: 'Image vulnerabilities' },
    { standard: 'CWE', id: 'CWE-1357', title: 'Reliance on Insufficiently Trustworthy Component' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A system package is installed without a version.',
    attack: 'Whatever version the mirror serves on build day is installed, so a bad or downgraded package lands without a change to this file.',
    what:
      'A package argument of `apt-get install` or `apt install` without `=version` (or a `/release`), of `apk add` without a version constraint (`=`, `~`, `<`, `>`), ' +
      'of `yum`, `dnf` or `microdnf` `install` without `-version` (a dash followed by a digit), or of `zypper install` without `=`, `<` or `>`. ' +
      'Local package files, URLs and groups are not flagged, nor is an apt-get that only simulates or downloads (`-s`, `-d`), nor are arguments whose value is unknown (a build argument without a default, a command substitution). ' +
      'Every stage is checked: what a build stage installs shapes what it produces.',
    why:
      'Without a version, the same Dockerfile installs whatever the repository holds on the day of the build: two builds of one commit can differ, ' +
      'a regression or a compromised update arrives unreviewed, and a vulnerability report cannot say which build carries which version.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n',
    useInstead:
      'Pin each package (`curl=7.88.1-10+deb12u8`, `apk add curl=8.9.1-r1`, `dnf install httpd-2.4.57`) and update the pins deliberately; ' +
      'or pin the base image by digest and accept its repository snapshot.',
    fixSafety: 'No fix: the right version depends on the base image and the day; Bulkhead cannot pick one.',
    limitations:
      'Exact pins break builds when a distribution drops the old version from its repository; many teams pin the base image by digest instead, and turn this rule off.',
  },
  check({ model, report }) {
    const index = commandIndex(model);
    for (const c of index.packageOps({ tools: ['apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper'], ops: ['install'], keywords: ['RUN'] })) {
      const op = c.packages;
      const pinned = op ? PINNED[op.tool] : undefined;
      if (!op || !pinned || c.name === 'aptitude') continue;
      if (op.tool === 'apt' && (op.verb.value !== 'install' || aptNoAction(argValues(c)))) continue;
      const unpinned: string[] = [];
      for (const w of op.packages) {
        const v = wordValue(c.instr, w);
        if (v === null || v === '' || v.startsWith('@') || /[*?[]/.test(v)) continue;
        if (!pinned(v)) unpinned.push(v);
      }
      if (unpinned.length === 0) continue;
      report({
        message: `${c.name} ${op.verb.value} installs ${list(unpinned)} without a version.`,
        range: commandHead(model, c, op.verb),
        instructionLine: c.instr.line,
        aliases: ALIASES[c.name ?? ''] ?? [],
      });
    }
  },
};
