import type { Rule } from '../types';
import { HYGIENE } from './_util';

/** Dockerfile instructions; anything else is not an instruction at all (a template, another file type) and is left to the parser's own errors. */
const KEYWORDS = new Set(['RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

export const instructionBeforeFrom: Rule = {
  code: 'BH210',
  name: 'instruction-before-from',
  category: 'build-hygiene',
  severity: 'error',
  aliases: [{ tool: 'hadolint', id: 'DL3061' }],
  references: [...HYGIENE],
  fixable: 'none',
  docs: {
    summary: 'An instruction other than `ARG` comes before the first `FROM`.',
    what: 'Any instruction but `ARG` before the first `FROM`. Comments and parser directives are fine there; lines that are no Dockerfile instruction at all (template syntax) are left to the parser.',
    why: 'Only `ARG` may come before the first `FROM`; Docker fails on anything else, since there is no stage for it to apply to.',
    bad: 'LABEL org.opencontainers.image.title="app"\nFROM alpine:3.20\n',
    good: 'ARG ALPINE=3.20\nFROM alpine:${ALPINE}\nLABEL org.opencontainers.image.title="app"\n',
    useInstead: 'Move the instruction below the `FROM` of the stage it belongs to.',
    fixSafety: 'No fix: which stage the instruction belongs to is for a person to decide.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword === 'FROM') return;
      if (!KEYWORDS.has(instr.keyword)) continue;
      report({
        message: `${instr.keyword} comes before the first FROM.`,
        range: instr.node.getInstructionRange(),
        instructionLine: instr.line,
      });
    }
  },
};
