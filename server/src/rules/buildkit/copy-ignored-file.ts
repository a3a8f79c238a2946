import type { Range } from 'vscode-languageserver-types';
import { parseExecForm } from '../../model/document';
import { substitute } from '../../model/variables';
import type { Rule } from '../types';
import { IgnoreMatcher, cleanPath } from './_dockerignore';
import { HYGIENE_REFS, flagsOf, keywordSpan } from './_util';

const REMOTE = /^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

export const copyIgnoredFile: Rule = {
  code: 'BH314',
  name: 'copy-ignored-file',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    {
      tool: 'buildkit',
      id: 'CopyIgnoredFile',
      differs: 'Bulkhead does not flag copying the whole context (`COPY . …`) when the ignore file excludes everything but a few paths (`*` then `!src`): the paths it keeps are still copied. BuildKit checks only the stages the build target needs; Bulkhead checks every stage, since any can be built with `--target`.',
    },
  ],
  references: [...HYGIENE_REFS],
  fixable: 'none',
  docs: {
    summary: '`COPY` or `ADD` names a path that `.dockerignore` leaves out of the build context.',
    what:
      'A local source of `COPY` or `ADD` (not `--from`, not a URL or git repository, not a heredoc) that the ignore file applying to the Dockerfile excludes, ' +
      'itself or through a parent folder, with Docker\'s pattern rules (`*`, `?`, `**`, `[…]`, `!` exceptions, the last matching line wins). ' +
      'Needs the ignore file: editors and the CLI read it beside the Dockerfile.',
    why: 'An excluded path is not sent to the builder: the copy fails with "not found", or a wildcard silently copies nothing, and the file the author meant to ship is missing.',
    bad: 'FROM alpine:3.20\nCOPY config/app.yml /etc/app.yml\n',
    good: 'FROM alpine:3.20\nCOPY settings/app.yml /etc/app.yml\n',
    useInstead: 'Add an exception to the ignore file (`!config/app.yml`), or copy a path it does not exclude.',
    fixSafety: 'No fix: whether the ignore file or the COPY is wrong is for a person to say.',
    limitations:
      'Sources built from build arguments without a known value are not checked. Without a file system (standard input, an unsaved editor) the ignore file is unknown and nothing is reported,.',
    exampleFacts: { dockerignore: { path: '.dockerignore', text: 'config/\n!config/defaults.yml\n' } },
  },
  check({ model, facts, report }) {
    const ignore = facts.dockerignore;
    if (!ignore) return;
    const matcher = IgnoreMatcher.parse(ignore.text);
    if (!matcher) return;
    for (const instr of model.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      if (flagsOf(instr).some((f) => f.getName().toLowerCase() === 'from')) continue;
      const args = instr.args;
      const first = args[0];
      if (!first || args.length < 2) continue;
      if (model.text.slice(instr.start, instr.end).includes('<<')) continue;
      const argStart = model.lines.offsetAt(first.getRange().start);
      const exec = parseExecForm(model.text, argStart, instr.end);
      const words: { value: string; range: Range }[] = exec
        ? exec.strings.map((s) => ({ value: s.value, range: model.lines.range(s.start, s.end) }))
        : args.map((a) => ({ value: a.getValue(), range: a.getRange() }));
      const keyword = keywordSpan(model, instr).text;
      const undeclaredUnknown = instr.stage?.base.kind !== 'scratch';
      for (const w of words.slice(0, -1)) {
        if (REMOTE.test(w.value)) continue;
        const value = substitute(w.value, instr.scope, { escapeChar: model.escapeChar, undeclaredUnknown }).value;
        if (value === null) continue;
        const src = cleanPath(value.replace(/\\/g, '/'));
        if (src === '.') continue;
        if (!matcher.excludes(src)) continue;
        report({
          message: `${keyword} source "${src}" is excluded by ${ignore.path}, so it is not in the build context.`,
          range: w.range,
          instructionLine: instr.line,
        });
      }
    }
  },
};
