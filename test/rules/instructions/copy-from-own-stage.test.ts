import { copyFromOwnStage } from '../../../server/src/rules/instructions/copy-from-own-stage';
import { ruleTester } from '../../harness/rule-tester';

const M = (n: string): string => `COPY --from="${n}" names the stage it is in.`;
const TRIVY = ['DS-0006', 'DS006', 'AVD-DS-0006'];

ruleTester(copyFromOwnStage, {
  valid: [
    { name: 'an earlier stage', code: 'FROM golang:1.22 AS build\nFROM alpine:3.20 AS final\nCOPY --from=build /out /app\n' },
    { name: 'an image', code: 'FROM alpine:3.20 AS nginx\nCOPY --from=nginx:1.27 /a /b\n' },
    { name: 'no --from', code: 'FROM alpine:3.20 AS a\nCOPY a /a\n' },
    { name: 'an earlier stage index', code: 'FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /out /app\n' },
  ],
  invalid: [
    {
      name: 'its own name',
      code: 'FROM golang:1.22 AS build\nCOPY --from=build /src /src\n',
      findings: [{ message: M('build'), range: [1, 12, 1, 17], aliases: ['DL3023', ...TRIVY] }],
    },
    {
      name: 'its own name in the second stage',
      code: 'FROM golang:1.22 AS build\nFROM alpine:3.20 AS final\nCOPY --from=final /a /b\n',
      findings: [{ message: M('final'), range: [2, 12, 2, 17], aliases: ['DL3023', ...TRIVY] }],
    },
    {
      name: 'other casing: hadolint and Trivy compare exactly',
      code: 'FROM golang:1.22 AS Build\nCOPY --from=BUILD /src /src\n',
      findings: [{ message: M('BUILD'), range: [1, 12, 1, 17], aliases: [] }],
    },
    {
      name: 'a capitalised stage name, written the same: hadolint only',
      code: 'FROM golang:1.22 AS Build\nCOPY --from=Build /src /src\n',
      findings: [{ message: M('Build'), range: [1, 12, 1, 17], aliases: ['DL3023'] }],
    },
    {
      name: 'its own index',
      code: 'FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=1 /a /b\n',
      findings: [{ message: M('1'), range: [2, 12, 2, 13], aliases: [] }],
    },
    {
      name: 'an ARG naming its own stage',
      code: 'FROM golang:1.22 AS build\nARG SELF=build\nCOPY --from=$SELF /a /b\n',
      findings: [{ message: M('build'), range: [2, 12, 2, 17], aliases: [] }],
    },
  ],
});
