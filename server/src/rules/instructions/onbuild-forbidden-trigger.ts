import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../types';
import { HYGIENE } from './_util';

const FORBIDDEN = new Set(['FROM', 'MAINTAINER', 'ONBUILD']);

export const onbuildForbiddenTrigger: Rule = {
  code: 'BH213',
  name: 'onbuild-forbidden-trigger',
  category: 'build-hygiene',
  severity: 'error',
  aliases: [{ tool: 'hadolint', id: 'DL3043' }],
  references: [...HYGIENE],
  fixable: 'none',
  docs: {
    summary: '`ONBUILD` carries `FROM`, `MAINTAINER` or `ONBUILD`.',
    what: 'An `ONBUILD FROM`, `ONBUILD MAINTAINER` or `ONBUILD ONBUILD`, in any casing.',
    why: 'Docker does not allow these as triggers: the build of the image fails, or of every image built on it.',
    bad: 'FROM alpine:3.20\nONBUILD MAINTAINER someone@example.com\n',
    good: 'FROM alpine:3.20\nONBUILD COPY . /app/\n',
    useInstead: 'Keep `FROM` in the child image\'s Dockerfile, use `LABEL org.opencontainers.image.authors` for authorship, and give `ONBUILD` only ordinary instructions.',
    fixSafety: 'No fix: what the trigger was meant to do is for a person to decide.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ONBUILD') continue;
      const node = instr.node as unknown as { getTrigger(): string | null; getTriggerRange(): Range | null };
      const trigger = node.getTrigger()?.toUpperCase();
      const range = node.getTriggerRange();
      if (!trigger || !range || !FORBIDDEN.has(trigger)) continue;
      report({ message: `ONBUILD cannot trigger ${trigger}.`, range, instructionLine: instr.line });
    }
  },
};
