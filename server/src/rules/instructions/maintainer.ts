import { trivy } from '../aliases';
import { replace } from '../../model/edits';
import type { Rule } from '../types';
import { HYGIENE, argumentsText } from './_util';

const LABEL = 'org.opencontainers.image.authors';

/**
 * The text as a LABEL value that means it literally: in double quotes when nothing in it is special there, else in
 * single quotes (no escapes, no variables); undefined when it holds a quote as well.
 */
function quote(text: string): string | undefined {
  if (!/["$\\`]/.test(text)) return `"${text}"`;
  if (!text.includes("'") && !text.includes('"')) return `'${text}'`;
  return undefined;
}

export const maintainer: Rule = {
  code: 'BH218',
  name: 'maintainer',
  category: 'build-hygiene',
  severity: 'info',
  aliases: [
    { tool: 'hadolint', id: 'DL4000' },
    ...trivy('0022'),
    { tool: 'checkov', id: 'CKV_DOCKER_6' },
    { tool: 'buildkit', id: 'MaintainerDeprecated' },
  ],
  references: [...HYGIENE, { standard: 'CWE', id: 'CWE-477', title: 'Use of Obsolete Function', url: 'https://cwe.mitre.org/data/definitions/477.html' }],
  fixable: 'unsafe',
  docs: {
    summary: '`MAINTAINER` is deprecated.',
    what: 'Any `MAINTAINER` instruction.',
    why: '`MAINTAINER` sets the image\'s `Author` field, which Docker deprecated; registries and scanners read the OCI label `org.opencontainers.image.authors` instead.',
    bad: 'FROM alpine:3.20\nMAINTAINER Jo Doe <jo@example.com>\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jo Doe <jo@example.com>"\n',
    useInstead: 'Use `LABEL org.opencontainers.image.authors="…"`.',
    fixSafety:
      'Unsafe: the fix replaces the instruction with the label, with the same text (in single quotes when it holds `$` or backslashes; no fix when it also holds a quote); the image then carries the label instead of the `Author` field, which anything that still reads `Author` no longer finds.',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'MAINTAINER') continue;
      const text = argumentsText(instr).replace(/\s*\\\r?\n\s*/g, ' ');
      const kw = instr.node.getInstructionRange();
      const [kwStart, kwEnd] = model.offsets(kw);
      const lower = model.text.slice(kwStart, kwEnd) === 'maintainer';
      const quoted = quote(text);
      const fixes =
        text === '' || quoted === undefined
          ? []
          : [
              {
                title: `Replace MAINTAINER with the ${LABEL} label`,
                applicability: 'unsafe' as const,
                edits: [replace(model, instr.start, instr.end, `${lower ? 'label' : 'LABEL'} ${LABEL}=${quoted}`)],
              },
            ];
      report({
        message: `MAINTAINER is deprecated; use the ${LABEL} label.`,
        range: kw,
        instructionLine: instr.line,
        fixes,
      });
    }
  },
};
