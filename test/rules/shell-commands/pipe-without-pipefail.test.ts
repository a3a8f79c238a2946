import { pipeWithoutPipefail } from '../../../server/src/rules/shell-commands/pipe-without-pipefail';
import { ruleTester } from '../../harness/rule-tester';

const MSG = 'RUN pipes commands without pipefail; a failure before the last | is ignored.';
const SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

ruleTester(pipeWithoutPipefail, {
  valid: [
    { name: 'no pipe', code: 'FROM debian:12\nRUN a && b || c\n' },
    { name: 'SHELL with -o pipefail', code: `FROM debian:12\n${SHELL}\nRUN a | b\n` },
    { name: 'SHELL with -eo pipefail', code: 'FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN a | b\n' },
    { name: 'SHELL of zsh or ash with pipefail', code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN a | b\n' },
    { name: 'SHELL of the parent stage', code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM a\nRUN a | b\n' },
    { name: 'a SHELL of sh with -o pipefail (hadolint wants bash, zsh or ash)', code: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN a | b\n' },
    { name: 'PowerShell', code: 'FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN a | b\n' },
    { name: 'cmd on Windows', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a | findstr b\n' },
    { name: 'set -o pipefail first in the RUN', code: 'FROM debian:12\nRUN set -o pipefail && a | b\n' },
    { name: 'set -euxo pipefail', code: 'FROM debian:12\nRUN set -euxo pipefail; a | b\n' },
    { name: 'exec form with bash -o pipefail', code: 'FROM debian:12\nRUN ["bash", "-o", "pipefail", "-c", "a | b"]\n' },
    { name: 'exec form without a shell', code: 'FROM debian:12\nRUN ["grep", "a|b", "f"]\n' },
    { name: 'a pipe inside sh -c runs in that sh', code: 'FROM debian:12\nRUN sh -c "a | b"\n' },
    { name: 'a | in quotes', code: 'FROM debian:12\nRUN grep "a|b" f\n' },
    { name: 'fed by echo or printf only', code: 'FROM debian:12\nRUN echo "$SHA *f.tgz" | sha256sum -c - && printf "%s" x | tee f\n' },
    { name: 'yes: pipefail would fail it', code: 'FROM debian:12\nRUN yes | sdkmanager --licenses\n' },
    { name: 'a pipe in CMD', code: 'FROM debian:12\nCMD a | b\n' },
  ],
  invalid: [
    {
      name: 'Debian: SHELL fix (dash is not assumed to know pipefail)',
      code: 'FROM debian:12\nRUN wget -qO- u | tar -xz\n',
      findings: [{ message: MSG, range: [1, 4, 1, 25], aliases: ['DL4006'] }],
      fixTitle: 'Set SHELL to bash with pipefail',
      output: `FROM debian:12\n${SHELL}\nRUN wget -qO- u | tar -xz\n`,
    },
    {
      name: 'two RUNs: one SHELL before the first',
      code: 'FROM debian:12\nRUN set -o pipefail; a | b\n# note\nRUN a | b\nRUN c | d\n',
      findings: [
        { message: MSG, range: [3, 4, 3, 9], aliases: ['DL4006'] },
        { message: MSG, range: [4, 4, 4, 9], aliases: ['DL4006'] },
      ],
      output: `FROM debian:12\n${SHELL}\nRUN set -o pipefail; a | b\n# note\nRUN a | b\nRUN c | d\n`,
    },
    {
      name: 'Alpine: set -o pipefail (BusyBox ash knows it)',
      code: 'FROM alpine:3.20\nRUN a | b\n',
      findings: [{ message: MSG, range: [1, 4, 1, 9], aliases: ['DL4006'] }],
      fixTitle: 'Start the RUN with set -o pipefail',
      output: 'FROM alpine:3.20\nRUN set -o pipefail && a | b\n',
    },
    {
      name: 'a bash SHELL without pipefail: set -o pipefail',
      code: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n',
      findings: [{ message: MSG, range: [2, 4, 2, 9], aliases: ['DL4006'] }],
      output: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && a | b\n',
    },
    {
      name: 'Red Hat family: both fixes, set -o pipefail first',
      code: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf a \\\n  | b\n',
      findings: [{ message: MSG, range: [1, 45, 2, 5], aliases: ['DL4006'] }],
      output: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf set -o pipefail && a \\\n  | b\n',
    },
    {
      name: 'echo first, then a command that can fail',
      code: 'FROM alpine:3.20\nRUN echo x | gzip -d | tar -x\n',
      findings: [{ message: MSG, range: [1, 4, 1, 29], aliases: ['DL4006'] }],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && echo x | gzip -d | tar -x\n',
    },
    {
      name: 'set -o pipefail after the pipe does not count',
      code: 'FROM alpine:3.20\nRUN a | b; set -o pipefail\n',
      findings: [{ message: MSG, range: [1, 4, 1, 9], aliases: ['DL4006'] }],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && a | b; set -o pipefail\n',
    },
    {
      name: 'a pipe in a command substitution, sudo prefix',
      code: 'FROM alpine:3.20\nRUN x="$(a | b)" && sudo c\n',
      findings: [{ message: MSG, range: [1, 9, 1, 14], aliases: ['DL4006'] }],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && x="$(a | b)" && sudo c\n',
    },
    {
      name: 'a SHELL of sh without pipefail: sh may not know it, no fix',
      code: 'FROM alpine:3.20 AS a\nSHELL ["/bin/sh", "-c"]\nFROM a\nRUN a | b\n',
      findings: [{ message: MSG, range: [3, 4, 3, 9], aliases: ['DL4006'] }],
    },
    {
      name: 'a bash SHELL without pipefail in the parent stage',
      code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-c"]\nFROM a\nRUN a | b\n',
      findings: [{ message: MSG, range: [3, 4, 3, 9], aliases: ['DL4006'] }],
      output: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-c"]\nFROM a\nRUN set -o pipefail && a | b\n',
    },
    {
      name: 'exec form sh -c: no fix',
      code: 'FROM debian:12\nRUN ["sh", "-c", "a | b"]\n',
      findings: [{ message: MSG, range: [1, 18, 1, 23], aliases: ['DL4006'] }],
    },
    {
      name: 'heredoc: the SHELL fix',
      code: 'FROM debian:12\nRUN <<EOF\na | b\nEOF\n',
      findings: [{ message: MSG, range: [2, 0, 2, 5], aliases: ['DL4006'] }],
      output: `FROM debian:12\n${SHELL}\nRUN <<EOF\na | b\nEOF\n`,
    },
    {
      name: 'heredoc with its own shell: no fix',
      code: 'FROM debian:12\nRUN <<EOF\n#!/bin/sh\na | b\nEOF\n',
      findings: [{ message: MSG, range: [3, 0, 3, 5], aliases: ['DL4006'] }],
    },
    {
      name: 'unknown base: no fix',
      code: 'FROM example.com/base:1\nRUN a | b\n',
      findings: [{ message: MSG, range: [1, 4, 1, 9], aliases: ['DL4006'] }],
    },
    {
      name: 'multi-stage: the pipefail SHELL of another stage does not count',
      code: `FROM debian:12 AS a\n${SHELL}\nRUN a | b\nFROM debian:12\nRUN c | d\n`,
      findings: [{ message: MSG, range: [4, 4, 4, 9], aliases: ['DL4006'] }],
      output: `FROM debian:12 AS a\n${SHELL}\nRUN a | b\nFROM debian:12\n${SHELL}\nRUN c | d\n`,
    },
  ],
});
