import { packageIndexUpdateAlone } from '../../../server/src/rules/system-packages/package-index-update-alone';
import { ruleTester } from '../../harness/rule-tester';

const F = 'FROM debian:12\n';
const A = 'FROM alpine:3.20\n';
const R = 'FROM rockylinux:9\n';
const PEERS = ['DS-0017', 'DS017', 'AVD-DS-0017', 'CKV_DOCKER_5'];
const M = (cmd: string): string => `${cmd} has no install after it in the same RUN.`;

ruleTester(packageIndexUpdateAlone, {
  valid: [
    { name: 'update and install', code: `${F}RUN apt-get update && apt-get install -y curl\n` },
    { name: 'update and upgrade', code: `${F}RUN apt-get update && apt-get upgrade -y\n` },
    { name: 'after a semicolon or on a new line of a heredoc', code: `${F}RUN apt-get update; apt-get install -y curl\nRUN <<EOF\napt-get update\napt-get install -y git\nEOF\n` },
    { name: 'another apt front end installs', code: `${F}RUN apt-get update && apt install -y curl\n` },
    { name: 'apk update and add', code: `${A}RUN apk update && apk add curl\n` },
    { name: 'apk add --update', code: `${A}RUN apk add --update curl\n` },
    { name: 'makecache and install', code: `${R}RUN dnf makecache && dnf install -y httpd\n` },
    { name: 'yum update upgrades packages', code: `${R}RUN yum update -y\n` },
    { name: 'zypper refresh and install', code: 'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper -n in curl\n' },
    { name: 'update-ca-certificates is not an index update', code: `${F}RUN update-ca-certificates\n` },
    { name: 'words of another command', code: `${F}RUN echo apt-get update\n` },
    { name: 'an install through xargs', code: `${F}RUN set -eux; apt-get update; xargs -rt apt-get install -y --no-install-recommends < /deps.txt; rm -rf /var/lib/apt/lists/*\n` },
    { name: 'the index removed again in the same RUN', code: `${F}RUN apt-get update && apt-get purge -y imagemagick && rm -rf /var/lib/apt/lists/*\nRUN apk update && ./setup.sh && rm -rf /var/cache/apk/*\n` },
    { name: 'exec form sh -c', code: `${F}RUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n` },
  ],
  invalid: [
    {
      name: 'update alone',
      code: `${F}RUN apt-get update\nRUN apt-get install -y curl\n`,
      findings: [{ message: M('apt-get update'), range: [1, 4, 1, 18], aliases: PEERS }],
    },
    {
      name: 'install before the update',
      code: `${F}RUN apt-get install -y curl && apt-get update\n`,
      findings: [{ message: M('apt-get update'), range: [1, 31, 1, 45] }],
    },
    {
      name: 'something else after the update; sudo, continuation lines, a build stage',
      code: `FROM debian:12 AS build\nRUN sudo apt-get update \\\n && apt-cache policy curl\nFROM scratch\n`,
      findings: [{ message: M('apt-get update'), range: [1, 9, 1, 23] }],
    },
    {
      name: 'apk update alone; apt update alone',
      code: `${A}RUN apk update\nRUN apt update\n`,
      findings: [
        { message: M('apk update'), range: [1, 4, 1, 14], aliases: PEERS },
        { message: M('apt update'), range: [2, 4, 2, 14], aliases: PEERS },
      ],
    },
    {
      name: 'makecache and refresh alone: no peer ID',
      code: `${R}RUN dnf makecache\nRUN zypper --non-interactive refresh\n`,
      findings: [
        { message: M('dnf makecache'), range: [1, 4, 1, 17], aliases: [] },
        { message: M('zypper refresh'), range: [2, 4, 2, 36], aliases: [] },
      ],
    },
    {
      name: 'xargs running something else; the lists removed before the update',
      code: `${F}RUN rm -rf /var/lib/apt/lists/* && apt-get update && xargs echo install < /x\n`,
      findings: [{ message: M('apt-get update'), range: [1, 35, 1, 49] }],
    },
    {
      name: 'an install by another package manager does not count',
      code: `${F}RUN apt-get update && pip install flask\n`,
      findings: [{ message: M('apt-get update'), range: [1, 4, 1, 18] }],
    },
    {
      name: 'exec form, heredoc, CRLF',
      code: 'FROM debian:12\r\nRUN ["apt-get", "update"]\r\nRUN <<EOF\r\napt-get update\r\nEOF\r\n',
      findings: [
        { message: M('apt-get update'), range: [1, 5, 1, 24] },
        { message: M('apt-get update'), range: [3, 0, 3, 14] },
      ],
    },
    {
      name: 'a cache mount does not make it less alone',
      code: `${F}RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n`,
      findings: [{ message: M('apt-get update'), range: [1, 49, 1, 63] }],
    },
  ],
});
