import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../server/src/features/fix';
import { aptListsLeft } from '../../../server/src/rules/system-packages/apt-lists-left';
import { findingsOf, ruleTester } from '../../harness/rule-tester';

const F = 'FROM debian:12\n';
const M = 'apt-get update leaves the package lists in the image.';
const RM = ' && rm -rf /var/lib/apt/lists/*';
const MOUNTS = ' --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked';

ruleTester(aptListsLeft, {
  valid: [
    { name: 'lists removed at the end', code: `${F}RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n` },
    { name: 'the folder itself, with a trailing slash, or a parent', code: `${F}RUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/\nRUN apt-get update && apt-get install -y b; rm -r /var/lib/apt\n` },
    { name: 'removed in a later statement of a heredoc', code: `${F}RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n` },
    { name: 'the path from an ARG', code: `${F}ARG LISTS=/var/lib/apt/lists\nRUN apt-get update && apt-get install -y curl && rm -rf $LISTS/*\n` },
    { name: 'apt-get dist-clean', code: `${F}RUN apt-get update && apt-get install -y curl && apt-get dist-clean\n` },
    { name: 'a cache mount over the lists', code: `${F}RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n` },
    { name: 'a cache mount over a parent, and a tmpfs mount', code: `${F}RUN --mount=type=cache,target=/var/lib/apt apt-get update\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n` },
    { name: 'a build stage only copied from', code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM gcr.io/distroless/static\nCOPY --from=build /out /out\n' },
    { name: 'no update', code: `${F}RUN apt-get install -y curl\n` },
    { name: 'words of another command', code: `${F}RUN echo apt-get update\n` },
  ],
  invalid: [
    {
      name: 'update and install',
      code: `${F}RUN apt-get update && apt-get install -y curl\n`,
      findings: [{ message: M, range: [1, 4, 1, 18], aliases: ['DL3009'] }],
      output: `${F}RUN apt-get update && apt-get install -y curl${RM}\n`,
    },
    {
      name: 'removed before the update, or something else removed',
      code: `${F}RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl && rm -rf /tmp/*\n`,
      findings: [{ message: M, range: [1, 35, 1, 49] }],
      output: `${F}RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl && rm -rf /tmp/*${RM}\n`,
    },
    {
      name: 'a later RUN installs from the lists: no fix, the message names it; a later RUN with its own update does not count',
      code: `${F}RUN apt-get update && apt-get install -y curl\nRUN apt-get update && apt-get install -y wget && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y hello\n`,
      findings: [
        {
          message: 'apt-get update leaves the package lists in the image; the RUN on line 4 installs from them too: update and remove them in each RUN that installs.',
          range: [1, 4, 1, 18],
        },
      ],
    },
    {
      name: 'a later install in a stage built on this one, or carried by ONBUILD, relies on the lists too',
      code: 'FROM debian:12 AS base\nRUN apt-get update\nONBUILD RUN apt-get install -y curl\nFROM base\nRUN apt-get install -y wget\n',
      findings: [
        {
          message: 'apt-get update leaves the package lists in the image; the RUN on line 3 installs from them too: update and remove them in each RUN that installs.',
          range: [1, 4, 1, 18],
        },
      ],
    },
    {
      name: 'removed in a later RUN',
      code: `${F}RUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n`,
      findings: [{ message: M, range: [1, 4, 1, 18] }],
      output: `${F}RUN apt-get update && apt-get install -y curl${RM}\nRUN rm -rf /var/lib/apt/lists/*\n`,
    },
    {
      name: 'continuation lines, sudo, a trailing comment',
      code: `${F}RUN sudo apt-get update \\\n && sudo apt-get install -y \\\n      curl \\\n # the end\n`,
      findings: [{ message: M, range: [1, 9, 1, 23] }],
      output: `${F}RUN sudo apt-get update \\\n && sudo apt-get install -y \\\n      curl && sudo rm -rf /var/lib/apt/lists/* \\\n # the end\n`,
    },
    {
      name: 'a list separated by semicolons, apt',
      code: `${F}RUN apt update; apt install -y curl\n`,
      findings: [{ message: 'apt update leaves the package lists in the image.', range: [1, 4, 1, 14], aliases: [] }],
      output: `${F}RUN apt update; apt install -y curl${RM}\n`,
    },
    {
      name: 'two updates in one RUN: one fix',
      code: `${F}RUN apt-get update && apt-get install -y gnupg && apt-get update && apt-get install -y curl\n`,
      findings: [
        { message: M, range: [1, 4, 1, 18] },
        { message: M, range: [1, 50, 1, 64] },
      ],
      output: `${F}RUN apt-get update && apt-get install -y gnupg && apt-get update && apt-get install -y curl${RM}\n`,
    },
    {
      name: 'a heredoc script: a line of its own',
      code: `${F}RUN <<EOF\nset -e\napt-get update\napt-get install -y curl # done\nEOF\n`,
      findings: [{ message: M, range: [3, 0, 3, 14] }],
      output: `${F}RUN <<EOF\nset -e\napt-get update\napt-get install -y curl # done\nrm -rf /var/lib/apt/lists/*\nEOF\n`,
    },
    {
      name: 'a heredoc script, CRLF',
      code: 'FROM debian:12\r\nRUN bash <<"EOT"\r\napt-get update && apt-get install -y curl\r\nEOT\r\n',
      findings: [{ message: M, range: [2, 0, 2, 14] }],
      output: 'FROM debian:12\r\nRUN bash <<"EOT"\r\napt-get update && apt-get install -y curl\r\nrm -rf /var/lib/apt/lists/*\r\nEOT\r\n',
    },
    {
      name: 'a RUN holding a heredoc of its own: the mount fix only',
      code: `${F}RUN apt-get update && apt-get install -y curl && cat <<EOF > /etc/motd\nhello\nEOF\n`,
      findings: [{ message: M, range: [1, 4, 1, 18] }],
      fixTitle: 'Keep the apt lists in a cache mount',
      output: `${F}RUN${MOUNTS} apt-get update && apt-get install -y curl && cat <<EOF > /etc/motd\nhello\nEOF\n`,
    },
    {
      name: 'exec form: the mount fix only',
      code: `${F}RUN ["apt-get", "update"]\n`,
      findings: [{ message: M, range: [1, 5, 1, 24] }],
      output: `${F}RUN${MOUNTS} ["apt-get", "update"]\n`,
    },
    {
      name: 'a cache mount elsewhere stays; a cache mount over the archives is not added twice',
      code: `${F}RUN --mount=type=cache,target=/var/cache/apt ["sh", "-c", "apt-get update"]\n`,
      findings: [{ message: M, range: [1, 59, 1, 73] }],
      output: `${F}RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked --mount=type=cache,target=/var/cache/apt ["sh", "-c", "apt-get update"]\n`,
    },
    {
      name: 'the final stage and the stage it builds on',
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get update && apt-get install -y curl\n',
      findings: [
        { message: M, range: [1, 4, 1, 18] },
        { message: M, range: [3, 4, 3, 18] },
      ],
      output: `FROM debian:12 AS base\nRUN apt-get update${RM}\nFROM base\nRUN apt-get update && apt-get install -y curl${RM}\n`,
    },
  ],
});

describe('BH102 apt-lists-left: the cache-mount fix', () => {
  const second = (code: string): string => {
    const [f] = findingsOf(aptListsLeft, code);
    const fix = f?.fixes[1];
    assert.equal(fix?.title, 'Keep the apt lists in a cache mount');
    return applyEdits(code, fix?.edits ?? []);
  };
  it('adds both cache mounts after RUN', () => {
    assert.equal(second(`${F}RUN apt-get update && apt-get install -y curl\n`), `${F}RUN${MOUNTS} apt-get update && apt-get install -y curl\n`);
  });
  it('keeps existing flags, case and CRLF', () => {
    assert.equal(second('FROM debian:12\r\nrun --network=host apt-get update\r\n'), `FROM debian:12\r\nrun${MOUNTS} --network=host apt-get update\r\n`);
  });
  it('leaves no finding', () => {
    assert.deepEqual(findingsOf(aptListsLeft, second(`${F}RUN apt-get update && apt-get install -y curl\n`)), []);
  });
});
