import { commandIndex } from '../../model/commands';
import type { Fix, Rule } from '../types';
import { commandHead, insertAfter, verbOf } from './_util';

/** apt's verbs that apt-get and apt-cache take with the same meaning. */
const APT_GET = new Set(['install', 'remove', 'purge', 'autoremove', 'update', 'upgrade', 'dist-upgrade', 'full-upgrade', 'clean', 'autoclean', 'source', 'build-dep', 'download', 'changelog', 'check', 'satisfy']);
const APT_CACHE = new Set(['search', 'show', 'showsrc', 'policy', 'depends', 'rdepends']);

export const aptInsteadOfAptGet: Rule = {
  code: 'BH105',
  name: 'apt-instead-of-apt-get',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3027' },
    { tool: 'checkov', id: 'CKV_DOCKER_9', differs: 'Only a command that runs apt is flagged, not the word apt anywhere in the RUN text (`echo apt is fine`).' },
  ],
  references: [{ standard: 'CWE', id: 'CWE-710', title: 'Improper Adherence to Coding Standards' }],
  fixable: 'unsafe',
  docs: {
    summary: '`apt` runs in a `RUN`, where `apt-get` or `apt-cache` belong.',
    what: 'A command that runs `apt` (past `sudo` and `env`, with any path) in a `RUN` instruction, whatever its verb.',
    why:
      '`apt` is the front end for people at a terminal: its output, its defaults and its options may change between releases, and it warns that it has no stable interface ' +
      'for scripts. `apt-get` and `apt-cache` keep their behaviour, so a build does the same thing on the next release of the base image.',
    bad: 'FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl\n',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    useInstead: 'Use `apt-get` for install, remove, update and upgrade, and `apt-cache` for search, show and policy.',
    fixSafety:
      'Unsafe: the fix renames `apt` to `apt-get` (or `apt-cache` for queries), but the two differ in places: `apt upgrade` also installs new dependencies where ' +
      '`apt-get upgrade` holds the package back, and `apt` deletes downloaded archives that `apt-get` keeps unless the image is configured to clean them.',
    limitations: 'Verbs only `apt` has (`list`, `edit-sources`) get no fix.',
  },
  check({ model, report }) {
    for (const c of commandIndex(model).named('apt', { keywords: ['RUN'] })) {
      const verb = verbOf(c, 'apt');
      const v = verb?.value ?? '';
      const target = APT_GET.has(v) ? 'apt-get' : APT_CACHE.has(v) ? 'apt-cache' : undefined;
      const raw = c.nameWord.raw;
      const end = raw.endsWith('apt') ? c.nameWord.end : /apt["']$/.test(raw) ? c.nameWord.end - 1 : undefined;
      const fixes: Fix[] =
        target && end !== undefined ? [{ title: `Use ${target} instead of apt`, applicability: 'unsafe', edits: [insertAfter(model, end, target.slice(3))] }] : [];
      report({
        message: target ? `apt is for interactive use; use ${target} in scripts.` : 'apt is for interactive use; use apt-get or apt-cache in scripts.',
        range: commandHead(model, c, verb),
        instructionLine: c.instr.line,
        fixes,
      });
    }
  },
};
