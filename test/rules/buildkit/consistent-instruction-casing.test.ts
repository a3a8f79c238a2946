import { consistentInstructionCasing } from '../../../server/src/rules/buildkit/consistent-instruction-casing';
import { ruleTester } from '../../harness/rule-tester';

const UP = (k: string): string => `Instruction "${k}" should be in upper case, as most instructions are.`;
const LOW = (k: string): string => `Instruction "${k}" should be in lower case, as most instructions are.`;

ruleTester(consistentInstructionCasing, {
  valid: [
    { name: 'all upper case', code: 'ARG V=1\nFROM alpine:3.20\nRUN echo hi\nCMD ["sh"]\n' },
    { name: 'all lower case', code: 'from alpine:3.20\nrun echo hi\ncmd ["sh"]\n' },
    { name: 'template lines are not instructions', code: '{{ if .alpine }}\nFROM alpine:3.20\n{{ end }}\n{{ x }}\nRUN true\n' },
    { name: 'ONBUILD\'s instruction is not checked', code: 'FROM alpine:3.20\nONBUILD run echo hi\n' },
  ],
  invalid: [
    {
      name: 'one lower-case instruction among upper-case ones',
      code: 'FROM alpine:3.20\nrun echo hi\nCOPY a /a\n',
      findings: [{ message: UP('run'), range: [1, 0, 1, 3] }],
      fixTitle: 'Write "RUN"',
      output: 'FROM alpine:3.20\nRUN echo hi\nCOPY a /a\n',
    },
    {
      name: 'lower-case majority',
      code: 'from alpine:3.20\nRUN echo hi\ncopy a /a\n',
      findings: [{ message: LOW('RUN'), range: [1, 0, 1, 3] }],
      output: 'from alpine:3.20\nrun echo hi\ncopy a /a\n',
    },
    {
      name: 'a tie goes to upper case',
      code: 'FROM alpine:3.20\nrun echo hi\n',
      findings: [{ message: UP('run'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nRUN echo hi\n',
    },
    {
      name: 'mixed case is flagged and not counted',
      code: 'From alpine:3.20\nRun echo hi\nworkdir /app\n',
      findings: [
        { message: LOW('From'), range: [0, 0, 0, 4] },
        { message: LOW('Run'), range: [1, 0, 1, 3] },
      ],
      output: 'from alpine:3.20\nrun echo hi\nworkdir /app\n',
    },
    {
      name: 'multi-stage, indented',
      code: 'FROM alpine:3.20 AS a\n  Run true\nFROM a\nENV X=1\n',
      findings: [{ message: UP('Run'), range: [1, 2, 1, 5] }],
      output: 'FROM alpine:3.20 AS a\n  RUN true\nFROM a\nENV X=1\n',
    },
  ],
});
