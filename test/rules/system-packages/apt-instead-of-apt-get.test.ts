import { aptInsteadOfAptGet } from '../../../server/src/rules/system-packages/apt-instead-of-apt-get';
import { ruleTester } from '../../harness/rule-tester';

const F = 'FROM debian:12\n';
const GET = 'apt is for interactive use; use apt-get in scripts.';
const CACHE = 'apt is for interactive use; use apt-cache in scripts.';

ruleTester(aptInsteadOfAptGet, {
  valid: [
    { name: 'apt-get and apt-cache', code: `${F}RUN apt-get update && apt-get install -y curl && apt-cache policy curl\n` },
    { name: 'the word apt in another command', code: `${F}RUN echo "apt install" && ls /etc/apt\n` },
    { name: 'aptitude and apt-key', code: `${F}RUN aptitude install -y curl && apt-key list\n` },
    { name: 'CMD is not a build step', code: `${F}CMD ["apt", "list"]\n` },
  ],
  invalid: [
    {
      name: 'apt update and install',
      code: `${F}RUN apt update && apt install -y curl\n`,
      findings: [
        { message: GET, range: [1, 4, 1, 14], aliases: ['DL3027', 'CKV_DOCKER_9'] },
        { message: GET, range: [1, 18, 1, 29] },
      ],
      fixTitle: 'Use apt-get instead of apt',
      output: `${F}RUN apt-get update && apt-get install -y curl\n`,
    },
    {
      name: 'queries go to apt-cache; sudo, a path, continuation lines',
      code: `${F}RUN sudo /usr/bin/apt search curl \\\n && apt -q show curl\n`,
      findings: [
        { message: CACHE, range: [1, 9, 1, 28] },
        { message: CACHE, range: [2, 4, 2, 15] },
      ],
      fixTitle: 'Use apt-cache instead of apt',
      output: `${F}RUN sudo /usr/bin/apt-cache search curl \\\n && apt-cache -q show curl\n`,
    },
    {
      name: 'verbs only apt has: no fix',
      code: `${F}RUN apt list --installed && apt\n`,
      findings: [
        { message: 'apt is for interactive use; use apt-get or apt-cache in scripts.', range: [1, 4, 1, 12] },
        { message: 'apt is for interactive use; use apt-get or apt-cache in scripts.', range: [1, 28, 1, 31] },
      ],
    },
    {
      name: 'exec form, heredoc, CRLF, every stage',
      code: 'FROM debian:12 AS build\r\nRUN ["apt", "install", "-y", "gcc"]\r\nFROM debian:12\r\nRUN <<EOF\r\napt upgrade -y\r\nEOF\r\n',
      findings: [
        { message: GET, range: [1, 5, 1, 21] },
        { message: GET, range: [4, 0, 4, 11] },
      ],
      output: 'FROM debian:12 AS build\r\nRUN ["apt-get", "install", "-y", "gcc"]\r\nFROM debian:12\r\nRUN <<EOF\r\napt-get upgrade -y\r\nEOF\r\n',
    },
    {
      name: 'inside sh -c',
      code: `${F}RUN sh -c 'apt autoremove -y'\n`,
      findings: [{ message: GET, range: [1, 11, 1, 25] }],
      output: `${F}RUN sh -c 'apt-get autoremove -y'\n`,
    },
  ],
});
