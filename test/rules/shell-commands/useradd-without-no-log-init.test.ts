import { useraddWithoutNoLogInit } from '../../../server/src/rules/shell-commands/useradd-without-no-log-init';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (uid: string): string => `useradd creates UID ${uid} without -l, which fills the image with a huge lastlog file.`;

ruleTester(useraddWithoutNoLogInit, {
  valid: [
    { name: 'no UID', code: 'FROM debian:12\nRUN useradd luser\n' },
    { name: 'a five-digit UID', code: 'FROM debian:12\nRUN useradd -u 99999 luser\n' },
    { name: '-l', code: 'FROM debian:12\nRUN useradd -l -u 123456 luser\n' },
    { name: '-l in a cluster', code: 'FROM debian:12\nRUN useradd -lu 123456 luser\n' },
    { name: '--no-log-init', code: 'FROM debian:12\nRUN useradd --no-log-init --uid=123456 luser\n' },
    { name: 'a UID from a build argument without a default', code: 'FROM debian:12\nARG UID\nRUN useradd -u "$UID" luser\n' },
    { name: 'adduser', code: 'FROM alpine:3.20\nRUN adduser -D -u 123456 luser\n' },
    { name: 'a big GID only', code: 'FROM debian:12\nRUN useradd -g 123456 luser\n' },
  ],
  invalid: [
    {
      name: 'a six-digit UID',
      code: 'FROM debian:12\nRUN useradd -u 123456 luser\n',
      findings: [{ message: MSG('123456'), range: [1, 4, 1, 11], aliases: ['DL3046'] }],
      fixTitle: 'Add -l to useradd',
      output: 'FROM debian:12\nRUN useradd -l -u 123456 luser\n',
    },
    {
      name: '--uid=, -uNNN, --uid NNN with other flags: spellings hadolint does not read',
      code: 'FROM debian:12\nRUN useradd --uid=1234567 a && useradd -u123456 b && useradd -m -s /bin/sh --uid 200000 c\n',
      findings: [
        { message: MSG('1234567'), range: [1, 4, 1, 11], aliases: [] },
        { message: MSG('123456'), range: [1, 31, 1, 38], aliases: [] },
        { message: MSG('200000'), range: [1, 53, 1, 60], aliases: [] },
      ],
      output: 'FROM debian:12\nRUN useradd -l --uid=1234567 a && useradd -l -u123456 b && useradd -l -m -s /bin/sh --uid 200000 c\n',
    },
    {
      name: 'a UID from a build argument',
      code: 'FROM debian:12\nARG UID=200000\nRUN useradd --uid "${UID}" app\n',
      findings: [{ message: MSG('200000'), range: [2, 4, 2, 11], aliases: [] }],
      output: 'FROM debian:12\nARG UID=200000\nRUN useradd -l --uid "${UID}" app\n',
    },
    {
      name: 'build arguments after -u: hadolint measures the text',
      code: 'FROM debian:12\nARG UID=200000\nARG U=300000\nRUN useradd -u "${UID}" a && useradd -mu $U b\n',
      findings: [
        { message: MSG('200000'), range: [3, 4, 3, 11], aliases: ['DL3046'] },
        { message: MSG('300000'), range: [3, 29, 3, 36], aliases: [] },
      ],
      output: 'FROM debian:12\nARG UID=200000\nARG U=300000\nRUN useradd -l -u "${UID}" a && useradd -l -mu $U b\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["useradd", "-u", "123456", "h"]\n',
      findings: [{ message: MSG('123456'), range: [1, 5, 1, 14], aliases: ['DL3046'] }],
      output: 'FROM debian:12\nRUN ["useradd", "-l", "-u", "123456", "h"]\n',
    },
    {
      name: 'behind sudo, inside sh -c: not hadolint\'s',
      code: 'FROM debian:12\nRUN sudo useradd -o -u 123456 i\nRUN sh -c "useradd -u 123456 j"\n',
      findings: [
        { message: MSG('123456'), range: [1, 9, 1, 16], aliases: [] },
        { message: MSG('123456'), range: [2, 11, 2, 18], aliases: [] },
      ],
      output: 'FROM debian:12\nRUN sudo useradd -l -o -u 123456 i\nRUN sh -c "useradd -l -u 123456 j"\n',
    },
    {
      name: 'heredoc, continuation, cache mount',
      code: 'FROM debian:12\nRUN <<EOF\nuseradd -u 123456 a\nEOF\nRUN --mount=type=cache,target=/x true && \\\n  useradd \\\n  -u 654321 b\n',
      findings: [
        { message: MSG('123456'), range: [2, 0, 2, 7], aliases: ['DL3046'] },
        { message: MSG('654321'), range: [5, 2, 5, 9], aliases: ['DL3046'] },
      ],
      output: 'FROM debian:12\nRUN <<EOF\nuseradd -l -u 123456 a\nEOF\nRUN --mount=type=cache,target=/x true && \\\n  useradd -l \\\n  -u 654321 b\n',
    },
  ],
});
