import { withCarried } from '../../model/document';
import type { Rule } from '../types';
import { replace } from '../../model/edits';
import { HYGIENE_REFS, keywordSpan } from './_util';

export const legacyKeyValueFormat: Rule = {
  code: 'BH307',
  name: 'legacy-key-value-format',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'buildkit', id: 'LegacyKeyValueFormat' }],
  references: [...HYGIENE_REFS],
  fixable: 'safe',
  docs: {
    summary: '`ENV` or `LABEL` in the old `key value` form.',
    what: 'An `ENV` or `LABEL` whose first word has no `=`: the legacy form, where everything after the key, spaces included, is one value.',
    why:
      'In the legacy form `ENV A B C` sets `A` to `B C`, while `ENV A=B C=D` sets two variables: the same line means very different things depending on an `=` sign ' +
      'far from where the reader looks. The legacy form can set only one key per line and is deprecated.',
    bad: 'FROM alpine:3.20\nENV APP_HOME /srv/app\nLABEL maintainer platform-team\n',
    good: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nLABEL maintainer=platform-team\n',
    useInstead: 'Write `key=value`, quoting values that contain spaces: `ENV GREETING="hello world"`.',
    fixSafety:
      'Safe: the fix writes `key=value`, with the value in double quotes when it has spaces, which sets the same value. A value that already holds quotes or escapes and spaces, ' +
      'or that spans several lines, is left for a person to rewrite.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'LABEL') continue;
      const args = instr.args;
      const key = args[0];
      const second = args[1];
      if (!key || !second || key.getValue().includes('=')) continue;
      const [keyStart, keyEnd] = model.offsets(key.getRange());
      const [valueStart] = model.offsets(second.getRange());
      const value = model.text.slice(valueStart, instr.end).replace(/[ \t\r\n]+$/, '');
      const keyword = keywordSpan(model, instr).text;
      let newValue: string | undefined;
      if (/^\S+$/.test(value) || /^(?:"[^"\\$`]*"|'[^']*')$/.test(value)) newValue = value;
      else if (!/[\r\n"'`\\]/.test(value) && !value.includes(model.escapeChar)) newValue = `"${value}"`;
      const keyText = model.text.slice(keyStart, keyEnd);
      report({
        message: `${keyword} "${keyText}" uses the legacy "key value" form; write "key=value".`,
        range: key.getRange(),
        instructionLine: instr.line,
        fixes:
          newValue === undefined
            ? []
            : [{ title: 'Use the key=value form', applicability: 'safe', edits: [replace(model, keyStart, valueStart + value.length, `${keyText}=${newValue}`)] }],
      });
    }
  },
};
