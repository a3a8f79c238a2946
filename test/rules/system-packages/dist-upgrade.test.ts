import { distUpgrade } from '../../../server/src/rules/system-packages/dist-upgrade';
import { ruleTester } from '../../harness/rule-tester';

const F = 'FROM debian:12\n';
const M = (cmd: string): string => `${cmd} may add, remove or replace packages.`;

ruleTester(distUpgrade, {
  valid: [
    { name: 'upgrade', code: `${F}RUN apt-get update && apt-get upgrade -y\n` },
    { name: 'zypper update', code: 'FROM opensuse/leap:15.6\nRUN zypper -n update\n' },
    { name: 'words of another command', code: `${F}RUN echo apt-get dist-upgrade\n` },
    { name: 'a package named like the verb', code: `${F}RUN apt-get install -y dist-upgrade-helper\n` },
  ],
  invalid: [
    {
      name: 'apt-get dist-upgrade',
      code: `${F}RUN apt-get update && apt-get -y dist-upgrade\n`,
      findings: [{ message: M('apt-get dist-upgrade'), range: [1, 22, 1, 45], aliases: ['DL3005', 'DS-0024', 'DS024', 'AVD-DS-0024'] }],
      fixTitle: 'Use upgrade instead',
      output: `${F}RUN apt-get update && apt-get -y upgrade\n`,
    },
    {
      name: 'full-upgrade, apt, sudo, continuation lines: no peer ID',
      code: `${F}RUN apt-get update \\\n && sudo apt full-upgrade -y\n`,
      findings: [{ message: M('apt full-upgrade'), range: [2, 9, 2, 25], aliases: [] }],
      output: `${F}RUN apt-get update \\\n && sudo apt upgrade -y\n`,
    },
    {
      name: 'zypper dup',
      code: 'FROM opensuse/tumbleweed\nRUN zypper -n dup && zypper -n dist-upgrade\n',
      findings: [
        { message: M('zypper dup'), range: [1, 4, 1, 17], aliases: ['DL3035'] },
        { message: M('zypper dist-upgrade'), range: [1, 21, 1, 43], aliases: ['DL3035'] },
      ],
      fixTitle: 'Use update instead',
      output: 'FROM opensuse/tumbleweed\nRUN zypper -n update && zypper -n update\n',
    },
    {
      name: 'exec form, heredoc, CRLF, a build stage',
      code: 'FROM debian:12 AS build\r\nRUN ["apt-get", "dist-upgrade", "-y"]\r\nRUN <<EOF\r\napt-get dist-upgrade -y\r\nEOF\r\nFROM scratch\r\n',
      findings: [
        { message: M('apt-get dist-upgrade'), range: [1, 5, 1, 30] },
        { message: M('apt-get dist-upgrade'), range: [3, 0, 3, 20] },
      ],
      output: 'FROM debian:12 AS build\r\nRUN ["apt-get", "upgrade", "-y"]\r\nRUN <<EOF\r\napt-get upgrade -y\r\nEOF\r\nFROM scratch\r\n',
    },
  ],
});
