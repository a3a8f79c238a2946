import { maintainer } from '../../../server/src/rules/instructions/maintainer';
import { ruleTester } from '../../harness/rule-tester';

const M = 'MAINTAINER is deprecated; use the org.opencontainers.image.authors label.';

ruleTester(maintainer, {
  valid: [{ name: 'the label', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jo Doe <jo@example.com>"\n' }],
  invalid: [
    {
      name: 'MAINTAINER',
      code: 'FROM alpine:3.20\nMAINTAINER Jo Doe <jo@example.com>\nRUN echo\n',
      findings: [{ message: M, range: [1, 0, 1, 10] }],
      fixTitle: 'Replace MAINTAINER with the org.opencontainers.image.authors label',
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jo Doe <jo@example.com>"\nRUN echo\n',
    },
    {
      name: 'lowercase and a dollar, in two stages',
      code: 'FROM alpine:3.20 AS a\nmaintainer Jo $x\nFROM alpine:3.20\nMAINTAINER ops@example.com\n',
      findings: [
        { message: M, range: [1, 0, 1, 10] },
        { message: M, range: [3, 0, 3, 10] },
      ],
      output: 'FROM alpine:3.20 AS a\nlabel org.opencontainers.image.authors=\'Jo $x\'\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors="ops@example.com"\n',
    },
    {
      name: 'a quote and a special character: no fix',
      code: 'FROM alpine:3.20\nMAINTAINER "Jo" $x\n',
      findings: [{ message: M, range: [1, 0, 1, 10] }],
    },
  ],
});
