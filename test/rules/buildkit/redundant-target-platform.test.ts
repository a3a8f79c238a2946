import { redundantTargetPlatform } from '../../../server/src/rules/buildkit/redundant-target-platform';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (v: string): string => `Setting --platform to ${v} is redundant: a stage is built for the target platform by default.`;

ruleTester(redundantTargetPlatform, {
  valid: [
    { name: 'BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM golang:1.22\n' },
    { name: 'no flag', code: 'FROM alpine:3.20\n' },
    { name: 'TARGETPLATFORM among other text', code: 'FROM --platform=linux/$TARGETARCH alpine:3.20\n' },
    { name: 'another variable as well', code: 'ARG V=\nFROM --platform=${TARGETPLATFORM}${V} alpine:3.20\n' },
    { name: 'an alternative value', code: 'FROM --platform=${TARGETPLATFORM:+linux/arm64} alpine:3.20\n' },
    { name: 'a constant', code: 'FROM --platform=linux/amd64 alpine:3.20 AS amd64\n' },
  ],
  invalid: [
    {
      name: '$TARGETPLATFORM',
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n',
      findings: [{ message: MSG('$TARGETPLATFORM'), range: [0, 16, 0, 31] }],
      fixTitle: 'Remove the --platform flag',
      output: 'FROM alpine:3.20\n',
    },
    {
      name: '${TARGETPLATFORM} and a default, in several stages',
      code: 'FROM --platform=${TARGETPLATFORM} alpine:3.20 AS a\nFROM --platform=${TARGETPLATFORM:-linux/amd64} a\n',
      findings: [
        { message: MSG('${TARGETPLATFORM}'), range: [0, 16, 0, 33] },
        { message: MSG('${TARGETPLATFORM:-linux/amd64}'), range: [1, 16, 1, 46] },
      ],
      output: 'FROM alpine:3.20 AS a\nFROM a\n',
    },
    {
      name: 'declared again as a global ARG with a default: flagged, no fix',
      code: 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n',
      findings: [{ message: MSG('$TARGETPLATFORM'), range: [1, 16, 1, 31] }],
    },
  ],
});
