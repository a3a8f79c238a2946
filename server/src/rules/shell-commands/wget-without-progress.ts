import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { insertAt } from '../../model/edits';
import type { Fix, Rule } from '../types';
import { hadolintSees, isExecForm } from './_shell';

/** Long options that set the progress display or keep wget quiet (or log elsewhere). */
const LONG = new Set(['--progress', '--quiet', '--no-verbose', '--output-file', '--append-output']);
/** Short options that do the same: -q, -o FILE, -a FILE (and -nv, read apart). */
const SHORT = new Set(['q', 'o', 'a']);
/** Short options of GNU wget that take a value: the rest of a cluster after one of them is that value. */
const SHORT_VALUE = new Set([...'oaOetTwPUiBQlDRAXIY']);

/** Whether wget is told how to show progress, or to be quiet. */
export function quietWget(c: IndexedCommand): boolean {
  for (const w of c.args) {
    const v = w.value;
    if (v === '--') break;
    if (v === null || !v.startsWith('-') || v === '-') continue;
    if (v.startsWith('--')) {
      if (LONG.has(v.split('=')[0] ?? '')) return true;
      continue;
    }
    for (let i = 1; i < v.length; i++) {
      const ch = v[i] ?? '';
      if (ch === 'n') {
        if (v[i + 1] === 'v') return true;
        i++;
        continue;
      }
      if (SHORT.has(ch)) return true;
      if (SHORT_VALUE.has(ch)) break;
    }
  }
  return false;
}

export const wgetWithoutProgress: Rule = {
  code: 'BH265',
  name: 'wget-without-progress',
  category: 'build-hygiene',
  severity: 'info',
  aliases: [{ tool: 'hadolint', id: 'DL3047', differs: 'wget behind `sudo` or inside `sh -c "…"` is flagged without DL3047, which hadolint does not read there.' }],
  references: [{ standard: 'CWE', id: 'CWE-779', title: 'Logging of Excessive Data', url: 'https://cwe.mitre.org/data/definitions/779.html' }],
  fixable: 'safe',
  docs: {
    summary: '`wget` in a RUN without `--progress` or a quiet option.',
    what:
      'A `wget` in a `RUN` with none of `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose`, `-o`/`--output-file` or `-a`/`--append-output` ' +
      '(short options are read in clusters, `-qO-` is quiet).',
    why:
      'Without a terminal wget falls back to its dot display, one line of dots per few kilobytes: a large download writes thousands of lines to the build log, ' +
      'slows it and buries the output that matters.',
    bad: 'FROM debian:bookworm-slim\nRUN wget https://example.com/big.tar.gz\n',
    good: 'FROM debian:bookworm-slim\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n',
    useInstead: 'Pass `--progress=dot:giga` (a dot per large chunk), or `-nv` / `-q` to print little or nothing.',
    fixSafety:
      'Safe: the fix adds `--progress=dot:giga`, which changes only what the build prints. It is offered in Debian, Ubuntu and Red Hat family stages only, ' +
      'where wget is GNU wget: BusyBox\'s wget (Alpine) has no `--progress` option.',
  },
  check({ model, report }) {
    for (const c of commandIndex(model).named('wget', { keywords: ['RUN'] })) {
      if (quietWget(c)) continue;
      const os = c.stage?.os;
      const fixes: Fix[] = [];
      if (os === 'debian' || os === 'rhel' || os === 'rhel-minimal') {
        const exec = c.command.depth === 0 && isExecForm(model, c.instr);
        fixes.push({ title: 'Add --progress=dot:giga', applicability: 'safe', edits: [insertAt(model, c.nameWord.end, exec ? ', "--progress=dot:giga"' : ' --progress=dot:giga')] });
      }
      report({
        message: 'wget without --progress or -q floods the build log with progress dots.',
        range: model.lines.range(c.nameWord.start, c.nameWord.end),
        instructionLine: c.instr.line,
        aliases: hadolintSees(c) ? ['DL3047'] : [],
        fixes,
      });
    }
  },
};
