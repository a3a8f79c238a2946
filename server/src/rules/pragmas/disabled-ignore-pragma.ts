import { parsePragma } from '../../config/pragmas';
import type { Rule } from '../types';

/** The option, and the config key hadolint's `disable-ignore-pragma` maps to. */
export const DISABLE_IGNORE_PRAGMA = 'disable-ignore-pragma';

export const disabledIgnorePragma: Rule = {
  code: 'BH340',
  name: 'disabled-ignore-pragma',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'hadolint', id: 'DL1001' }],
  references: [
    { standard: 'CWE', id: 'CWE-1164', title: 'Irrelevant Code', url: 'https://cwe.mitre.org/data/definitions/1164.html' },
  ],
  fixable: 'none',
  options: {
    [DISABLE_IGNORE_PRAGMA]: {
      type: 'boolean',
      default: false,
      description: 'Inline `# hadolint ignore=…` comments do nothing, and this rule reports each one (hadolint\'s `disable-ignore-pragma`).',
      configKey: 'disableIgnorePragma',
    },
  },
  docs: {
    summary: 'A `# hadolint ignore` comment where the config turns them off.',
    what:
      'With `disableIgnorePragma: true` in `.bulkhead.yaml`, or `disable-ignore-pragma: true` in `.hadolint.yaml`, every `# hadolint ignore=…` and ' +
      '`# hadolint global ignore=…` comment. Bulkhead\'s own `# bulkhead ignore=…` comments keep working.',
    why:
      'A team that turns inline ignores off wants every exception in the config file, where it is reviewed once; a comment that looks like an exception ' +
      'but does nothing misleads the reader into thinking a finding is accepted.',
    bad: 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\nUSER 65532\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 65532\n',
    useInstead: 'Move the exception to the config file (`ignore:` or `rules: { <rule>: off }`), or remove the comment.',
    fixSafety: 'No fix: whether the exception belongs in the config or should go is for a person to decide.',
    limitations: 'Off unless the config turns inline hadolint ignores off; Bulkhead\'s own comments and other tools\' comments are not reported.',
    exampleOptions: { [DISABLE_IGNORE_PRAGMA]: true },
  },
  check({ model, options, report }) {
    if (options[DISABLE_IGNORE_PRAGMA] !== true) return;
    const directives = new Set(model.directives.map((d) => d.line));
    for (let line = 0; line < model.lines.lineCount; line++) {
      if (directives.has(line)) continue;
      const text = model.lines.lineText(line);
      if (!/^[\s\uFEFF]*#\s*hadolint\b/.test(text)) continue;
      const pragma = parsePragma(text, line);
      if (pragma?.dialect !== 'hadolint') continue;
      const comment = text.trim().replace(/^\uFEFF/, '');
      const next = model.instructions.find((i) => i.line > line);
      const last = model.instructions[model.instructions.length - 1];
      // A finding belongs to an instruction at or before it: the one the comment stands above, or the last.
      const at = next ?? last;
      if (!at) continue;
      const keyword = at.node.getInstructionRange();
      const start = text.length - text.replace(/^[\s\uFEFF]+/, '').length;
      report({
        message: `"${comment}" has no effect: the config turns inline hadolint ignores off.`,
        range: next ? keyword : { start: { line, character: start }, end: { line, character: start + comment.length } },
        instructionLine: at.line,
      });
    }
  },
};
