import { withCarried } from '../../model/document';
import type { Rule } from '../types';
import { replace } from '../../model/edits';
import { HYGIENE_REFS } from './_util';
import { exposeWords } from './_expose';

export const exposeProtoCasing: Rule = {
  code: 'BH305',
  name: 'expose-proto-casing',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'ExposeProtoCasing' }],
  references: [...HYGIENE_REFS],
  fixable: 'safe',
  docs: {
    summary: 'An `EXPOSE` protocol is not in lower case.',
    what: 'A port of `EXPOSE` whose protocol (`/tcp`, `/udp`, `/sctp`) has an upper-case letter, after build arguments are substituted.',
    why: 'Docker lowers the protocol when it records the exposed port, so `80/TCP` is `80/tcp`; writing it in capitals only makes the file inconsistent with how the image reports it.',
    bad: 'FROM nginx:1.27\nEXPOSE 80/TCP\n',
    good: 'FROM nginx:1.27\nEXPOSE 80/tcp\n',
    useInstead: 'Write the protocol in lower case, or leave it out for TCP.',
    fixSafety: 'Safe: Docker lowers the protocol anyway; the exposed port is the same.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const w of exposeWords(model, instr)) {
        if (w.value === null) continue;
        const slash = w.value.indexOf('/');
        if (slash < 0) continue;
        const proto = w.value.slice(slash + 1);
        if (proto === proto.toLowerCase()) continue;
        const writtenSlash = w.written.indexOf('/');
        const exact = w.literal && writtenSlash >= 0;
        const start = exact ? w.start + writtenSlash + 1 : w.start;
        const end = w.end;
        report({
          message: `Protocol "${proto}" of port "${w.value}" should be lower case.`,
          range: model.lines.range(start, end),
          instructionLine: instr.line,
          fixes: exact ? [{ title: 'Lower-case the protocol', applicability: 'safe', edits: [replace(model, start, end, proto.toLowerCase())] }] : [],
        });
      }
    }
  },
};
