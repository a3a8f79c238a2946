import { fromPlatformFlagConst } from '../../../server/src/rules/buildkit/from-platform-flag-const';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (v: string): string => `--platform is set to the constant "${v}"; the stage ignores the platform the build targets.`;

ruleTester(fromPlatformFlagConst, {
  valid: [
    { name: 'a build argument', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: 'partly a build argument', code: 'FROM --platform=linux/${TARGETARCH} alpine:3.20\n' },
    { name: 'an undeclared variable', code: 'FROM --platform=$PLAT alpine:3.20\n' },
    { name: 'the stage is named after the architecture', code: 'FROM --platform=linux/amd64 alpine:3.20 AS build-amd64\n' },
    { name: 'the stage is named after the OS', code: 'FROM --platform=windows/amd64 nanoserver AS windows-base\n' },
    { name: 'named after the normalized architecture', code: 'FROM --platform=linux/aarch64 alpine:3.20 AS arm64-tools\n' },
    { name: 'named after the arm variant', code: 'FROM --platform=linux/arm alpine:3.20 AS for-v7\n' },
    { name: 'not a platform', code: 'FROM --platform=linux/amd64/v2/x alpine:3.20\n' },
    { name: 'no flag', code: 'FROM alpine:3.20\n' },
  ],
  invalid: [
    {
      name: 'linux/amd64',
      code: 'FROM --platform=linux/amd64 alpine:3.20\n',
      findings: [{ message: MSG('linux/amd64'), range: [0, 16, 0, 27] }],
    },
    {
      name: 'a stage named for another platform',
      code: 'FROM --platform=linux/arm64 golang:1.22 AS build-amd64\nFROM alpine:3.20\n',
      findings: [{ message: MSG('linux/arm64'), range: [0, 16, 0, 27] }],
    },
    {
      name: 'a global ARG with a constant default is not a constant',
      code: 'ARG P=linux/amd64\nFROM --platform=$P alpine:3.20\nFROM --platform=linux/386 alpine:3.20 AS x\n',
      findings: [{ message: MSG('linux/386'), range: [2, 16, 2, 25] }],
    },
  ],
});
