import { fromPlatform } from '../../../server/src/rules/instructions/from-platform';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(fromPlatform, {
  valid: [
    { name: 'no platform', code: 'FROM debian:bookworm-slim\n' },
    { name: '$BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: '${TARGETPLATFORM}', code: 'FROM --platform=${TARGETPLATFORM} debian:bookworm-slim\n' },
    { name: 'a build argument with no default', code: 'ARG PLATFORM\nFROM --platform=$PLATFORM debian:bookworm-slim\n' },
  ],
  invalid: [
    {
      name: 'a fixed platform',
      code: 'FROM --platform=linux/amd64 debian:bookworm-slim\nRUN echo hi\n',
      findings: [{ message: 'FROM pins the stage to platform "linux/amd64".', range: [0, 5, 0, 27] }],
    },
    {
      name: 'a global ARG with a default, in the second stage',
      code: 'ARG ARCH=linux/arm64\nFROM golang:1.22 AS build\nFROM --platform=${ARCH} alpine:3.20\n',
      findings: [{ message: 'FROM pins the stage to platform "linux/arm64".', range: [2, 5, 2, 23] }],
    },
  ],
});
