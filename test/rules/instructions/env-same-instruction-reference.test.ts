import { envSameInstructionReference } from '../../../server/src/rules/instructions/env-same-instruction-reference';
import { ruleTester } from '../../harness/rule-tester';

const M = (n: string): string => `ENV refers to ${n}, which the same ENV defines; the reference sees its value from before the instruction.`;

ruleTester(envSameInstructionReference, {
  valid: [
    { name: 'separate ENVs', code: 'FROM alpine:3.20\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n' },
    { name: 'extending a variable from the base image', code: 'FROM alpine:3.20\nENV PATH=/opt/bin:$PATH\n' },
    { name: 'defined before by ENV', code: 'FROM alpine:3.20\nENV A=1\nENV A=2 B=$A\n' },
    { name: 'defined before by ARG', code: 'FROM alpine:3.20\nARG A=1\nENV A=2 B=${A}\n' },
    { name: 'defined in the parent stage', code: 'FROM alpine:3.20 AS base\nENV A=1\nFROM base\nENV A=2 B=$A\n' },
    { name: 'a later pair', code: 'FROM alpine:3.20\nENV B=$A A=1\n' },
    { name: 'an escaped dollar and single quotes', code: "FROM alpine:3.20\nENV A=1 B=\\$A C='$A'\n" },
    { name: 'the legacy form defines one variable', code: 'FROM alpine:3.20\nENV A $A-x\n' },
  ],
  invalid: [
    {
      name: 'a reference to an earlier pair',
      code: 'FROM alpine:3.20\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n',
      findings: [{ message: M('APP_HOME'), range: [1, 30, 1, 39] }],
    },
    {
      name: 'braces, defaults and continuation lines',
      code: 'FROM alpine:3.20\nENV A=1 \\\n    B="${A}/x" \\\n    C=${A:-2}\n',
      findings: [
        { message: M('A'), range: [2, 7, 2, 11] },
        { message: M('A'), range: [3, 6, 3, 9] },
      ],
    },
    {
      name: 'a global ARG is not visible in the stage',
      code: 'ARG A=1\nFROM alpine:3.20\nENV A=2 B=$A\n',
      findings: [{ message: M('A'), range: [2, 10, 2, 12] }],
    },
  ],
});
