import { withCarried } from '../../model/document';
import { trivy } from '../aliases';
import { replace } from '../../model/edits';
import type { Rule } from '../types';
import { HYGIENE, copyParts, resolveWord } from './_util';

export const copyDestinationNotFolder: Rule = {
  code: 'BH204',
  name: 'copy-destination-not-folder',
  category: 'build-hygiene',
  severity: 'error',
  aliases: [
    { tool: 'hadolint', id: 'DL3021', differs: 'hadolint flags a destination given by a variable with no known value; Bulkhead resolves build arguments and skips what it cannot know.' },
    ...trivy('0011', 'Trivy flags a destination given by a variable with no known value; Bulkhead resolves build arguments and skips what it cannot know.'),
  ],
  references: [...HYGIENE],
  fixable: 'unsafe',
  docs: {
    summary: '`COPY` has several sources and a destination that does not end with `/`.',
    what: 'A `COPY` with two or more sources (heredocs included) whose destination, after build arguments are resolved, does not end with `/`.',
    why: 'With several sources the destination must be a folder, and Docker only takes it as one when it ends with a slash; otherwise the build fails.',
    bad: 'FROM node:20-slim\nCOPY package.json package-lock.json /app\n',
    good: 'FROM node:20-slim\nCOPY package.json package-lock.json /app/\n',
    useInstead: 'End the destination with `/`: `COPY a.txt b.txt /dest/`.',
    fixSafety: 'Unsafe: the fix appends the slash, which turns a build that fails into one that copies the files into that folder; check that a folder is what you meant.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'COPY' || !instr.stage) continue;
      const { sources, dest } = copyParts(model, instr);
      if (!dest || sources.length < 2) continue;
      const value = resolveWord(model, instr, dest.value);
      if (value === null || value.endsWith('/')) continue;
      const [start, end] = model.offsets(dest.range);
      const word = model.text.slice(start, end);
      // The whole word is replaced: an insertion at the instruction's end would read as text after it.
      const slashed = /["']$/.test(word) ? `${word.slice(0, -1)}/${word.slice(-1)}` : `${word}/`;
      report({
        message: `COPY has ${sources.length} sources, so its destination "${value}" must end with "/".`,
        range: dest.range,
        instructionLine: instr.line,
        fixes: [{ title: 'Add a trailing slash to the destination', applicability: 'unsafe', edits: [replace(model, start, end, slashed)] }],
      });
    }
  },
};
