import type { Rule } from '../types';
import { replace } from '../../model/edits';
import { HYGIENE_REFS, keywordSpan } from './_util';

/** Docker's instructions: anything else (a template's `{{ … }}` line) is not an instruction and fails the build on its own. */
const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

export const consistentInstructionCasing: Rule = {
  code: 'BH303',
  name: 'consistent-instruction-casing',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'ConsistentInstructionCasing' }],
  references: [...HYGIENE_REFS],
  fixable: 'safe',
  docs: {
    summary: 'Instruction keywords are not all in the same case.',
    what:
      'An instruction keyword that is not in the casing most keywords of the file use: instructions written all in lower case or all in upper case are counted, ' +
      'and the majority wins (upper case on a tie). A keyword in mixed case (`Run`) is always flagged.',
    why: 'A file that mixes `RUN` and `run` is harder to read and suggests pieces pasted from elsewhere; the build does not care.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\ncopy app /app\nCMD ["/app"]\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY app /app\nCMD ["/app"]\n',
    useInstead: 'Write every instruction keyword in the same case, upper case by convention.',
    fixSafety: 'Safe: instruction keywords are case-insensitive, so the build is the same.',
    limitations: 'The instruction after `ONBUILD` is not checked, as BuildKit does not either.',
  },
  check({ model, report }) {
    const spans = model.instructions.filter((instr) => KEYWORDS.has(instr.keyword)).map((instr) => ({ instr, ...keywordSpan(model, instr) }));
    let lower = 0;
    let upper = 0;
    for (const s of spans) {
      if (s.text === s.text.toLowerCase()) lower++;
      else if (s.text === s.text.toUpperCase()) upper++;
    }
    const wantLower = lower > upper;
    for (const s of spans) {
      const want = wantLower ? s.text.toLowerCase() : s.text.toUpperCase();
      if (s.text === want) continue;
      const casing = wantLower ? 'lower case' : 'upper case';
      report({
        message: `Instruction "${s.text}" should be in ${casing}, as most instructions are.`,
        range: s.range,
        instructionLine: s.instr.line,
        fixes: [{ title: `Write "${want}"`, applicability: 'safe', edits: [replace(model, s.start, s.end, want)] }],
      });
    }
  },
};
