import { withCarried } from '../../model/document';
import type { Rule } from '../types';
import { replace } from '../../model/edits';
import { exposeWords, splitPortSpec } from './_expose';

const PORTS = /^\d+(?:-\d+)?$/;
const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/;

export const exposeInvalidFormat: Rule = {
  code: 'BH306',
  name: 'expose-invalid-format',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'ExposeInvalidFormat' }],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'safe',
  docs: {
    summary: '`EXPOSE` names a host address or host port.',
    what: 'A port of `EXPOSE` written as `hostPort:containerPort` or `ip:hostPort:containerPort`, after build arguments are substituted.',
    why:
      'An image cannot choose where it is published on the host: that is decided by whoever runs the container (`docker run -p`). ' +
      'Docker records only the container port and silently drops the rest, so the file promises an address or host port binding that never happens.',
    bad: 'FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80\n',
    good: 'FROM nginx:1.27\nEXPOSE 80\n',
    useInstead: 'Expose only the container port; publish it on a host address and port at run time (`docker run -p 127.0.0.1:8080:80`).',
    fixSafety: 'Safe: the fix keeps the container port and protocol, which is all Docker records from the line.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const w of exposeWords(model, instr)) {
        if (w.value === null) continue;
        const { ip, host, container } = splitPortSpec(w.value);
        if (ip === '' && host === '') continue;
        const fixable = w.literal && PORTS.test(host) && (ip === '' || IP.test(ip)) && /^\d+(?:-\d+)?(?:\/[A-Za-z]+)?$/.test(container);
        report({
          message: `EXPOSE should name only the container port, not a host ${ip !== '' ? 'address' : 'port'} ("${w.value}").`,
          range: model.lines.range(w.start, w.end),
          instructionLine: instr.line,
          fixes: fixable ? [{ title: 'Keep only the container port', applicability: 'safe', edits: [replace(model, w.start, w.end, container)] }] : [],
        });
      }
    }
  },
};
