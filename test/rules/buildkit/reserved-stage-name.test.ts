import { reservedStageName } from '../../../server/src/rules/buildkit/reserved-stage-name';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(reservedStageName, {
  valid: [
    { name: 'an ordinary name', code: 'FROM alpine:3.20 AS base\n' },
    { name: 'FROM scratch is the empty image', code: 'FROM scratch\nCOPY a /a\n' },
    { name: 'names containing the words', code: 'FROM alpine:3.20 AS scratch-build\nFROM alpine:3.20 AS build-context\n' },
  ],
  invalid: [
    {
      name: 'scratch and context',
      code: 'FROM alpine:3.20 AS scratch\nFROM alpine:3.20 AS context\n',
      findings: [
        { message: 'Stage name "scratch" is reserved and should not name a stage.', range: [0, 20, 0, 27] },
        { message: 'Stage name "context" is reserved and should not name a stage.', range: [1, 20, 1, 27] },
      ],
    },
    {
      name: 'in any casing',
      code: 'FROM busybox AS Scratch\n',
      findings: [{ message: 'Stage name "scratch" is reserved and should not name a stage.', range: [0, 16, 0, 23] }],
    },
  ],
});
