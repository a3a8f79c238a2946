import { commandIndex } from '../../model/commands';
import { argumentsStart, parseExecForm } from '../../model/document';
import type { PackageManager } from '../../model/packages';
import { replace } from '../../model/edits';
import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { commandHead, verbOf } from './_util';

interface Program {
  manager: PackageManager;
  verbs: ReadonlySet<string>;
  /** The verb that upgrades without removing or adding packages. */
  upgrade: string;
}

const APT: Program = { manager: 'apt', verbs: new Set(['dist-upgrade', 'full-upgrade']), upgrade: 'upgrade' };
const PROGRAMS: Record<string, Program> = {
  'apt-get': APT,
  apt: APT,
  aptitude: APT,
  zypper: { manager: 'zypper', verbs: new Set(['dist-upgrade', 'dup']), upgrade: 'update' },
};

export const distUpgrade: Rule = {
  code: 'BH107',
  name: 'dist-upgrade',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'hadolint', id: 'DL3005' }, ...trivy('0024'), { tool: 'hadolint', id: 'DL3035' }],
  references: [{ standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' }],
  fixable: 'unsafe',
  docs: {
    summary: 'A distribution upgrade runs in the build.',
    what: 'In a `RUN`: `apt-get dist-upgrade` or `full-upgrade` (also with `apt` or `aptitude`), or `zypper dist-upgrade` (`dup`). Every stage is checked.',
    why:
      'A distribution upgrade resolves dependency changes by installing new packages and removing installed ones, and can move the system to a newer release than the base image. ' +
      'What the image holds then depends on the day of the build rather than on the base image and the Dockerfile.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
    useInstead: 'Use a newer base image for a newer release. To pick up fixes, `apt-get upgrade` (`zypper update`) upgrades packages without adding or removing any.',
    fixSafety: 'Unsafe: `upgrade` holds back the packages whose dependencies changed, so the image gets fewer updates than before.',
  },
  check({ model, report }) {
    for (const c of commandIndex(model).named(Object.keys(PROGRAMS), { keywords: ['RUN'] })) {
      const p = PROGRAMS[c.name ?? ''];
      const verb = p ? verbOf(c, p.manager) : undefined;
      if (!p || !verb || !p.verbs.has(verb.value ?? '')) continue;
      const start = argumentsStart(model, c.instr);
      const exec = start === undefined ? null : parseExecForm(model.text, start, c.instr.end);
      const json = exec?.strings.some((s) => s.start === verb.start) ?? false;
      const aliases = c.name === 'apt-get' && verb.value === 'dist-upgrade' ? ['DL3005', ...trivyIds('0024')] : c.name === 'zypper' ? ['DL3035'] : [];
      report({
        message: `${c.name} ${verb.value} may add, remove or replace packages.`,
        range: commandHead(model, c, verb),
        instructionLine: c.instr.line,
        aliases,
        fixes: [{ title: `Use ${p.upgrade} instead`, applicability: 'unsafe', edits: [replace(model, verb.start, verb.end, json ? `"${p.upgrade}"` : p.upgrade)] }],
      });
    }
  },
};
