import { undefinedArgInFrom } from '../../../server/src/rules/buildkit/undefined-arg-in-from';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (n: string, s?: string): string => `FROM uses "$${n}", which no ARG before the first FROM declares${s ? ` (did you mean $${s}?)` : ''}.`;

ruleTester(undefinedArgInFrom, {
  valid: [
    { name: 'declared with a default', code: 'ARG TAG=3.20\nFROM alpine:${TAG}\n' },
    { name: 'declared without a default', code: 'ARG IMAGE\nFROM $IMAGE\n' },
    { name: 'automatic platform arguments', code: 'FROM --platform=$BUILDPLATFORM golang:1.22\nFROM --platform=$TARGETOS/$TARGETARCH alpine:$TARGETARCH\n' },
    { name: 'a stage name', code: 'ARG BASE=alpine:3.20\nFROM ${BASE} AS base\nFROM base\n' },
  ],
  invalid: [
    {
      name: 'undeclared tag',
      code: 'FROM alpine:${TAG}\n',
      findings: [{ message: MSG('TAG'), range: [0, 12, 0, 18] }],
    },
    {
      name: 'an ARG inside a stage does not count',
      code: 'FROM alpine:3.20\nARG VERSION=1\nFROM node:$VERSION\n',
      findings: [{ message: MSG('VERSION'), range: [2, 10, 2, 18] }],
    },
    {
      name: 'a typo of a platform argument',
      code: 'FROM --platform=$BULIDPLATFORM scratch\n',
      findings: [{ message: MSG('BULIDPLATFORM', 'BUILDPLATFORM'), range: [0, 16, 0, 30] }],
    },
    {
      name: 'a typo of a declared argument, and a default that does not help',
      code: 'ARG MY_ARCH=amd64\nARG tag=latest\nFROM --platform=linux/${MYARCH} busybox:${tag}${version:-x} AS b\n',
      findings: [
        { message: MSG('MYARCH', 'MY_ARCH'), range: [2, 22, 2, 31] },
        { message: MSG('version'), range: [2, 46, 2, 59] },
      ],
    },
  ],
});
