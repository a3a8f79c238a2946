import { instructionBeforeFrom } from '../../../server/src/rules/instructions/instruction-before-from';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(instructionBeforeFrom, {
  valid: [
    { name: 'ARG, comments and directives before FROM', code: '# syntax=docker/dockerfile:1\n# a comment\nARG BASE=alpine:3.20\nFROM ${BASE}\nRUN echo\n' },
    { name: 'template lines are not instructions', code: '{{ include "from" }}\nFROM alpine:3.20\n' },
    { name: 'FROM first', code: 'FROM alpine:3.20\nLABEL a=b\n' },
  ],
  invalid: [
    {
      name: 'LABEL and ENV before FROM',
      code: 'ARG V=1\nLABEL org.opencontainers.image.title="app"\nenv A=1\nFROM alpine:3.20\nRUN echo\n',
      findings: [
        { message: 'LABEL comes before the first FROM.', range: [1, 0, 1, 5] },
        { message: 'ENV comes before the first FROM.', range: [2, 0, 2, 3] },
      ],
    },
    {
      name: 'no FROM at all',
      code: 'RUN echo hi\n',
      findings: [{ message: 'RUN comes before the first FROM.', range: [0, 0, 0, 3] }],
    },
  ],
});
