import { noInstallRecommends } from '../../../server/src/rules/system-packages/no-install-recommends';
import { ruleTester } from '../../harness/rule-tester';

const F = 'FROM debian:12\n';
const M = 'apt-get install also installs recommended packages.';
const PEERS = ['DL3015', 'DS-0029', 'DS029', 'AVD-DS-0029'];

ruleTester(noInstallRecommends, {
  valid: [
    { name: '--no-install-recommends', code: `${F}RUN apt-get update && apt-get install -y --no-install-recommends curl\n` },
    { name: 'before the verb', code: `${F}RUN apt-get --no-install-recommends install -y curl\n` },
    { name: 'after the packages', code: `${F}RUN apt-get install -y curl --no-install-recommends\n` },
    { name: '-o APT::Install-Recommends=false', code: `${F}RUN apt-get install -y -o APT::Install-Recommends=false curl\n` },
    { name: 'other spellings apt reads as false', code: `${F}RUN apt-get -oAPT::Install-Recommends=0 install -y a && apt-get --option=APT::Install-Recommends=no install -y b && apt-get --option apt::install-recommends=off install -y c\n` },
    { name: 'the option from an ARG', code: `${F}ARG NO_REC=--no-install-recommends\nRUN apt-get install -y $NO_REC curl\n` },
    { name: 'an ARG without a value could hold it', code: `${F}ARG APT_OPTS\nRUN apt-get install -y $APT_OPTS curl\n` },
    { name: 'the setting written earlier in the stage', code: `${F}RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/01norecommends\nRUN apt-get update && apt-get install -y curl\n` },
    { name: 'the setting written in the parent stage, with printf', code: `FROM debian:12 AS base\nRUN printf 'APT::Install-Recommends "0";\\nAPT::Install-Suggests "0";\\n' > /etc/apt/apt.conf.d/99local\nFROM base\nRUN apt-get install -y curl\n` },
    { name: 'apt with the option', code: `${F}RUN apt install -y --no-install-recommends curl\n` },
    { name: 'other verbs', code: `${F}RUN apt-get update && apt-get remove -y curl && apt-get upgrade -y\n` },
    { name: 'a simulation installs nothing', code: `${F}RUN apt-get install -s curl\n` },
    { name: 'words of another command', code: `${F}RUN echo apt-get install curl\n` },
    { name: 'exec form with the option', code: `${F}RUN ["apt-get", "install", "-y", "--no-install-recommends", "curl"]\n` },
  ],
  invalid: [
    {
      name: 'apt-get install',
      code: `${F}RUN apt-get update && apt-get install -y curl\n`,
      findings: [{ message: M, range: [1, 22, 1, 37], aliases: PEERS }],
      fixTitle: 'Add --no-install-recommends',
      output: `${F}RUN apt-get update && apt-get install --no-install-recommends -y curl\n`,
    },
    {
      name: 'a setting that keeps recommends on',
      code: `${F}RUN apt-get install -y -o APT::Install-Recommends=true curl\n`,
      findings: [{ message: M, range: [1, 4, 1, 19] }],
      output: `${F}RUN apt-get install --no-install-recommends -y -o APT::Install-Recommends=true curl\n`,
    },
    {
      name: 'the setting written after the install, or in another stage',
      code: `FROM debian:12 AS other\nRUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/01\nFROM debian:12\nRUN apt-get install -y curl && echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/01\n`,
      findings: [{ message: M, range: [3, 4, 3, 19] }],
      output: `FROM debian:12 AS other\nRUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/01\nFROM debian:12\nRUN apt-get install --no-install-recommends -y curl && echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/01\n`,
    },
    {
      name: 'apt, sudo, continuation lines, a build stage',
      code: `FROM debian:12 AS build\nRUN sudo apt install -y \\\n    gcc\nFROM scratch\n`,
      findings: [{ message: 'apt install also installs recommended packages.', range: [1, 9, 1, 20], aliases: [] }],
      output: `FROM debian:12 AS build\nRUN sudo apt install --no-install-recommends -y \\\n    gcc\nFROM scratch\n`,
    },
    {
      name: 'a command substitution gives packages, not options',
      code: `${F}RUN apt-get install -y \`cat /packages.txt\`\n`,
      findings: [{ message: M, range: [1, 4, 1, 19] }],
      output: `${F}RUN apt-get install --no-install-recommends -y \`cat /packages.txt\`\n`,
    },
    {
      name: 'exec form',
      code: `${F}RUN ["apt-get", "install", "-y", "curl"]\n`,
      findings: [{ message: M, range: [1, 5, 1, 25] }],
      output: `${F}RUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n`,
    },
    {
      name: 'a heredoc, CRLF',
      code: 'FROM debian:12\r\nRUN <<EOF\r\napt-get update\r\napt-get install -y curl\r\nEOF\r\n',
      findings: [{ message: M, range: [3, 0, 3, 15] }],
      output: 'FROM debian:12\r\nRUN <<EOF\r\napt-get update\r\napt-get install --no-install-recommends -y curl\r\nEOF\r\n',
    },
    {
      name: 'env prefix and a cache mount',
      code: `${F}RUN --mount=type=cache,target=/var/cache/apt env DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n`,
      findings: [{ message: M, range: [1, 80, 1, 95] }],
      output: `${F}RUN --mount=type=cache,target=/var/cache/apt env DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y curl\n`,
    },
  ],
});
