import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { PackageManager } from '../../model/packages';
import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { aptNoAction, argValues, commandHead, hasOption, insertWordAfter, unknownOption, verbOf } from './_util';

interface Manager {
  manager: PackageManager;
  /** Verbs that ask before they change anything. */
  verbs: ReadonlySet<string>;
  /** Options that answer yes (a one-letter option also inside a cluster: `-qy`). */
  yes: readonly string[];
  /** The peers' IDs for a finding on this program. */
  aliases: readonly string[];
}

const RPM_VERBS = new Set(['install', 'groupinstall', 'localinstall']);
const RPM_YES = ['-y', '--assumeyes'];

const PROGRAMS: Record<string, Manager> = {
  'apt-get': { manager: 'apt', verbs: new Set(['install']), yes: ['-y', '--yes', '--assume-yes'], aliases: ['DL3014', ...trivyIds('0021')] },
  apt: { manager: 'apt', verbs: new Set(['install']), yes: ['-y', '--yes', '--assume-yes'], aliases: [] },
  yum: { manager: 'yum', verbs: RPM_VERBS, yes: RPM_YES, aliases: ['DL3030'] },
  dnf: { manager: 'dnf', verbs: RPM_VERBS, yes: RPM_YES, aliases: ['DL3038'] },
  dnf5: { manager: 'dnf', verbs: RPM_VERBS, yes: RPM_YES, aliases: ['DL3038'] },
  tdnf: { manager: 'dnf', verbs: RPM_VERBS, yes: RPM_YES, aliases: [] },
  zypper: {
    manager: 'zypper',
    verbs: new Set(['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch']),
    yes: ['-n', '--non-interactive', '-y', '--no-confirm'],
    aliases: ['DL3034'],
  },
};

const NAMES = Object.keys(PROGRAMS);
const TRUE = /^(?:1|true|yes|on|enable|with)$/i;

/**
 * apt's quiet level: each `q` of a short-option cluster counts one, `-q=N` and `--quiet=N` set it. Level 2
 * implies `--yes` (apt-get(8)).
 */
function aptQuietLevel(values: readonly (string | null)[]): number {
  let level = 0;
  for (const v of values) {
    if (v === null || v === '--') break;
    if (v === '--quiet') level++;
    else if (v.startsWith('--quiet=')) level = Number(v.slice(8)) || 0;
    else if (/^-q=\d+$/.test(v)) level = Number(v.slice(3));
    else if (/^-[A-Za-z]+$/.test(v)) level += [...v].filter((ch) => ch === 'q').length;
  }
  return level;
}

/** `-o APT::Get::Assume-Yes=true` (also `--option X`, `--option=X` and `-oX`). */
function aptAssumeYesOption(values: readonly (string | null)[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    let setting: string | null | undefined = null;
    if (v === '-o' || v === '--option') setting = values[i + 1];
    else if (v.startsWith('--option=')) setting = v.slice('--option='.length);
    else if (v.startsWith('-o') && v.length > 2 && !v.startsWith('--')) setting = v.slice(2);
    const m = setting ? /^APT::Get::Assume-Yes=(.*)$/i.exec(setting) : null;
    if (m && TRUE.test((m[1] ?? '').replace(/^["']|["']$/g, ''))) return true;
  }
  return false;
}

/** Whether the command answers yes; undefined when an argument is unknown (a variable without a value) and could. */
function answersYes(c: IndexedCommand, m: Manager): boolean | undefined {
  const values = argValues(c);
  if (hasOption(values, ...m.yes)) return true;
  if (m.manager === 'apt' && (aptQuietLevel(values) >= 2 || aptAssumeYesOption(values) || aptNoAction(values))) return true;
  return unknownOption(c) ? undefined : false;
}

export const nonInteractiveInstall: Rule = {
  code: 'BH100',
  name: 'non-interactive-install',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3014', differs: 'An apt-get that only simulates or downloads (`-s`, `-d`) is not flagged, and `-o APT::Get::Assume-Yes=true` counts as yes.' },
    ...trivy(
      '0021',
      'Trivy wants `-y`, `--yes` or `--assume-yes` right before or after `install`; Bulkhead accepts them anywhere in the command, and also quiet level 2 (`-qq`), which apt-get reads as yes, ' +
        'and does not flag an apt-get that only simulates or downloads (`-s`, `-d`).',
    ),
    { tool: 'hadolint', id: 'DL3030' },
    { tool: 'hadolint', id: 'DL3034' },
    { tool: 'hadolint', id: 'DL3038', differs: 'microdnf is not flagged: it does not stop to ask in a build.' },
  ],
  references: [{ standard: 'CWE', id: 'CWE-710', title: 'Improper Adherence to Coding Standards' }],
  fixable: 'safe',
  docs: {
    summary: 'A package install that would stop to ask for confirmation.',
    what:
      'In a `RUN`: `apt-get install` or `apt install` without `-y`, `--yes`, `--assume-yes`, quiet level 2 (`-qq`, `-q=2`) or `-o APT::Get::Assume-Yes=true`; ' +
      '`yum`, `dnf` or `tdnf` `install`, `groupinstall` or `localinstall` without `-y` or `--assumeyes`; `zypper` `install`, `in`, `remove`, `rm`, `source-install`, `si` or `patch` ' +
      'without `-n`, `--non-interactive`, `-y` or `--no-confirm`. Options count wherever they stand in the command, in clusters too (`-qy`); `sudo` and `env` prefixes are looked through.',
    why:
      'A build has no one to answer the package manager\'s "Do you want to continue?". Whether it asks depends on what else the install pulls in, ' +
      'so a Dockerfile that builds today can abort tomorrow when a dependency changes; saying yes up front keeps the build deterministic.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    useInstead: 'Pass `-y` to apt-get, apt, yum, dnf and tdnf, and `-n` (`--non-interactive`) to zypper.',
    fixSafety:
      'Safe: the option only answers the confirmation prompt. Where the build did not stop to ask, the same packages are installed; where it did, it failed and built nothing. ' +
      'The fix adds `-y` after the verb, or `-n` after `zypper`.',
    limitations:
      'Only installs are checked, as the peers do: `apt-get remove` or `upgrade` without `-y` asks too. ' +
      'A default set in a configuration file (`APT::Get::Assume-Yes` in /etc/apt/apt.conf.d, `assumeyes=1` in yum.conf or dnf.conf) is not read.',
  },
  check({ model, report }) {
    const index = commandIndex(model);
    for (const c of index.named(NAMES, { keywords: ['RUN'] })) {
      const m = PROGRAMS[c.name ?? ''];
      if (!m) continue;
      const verb = verbOf(c, m.manager);
      if (!verb || !m.verbs.has(verb.value ?? '') || answersYes(c, m) !== false) continue;
      const zypper = m.manager === 'zypper';
      report({
        message: `${c.name} ${verb.value} may stop to ask for confirmation.`,
        range: commandHead(model, c, verb),
        instructionLine: c.instr.line,
        aliases: m.aliases,
        fixes: [
          {
            title: zypper ? 'Add -n' : 'Add -y',
            applicability: 'safe',
            edits: [zypper ? insertWordAfter(model, c, c.nameWord, '-n') : insertWordAfter(model, c, verb, '-y')],
          },
        ],
      });
    }
  },
};
