import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel } from '../../model/document';
import { insertAt } from '../../model/edits';
import type { ShellWord } from '../../model/shell';
import type { Rule } from '../types';
import { hadolintSees, isExecForm, resolvedWord } from './_shell';

export const useraddWithoutNoLogInit: Rule = {
  code: 'BH264',
  name: 'useradd-without-no-log-init',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'hadolint', id: 'DL3046', differs: 'hadolint measures the text of the word after `-u` (so `${UID}` counts as six characters, `$UID` as four) and does not read `--uid` or `-u123456`; Bulkhead reads the UID with build arguments substituted, all spellings, and `useradd` behind `sudo` or inside `sh -c "…"`. Findings hadolint would not make do not carry DL3046.' }],
  references: [{ standard: 'CWE', id: 'CWE-400', title: 'Uncontrolled Resource Consumption', url: 'https://cwe.mitre.org/data/definitions/400.html' }],
  fixable: 'safe',
  docs: {
    summary: '`useradd` with a UID of six digits or more, without `-l`.',
    what:
      'A `useradd` in a `RUN` whose `-u`/`--uid` is a number of more than five digits (100000 and up, after build arguments are substituted), without `-l` or `--no-log-init`.',
    why:
      'Without `-l`, useradd records the new user in the lastlog and faillog databases, files indexed by UID. For a large UID the file is sparse on disk but ' +
      'image layers store it in full: a UID in the hundreds of thousands or millions adds hundreds of megabytes to gigabytes of zeros to the image.',
    bad: 'FROM debian:bookworm-slim\nRUN useradd -u 1000000 app\n',
    good: 'FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\n',
    useInstead: 'Pass `-l` (`--no-log-init`) to useradd whenever it creates a user with a large UID; a container does not need login records.',
    fixSafety: 'Safe: `-l` only keeps the user out of the lastlog and faillog files; the user, its UID, groups and home are the same.',
  },
  check({ model, report }) {
    for (const c of commandIndex(model).named('useradd', { keywords: ['RUN'] })) {
      if (c.hasFlag('-l', '--no-log-init')) continue;
      const { uid, hadolint } = uidOf(model, c);
      if (uid === null || !/^\d+$/.test(uid) || uid.length <= 5) continue;
      const exec = c.command.depth === 0 && isExecForm(model, c.instr);
      report({
        message: `useradd creates UID ${uid} without -l, which fills the image with a huge lastlog file.`,
        range: model.lines.range(c.nameWord.start, c.nameWord.end),
        instructionLine: c.instr.line,
        aliases: hadolintSees(c) && hadolint ? ['DL3046'] : [],
        fixes: [{ title: 'Add -l to useradd', applicability: 'safe', edits: [insertAt(model, c.nameWord.end, exec ? ', "-l"' : ' -l')] }],
      });
    }
  },
};

/**
 * The value of `-u`/`--uid`, with build arguments substituted (null when absent or unknown), and whether
 * hadolint reads it too: it takes the word after a `-u` flag (alone or ending a cluster) and measures its text.
 */
function uidOf(model: DockerfileModel, c: IndexedCommand): { uid: string | null; hadolint: boolean } {
  const args = c.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]?.value;
    if (v === '--') break;
    if (v === null || v === undefined) continue;
    if (v === '-u' || /^-[a-zA-Z]+u$/.test(v)) {
      const next = args[i + 1];
      return { uid: resolve(model, c, next), hadolint: next !== undefined && next.raw.replace(/^"(.*)"$/s, '$1').length > 5 };
    }
    if (v === '--uid') return { uid: resolve(model, c, args[i + 1]), hadolint: false };
    if (v.startsWith('--uid=')) return { uid: resolve(model, c, { ...(args[i] as ShellWord), value: v.slice(6), raw: (args[i] as ShellWord).raw.replace(/^--uid=/, '') }), hadolint: false };
    const attached = /^-u(\d+)$/.exec(v);
    if (attached) return { uid: attached[1] ?? null, hadolint: false };
  }
  return { uid: null, hadolint: false };
}

function resolve(model: DockerfileModel, c: IndexedCommand, word: ShellWord | undefined): string | null {
  return resolvedWord(model, c.instr, word);
}
