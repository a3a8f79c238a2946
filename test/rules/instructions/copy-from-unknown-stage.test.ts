import { copyFromUnknownStage } from '../../../server/src/rules/instructions/copy-from-unknown-stage';
import { ruleTester } from '../../harness/rule-tester';

const NONE = (n: string): string => `COPY --from="${n}" names no stage defined before it; Docker pulls an image of that name instead.`;

ruleTester(copyFromUnknownStage, {
  valid: [
    { name: 'an earlier stage', code: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /out /app\n' },
    { name: 'an earlier stage in other casing', code: 'FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=build /out /app\n' },
    { name: 'an image with a tag', code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/\n' },
    { name: 'an image with a registry path', code: 'FROM alpine:3.20\nCOPY --from=ghcr.io/org/tool /bin/tool /usr/local/bin/\n' },
    { name: 'an image by digest', code: 'FROM alpine:3.20\nCOPY --from=busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /bin/sh /bin/\n' },
    { name: 'an earlier stage index', code: 'FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /out /app\n' },
    { name: 'an ARG naming an earlier stage', code: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nARG SRC=build\nCOPY --from=$SRC /out /app\n' },
    { name: 'a variable with no known value', code: 'FROM alpine:3.20\nARG SRC\nCOPY --from=$SRC /out /app\n' },
    { name: 'its own stage is another rule', code: 'FROM alpine:3.20 AS x\nCOPY --from=x /a /b\n' },
    { name: 'no --from', code: 'FROM alpine:3.20\nCOPY a /b\n' },
  ],
  invalid: [
    {
      name: 'a typo',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=biuld /out/app /usr/local/bin/app\n',
      findings: [{ message: NONE('biuld'), range: [3, 12, 3, 17], aliases: ['DL3022'] }],
    },
    {
      name: 'a stage defined later',
      code: 'FROM alpine:3.20 AS final\nCOPY --from=build /out /app\nFROM golang:1.22 AS build\n',
      findings: [{ message: 'COPY --from="build" names a stage defined later; Docker pulls an image of that name instead.', range: [1, 12, 1, 17], aliases: ['DL3022'] }],
    },
    {
      name: 'a later stage index',
      code: 'FROM alpine:3.20\nCOPY --from=1 /out /app\nFROM golang:1.22\n',
      findings: [{ message: NONE('1'), range: [1, 12, 1, 13], aliases: ['DL3022'] }],
    },
    {
      name: 'an ARG resolving to an unknown name: hadolint does not resolve it',
      code: 'FROM alpine:3.20\nARG SRC=builder\nCOPY --from=${SRC} /out /app\n',
      findings: [{ message: NONE('builder'), range: [2, 12, 2, 18], aliases: ['DL3022'] }],
    },
    {
      name: 'a quoted name',
      code: 'FROM alpine:3.20\nCOPY --from="tools" /out /app\n',
      findings: [{ message: NONE('tools'), range: [1, 12, 1, 19], aliases: ['DL3022'] }],
    },
  ],
});
