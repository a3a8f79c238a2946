import { withCarried } from '../../model/document';
import type { Range } from 'vscode-languageserver-types';
import type { Instr } from '../../model/document';
import type { Rule } from '../types';
import { HYGIENE } from './_util';

/** Names a value refers to: `$NAME` and `${NAME…}`, skipping escaped `\$` and single-quoted text. */
export function referencedNames(value: string, escapeChar: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  let single = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "'") single = !single;
    if (single) continue;
    if (c === escapeChar) {
      i++;
      continue;
    }
    if (c !== '$') continue;
    const m = /^\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(value.slice(i + 1));
    if (m?.[1]) out.push({ name: m[1], start: i, end: i + 1 + m[0].length + (m[0].startsWith('{') && value[i + 1 + m[0].length] === '}' ? 1 : 0) });
  }
  return out;
}

/** What was visible before the instruction in its stage (for an ENV, its scope without what it declares). */
function definedBefore(instr: Instr): (name: string) => boolean {
  const stage = instr.stage;
  const list = stage?.instructions ?? [];
  const prev = list[list.indexOf(instr) - 1];
  const scope = prev && prev !== stage?.from ? prev.scope : undefined;
  const inherited = stage?.parent?.instructions[stage.parent.instructions.length - 1]?.scope;
  return (name) => scope?.has(name) === true || (inherited?.get(name)?.kind === 'ENV');
}

export const envSameInstructionReference: Rule = {
  code: 'BH214',
  name: 'env-same-instruction-reference',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [{ tool: 'hadolint', id: 'DL3044' }],
  references: [...HYGIENE, { standard: 'CWE', id: 'CWE-457', title: 'Use of Uninitialized Variable', url: 'https://cwe.mitre.org/data/definitions/457.html' }],
  fixable: 'none',
  docs: {
    summary: '`ENV` refers to a variable that the same `ENV` defines.',
    what:
      'An `ENV` with several `key=value` pairs where a value refers to (`$NAME`, `${NAME}`) a variable that an earlier pair of the same instruction defines, ' +
      'and that was not defined before the instruction in the stage.',
    why:
      'Docker substitutes every value of an `ENV` with the variables as they stood before the instruction: the reference does not see the pair next to it and becomes empty, ' +
      'so `ENV DIR=/opt/app BIN=$DIR/bin` sets `BIN` to `/bin`.',
    bad: 'FROM alpine:3.20\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n',
    good: 'FROM alpine:3.20\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n',
    useInstead: 'Define the variable in one `ENV` and refer to it in a later one.',
    fixSafety: 'No fix: splitting the instruction changes the value, which may be what a person wants, or not.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'ENV' || !instr.stage) continue;
      const props = (instr.node as unknown as { getProperties(): { getName(): string; getValue(): string | null; getRawValue?: () => string; getValueRange(): Range | null }[] }).getProperties();
      const before = definedBefore(instr);
      const defined = new Set<string>();
      for (const p of props) {
        const range = p.getValueRange();
        if (range) {
          const [start, end] = model.offsets(range);
          const raw = model.text.slice(start, end);
          for (const ref of referencedNames(raw, model.escapeChar)) {
            if (!defined.has(ref.name) || before(ref.name)) continue;
            report({
              message: `ENV refers to ${ref.name}, which the same ENV defines; the reference sees its value from before the instruction.`,
              range: model.lines.range(start + ref.start, start + ref.end),
              instructionLine: instr.line,
            });
          }
        }
        defined.add(p.getName());
      }
    }
  },
};
