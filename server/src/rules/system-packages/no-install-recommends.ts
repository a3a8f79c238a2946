import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { stageChain } from '../../model/document';
import type { DockerfileModel } from '../../model/document';
import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { aptNoAction, argValues, commandHead, hasOption, insertWordAfter, unknownOption, verbOf } from './_util';

/** Values apt reads as false. */
const FALSE = /^(?:0|false|no|off|without|disable)$/i;

/** A setting that turns recommends off: `APT::Install-Recommends=false`, as `-o` takes it. */
function recommendsOff(setting: string | null | undefined): boolean {
  const m = setting ? /^APT::Install-Recommends=(.*)$/i.exec(setting) : null;
  return m !== null && FALSE.test((m[1] ?? '').replace(/^["']|["']$/g, ''));
}

/** `--no-install-recommends`, or `-o APT::Install-Recommends=false` (also `--option X`, `--option=X`, `-oX`). */
function disablesRecommends(values: readonly (string | null)[]): boolean {
  if (hasOption(values, '--no-install-recommends')) return true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if ((v === '-o' || v === '--option') && recommendsOff(values[i + 1])) return true;
    if (v.startsWith('--option=') && recommendsOff(v.slice('--option='.length))) return true;
    if (v.startsWith('-o') && !v.startsWith('--') && recommendsOff(v.slice(2))) return true;
  }
  return false;
}

/** The line an apt configuration file takes: `APT::Install-Recommends "false";`. */
const CONFIG_LINE = /APT::Install-Recommends\s+"?([A-Za-z0-9]+)"?\s*;/i;

/** The `echo` and `printf` commands of the document that write the setting turning recommends off (into /etc/apt/apt.conf.d, as base images and Dockerfiles do). */
function configWriters(model: DockerfileModel): IndexedCommand[] {
  return commandIndex(model)
    .named(['echo', 'printf'], { keywords: ['RUN'] })
    .filter((o) => argValues(o).some((v) => v !== null && FALSE.test(CONFIG_LINE.exec(v)?.[1] ?? '')));
}

/** Whether one of the writers runs before the command, in its stage or a stage it builds on. */
function configuredEarlier(writers: readonly IndexedCommand[], c: IndexedCommand): boolean {
  if (!c.stage || writers.length === 0) return false;
  const chain = stageChain(c.stage);
  return writers.some((o) => o.stage !== undefined && chain.includes(o.stage) && o.start < c.start);
}

export const noInstallRecommends: Rule = {
  code: 'BH101',
  name: 'no-install-recommends',
  category: 'attack-surface',
  severity: 'info',
  aliases: [
    {
      tool: 'hadolint',
      id: 'DL3015',
      differs:
        'An `echo` or `printf` of `APT::Install-Recommends "false";` earlier in the stage (or a stage it builds on) counts as turning recommends off too; ' +
        'an apt-get that only simulates or downloads (`-s`, `-d`) is not flagged.',
    },
    ...trivy(
      '0029',
      'Bulkhead also accepts `-o APT::Install-Recommends=false` and the setting written by an earlier `echo` or `printf`, as apt reads both, ' +
        'and does not flag an apt-get that only simulates or downloads (`-s`, `-d`).',
    ),
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: '`apt-get install` also installs every recommended package.',
    attack: 'Every recommended package is more code in the image for an attacker to use and more vulnerabilities to patch.',
    what:
      'In a `RUN`: `apt-get install` or `apt install` without `--no-install-recommends` or `-o APT::Install-Recommends=false` (also `0`, `no`, `off`), ' +
      'unless it only simulates or downloads (`-s`, `--dry-run`, `-d`), or an `echo` or `printf` earlier in the stage, or in a stage it builds on, writes `APT::Install-Recommends "false";` into apt\'s configuration.',
    why:
      'apt installs the packages a package recommends by default: documentation, helpers, sometimes whole services. Each is code in the image that nobody asked for, ' +
      'with its own vulnerabilities to patch and report, and a larger image to pull.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    useInstead: 'Add `--no-install-recommends` and name the packages you need; if something turns out missing, install it by name.',
    fixSafety:
      'Unsafe: the image gets fewer packages. A recommended package the application relied on without naming it (CA certificates for curl, say) is no longer there.',
    limitations:
      'A configuration file copied into /etc/apt/apt.conf.d, or set by the base image, is not read; nor is `aptitude` (`--without-recommends`).',
  },
  check({ model, report }) {
    let writers: IndexedCommand[] | undefined;
    for (const c of commandIndex(model).named(['apt-get', 'apt'], { keywords: ['RUN'] })) {
      const verb = verbOf(c, 'apt');
      if (verb?.value !== 'install') continue;
      const values = argValues(c);
      if (disablesRecommends(values) || aptNoAction(values) || unknownOption(c) || configuredEarlier((writers ??= configWriters(model)), c)) continue;
      report({
        message: `${c.name} install also installs recommended packages.`,
        range: commandHead(model, c, verb),
        instructionLine: c.instr.line,
        aliases: c.name === 'apt-get' ? ['DL3015', ...trivyIds('0029')] : [],
        fixes: [{ title: 'Add --no-install-recommends', applicability: 'unsafe', edits: [insertWordAfter(model, c, verb, '--no-install-recommends')] }],
      });
    }
  },
};
