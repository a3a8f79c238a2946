import { packageCacheLeft } from '../../../server/src/rules/system-packages/package-cache-left';
import { ruleTester } from '../../harness/rule-tester';

const A = 'FROM alpine:3.20\n';
const R = 'FROM rockylinux:9\n';
const S = 'FROM opensuse/leap:15.6\n';
const APK = 'apk add keeps the package index in the image.';
const L = (cmd: string): string => `${cmd} leaves its cache in the image.`;

ruleTester(packageCacheLeft, {
  valid: [
    { name: 'apk add --no-cache', code: `${A}RUN apk add --no-cache curl\n` },
    { name: '--no-cache before the verb, and from an ARG', code: `${A}ARG NC=--no-cache\nRUN apk --no-cache add curl && apk add $NC git\n` },
    { name: 'an ARG without a value could hold it', code: `${A}ARG APK_OPTS\nRUN apk add $APK_OPTS curl\n` },
    { name: 'apk cache removed later in the RUN', code: `${A}RUN apk update && apk add curl && rm -rf /var/cache/apk/*\n` },
    { name: 'a cache mount over /var/cache/apk', code: `${A}RUN --mount=type=cache,target=/var/cache/apk apk add curl\n` },
    { name: 'apk del and apk update are not adds', code: `${A}RUN apk del curl\n` },
    { name: 'yum clean all after the install', code: `${R}RUN yum install -y httpd && yum clean all\n` },
    { name: 'dnf, microdnf and tdnf clean all', code: `${R}RUN dnf install -y a && dnf clean all\nRUN microdnf install -y b && microdnf clean all\nRUN tdnf install -y c && tdnf clean all\n` },
    { name: 'a clean by another rpm front end', code: `${R}RUN yum install -y a && dnf clean all\n` },
    { name: 'the cache folder removed', code: `${R}RUN dnf install -y a && rm -rf /var/cache/dnf\nRUN yum install -y b; rm -rf /var/cache/yum/*\n` },
    { name: 'a cache mount over the dnf cache', code: `${R}RUN --mount=type=cache,target=/var/cache/dnf dnf install -y a\n` },
    { name: 'zypper clean or cc', code: `${S}RUN zypper -n install a && zypper clean\nRUN zypper -n in b && zypper cc -a\n` },
    { name: 'a heredoc with the clean', code: `${R}RUN <<EOF\ndnf install -y a\ndnf clean all\nEOF\n` },
    { name: 'a build stage only copied from', code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /out /out\n' },
    { name: 'not an install', code: `${R}RUN dnf remove -y a && yum makecache\n` },
    { name: 'words of another command', code: `${A}RUN echo apk add curl\n` },
  ],
  invalid: [
    {
      name: 'apk add',
      code: `${A}RUN apk add curl\n`,
      findings: [{ message: APK, range: [1, 4, 1, 11], aliases: ['DL3019', 'DS-0025', 'DS025', 'AVD-DS-0025'] }],
      fixTitle: 'Add --no-cache',
      output: `${A}RUN apk add --no-cache curl\n`,
    },
    {
      name: 'apk add with --update, a virtual package, sudo, continuation lines',
      code: `${A}RUN sudo apk add --update \\\n      --virtual .deps gcc \\\n && apk --no-cache add curl\n`,
      findings: [{ message: APK, range: [1, 9, 1, 16] }],
      output: `${A}RUN sudo apk add --no-cache --update \\\n      --virtual .deps gcc \\\n && apk --no-cache add curl\n`,
    },
    {
      name: 'apk cache removed in a later RUN, or a cache mount elsewhere',
      code: `${A}RUN --mount=type=cache,target=/root/.cache apk add curl\nRUN rm -rf /var/cache/apk/*\n`,
      findings: [{ message: APK, range: [1, 43, 1, 50] }],
      output: `${A}RUN --mount=type=cache,target=/root/.cache apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*\n`,
    },
    {
      name: 'a command substitution gives packages, not options',
      code: `${A}RUN apk add $(cat /packages.txt)\n`,
      findings: [{ message: APK, range: [1, 4, 1, 11] }],
      output: `${A}RUN apk add --no-cache $(cat /packages.txt)\n`,
    },
    {
      name: 'apk exec form',
      code: `${A}RUN ["apk", "add", "curl"]\n`,
      findings: [{ message: APK, range: [1, 5, 1, 17] }],
      output: `${A}RUN ["apk", "add", "--no-cache", "curl"]\n`,
    },
    {
      name: 'yum install',
      code: `${R}RUN yum install -y httpd\n`,
      findings: [{ message: L('yum install'), range: [1, 4, 1, 15], aliases: ['DL3032', 'DS-0015', 'DS015', 'AVD-DS-0015'] }],
      fixTitle: 'Append yum clean all',
      output: `${R}RUN yum install -y httpd && yum clean all\n`,
    },
    {
      name: 'a clean before the install, or one that keeps metadata',
      code: `${R}RUN yum clean all && yum install -y httpd && yum clean packages\n`,
      findings: [{ message: L('yum install'), range: [1, 21, 1, 32] }],
      output: `${R}RUN yum clean all && yum install -y httpd && yum clean packages && yum clean all\n`,
    },
    {
      name: 'dnf and microdnf',
      code: `${R}RUN dnf install -y a\nRUN microdnf install -y b\n`,
      findings: [
        { message: L('dnf install'), range: [1, 4, 1, 15], aliases: ['DL3040', 'DS-0019', 'DS019', 'AVD-DS-0019'] },
        { message: L('microdnf install'), range: [2, 4, 2, 20], aliases: ['DL3040', 'DS-0019', 'DS019', 'AVD-DS-0019', 'DS-0027', 'DS027', 'AVD-DS-0027'] },
      ],
      output: `${R}RUN dnf install -y a && dnf clean all\nRUN microdnf install -y b && microdnf clean all\n`,
    },
    {
      name: 'tdnf: no peer ID',
      code: 'FROM photon:5.0\nRUN tdnf install -y curl\n',
      findings: [{ message: L('tdnf install'), range: [1, 4, 1, 16], aliases: [] }],
      output: 'FROM photon:5.0\nRUN tdnf install -y curl && tdnf clean all\n',
    },
    {
      name: 'two installs in one RUN: one clean at the end',
      code: `${R}RUN sudo dnf install -y a && \\\n    sudo dnf groupinstall -y "Development Tools"\n`,
      findings: [
        { message: L('dnf install'), range: [1, 9, 1, 20] },
        { message: L('dnf groupinstall'), range: [2, 9, 2, 25] },
      ],
      output: `${R}RUN sudo dnf install -y a && \\\n    sudo dnf groupinstall -y "Development Tools" && sudo dnf clean all\n`,
    },
    {
      name: 'zypper',
      code: `${S}RUN zypper -n install curl; zypper -n in git\n`,
      findings: [
        { message: L('zypper install'), range: [1, 4, 1, 21], aliases: ['DL3036', 'DS-0020', 'DS020', 'AVD-DS-0020'] },
        { message: L('zypper in'), range: [1, 28, 1, 40] },
      ],
      output: `${S}RUN zypper -n install curl; zypper -n in git && zypper clean --all\n`,
    },
    {
      name: 'a heredoc script, CRLF',
      code: 'FROM rockylinux:9\r\nRUN <<EOF\r\nset -eux\r\ndnf install -y httpd\r\nEOF\r\n',
      findings: [{ message: L('dnf install'), range: [3, 0, 3, 11] }],
      output: 'FROM rockylinux:9\r\nRUN <<EOF\r\nset -eux\r\ndnf install -y httpd\r\ndnf clean all\r\nEOF\r\n',
    },
    {
      name: 'exec form: no fix',
      code: `${R}RUN ["dnf", "install", "-y", "httpd"]\n`,
      findings: [{ message: L('dnf install'), range: [1, 5, 1, 21] }],
    },
    {
      name: 'the stage the final one builds on',
      code: 'FROM rockylinux:9 AS base\nRUN dnf install -y a\nFROM base\nRUN echo done\n',
      findings: [{ message: L('dnf install'), range: [1, 4, 1, 15] }],
      output: 'FROM rockylinux:9 AS base\nRUN dnf install -y a && dnf clean all\nFROM base\nRUN echo done\n',
    },
  ],
});
