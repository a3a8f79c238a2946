import type { Rule } from '../types';
import { replace } from '../../model/edits';
import { HYGIENE_REFS, keywordSpan } from './_util';

export const fromAsCasing: Rule = {
  code: 'BH301',
  name: 'from-as-casing',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'FromAsCasing' }],
  references: [...HYGIENE_REFS],
  fixable: 'safe',
  docs: {
    summary: '`AS` in a `FROM` line is cased differently from `FROM`.',
    what:
      'A `FROM image AS name` where `FROM` is all upper case and `AS` is not, or `FROM` is all lower case and `AS` is not. ' +
      'A `FROM` keyword in mixed case (`From`) is left to the instruction-casing check.',
    why: 'Keywords of one line written in two casings read as a mistake and make the file harder to scan; the build does not care.',
    bad: 'FROM node:20 as build\nRUN npm ci\n',
    good: 'FROM node:20 AS build\nRUN npm ci\n',
    useInstead: 'Write `AS` in the same case as `FROM`: `FROM … AS name` or `from … as name`.',
    fixSafety: 'Safe: keywords are case-insensitive, so the build is the same.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const args = stage.from.args;
      const as = args[1];
      if (args.length !== 3 || !as || as.getValue().toLowerCase() !== 'as') continue;
      const from = keywordSpan(model, stage.from).text;
      const lower = from === from.toLowerCase();
      const upper = from === from.toUpperCase();
      if (!lower && !upper) continue;
      const word = as.getValue();
      const want = lower ? word.toLowerCase() : word.toUpperCase();
      if (word === want) continue;
      const [start, end] = model.offsets(as.getRange());
      report({
        message: `"${word}" is cased differently from "${from}".`,
        range: as.getRange(),
        instructionLine: stage.from.line,
        fixes: [{ title: `Write "${want}"`, applicability: 'safe', edits: [replace(model, start, end, want)] }],
      });
    }
  },
};
