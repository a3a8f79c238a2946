import { RULES } from '../../server/src/rules/index';
import type { Rule } from '../../server/src/rules/types';
import '../../server/src/server';

/**
 * The language server with one more rule that reports a finding and then throws on any document holding the
 * line `# fault`: for the tests that show a failing rule is contained. Registered before the first message is read.
 */
const faulty: Rule = {
  ...(RULES[0] as Rule),
  code: 'BH999',
  name: 'always-fails',
  check({ model, report }) {
    if (!/^# fault$/m.test(model.text)) return;
    const first = model.instructions[0];
    if (first) report({ message: 'Half a finding.', range: first.range, instructionLine: first.line });
    throw new Error('this rule always fails');
  },
};
(RULES as Rule[]).push(faulty);
