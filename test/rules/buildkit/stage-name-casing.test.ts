import { stageNameCasing } from '../../../server/src/rules/buildkit/stage-name-casing';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (n: string): string => `Stage name "${n}" should be lower case.`;

ruleTester(stageNameCasing, {
  valid: [
    { name: 'lower-case name', code: 'FROM alpine:3.20 AS build\n' },
    { name: 'no name', code: 'FROM alpine:3.20\n' },
    { name: 'lower-case name with digits and symbols', code: 'FROM alpine:3.20 as build-2_x.y\n' },
    { name: 'capital reference only: references are not checked', code: 'FROM alpine:3.20 AS base\nFROM Base\nCOPY --from=BASE /a /a\n' },
  ],
  invalid: [
    {
      name: 'capitalised name',
      code: 'FROM alpine:3.20 AS Build\nRUN true\n',
      findings: [{ message: MSG('Build'), range: [0, 20, 0, 25] }],
      fixTitle: 'Lower-case the stage name',
      output: 'FROM alpine:3.20 AS build\nRUN true\n',
    },
    {
      name: 'several stages, with --platform and lower-case keywords',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS BuildEnv\nRUN go build\nfrom alpine:3.20 as FINAL\nCOPY --from=BuildEnv /a /a\n',
      findings: [
        { message: MSG('BuildEnv'), range: [0, 46, 0, 54] },
        { message: MSG('FINAL'), range: [2, 20, 2, 25] },
      ],
      output: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS buildenv\nRUN go build\nfrom alpine:3.20 as final\nCOPY --from=BuildEnv /a /a\n',
    },
    {
      name: 'name on a continuation line',
      code: 'FROM alpine:3.20 \\\n  AS Base\n',
      findings: [{ message: MSG('Base'), range: [1, 5, 1, 9] }],
      output: 'FROM alpine:3.20 \\\n  AS base\n',
    },
  ],
});
