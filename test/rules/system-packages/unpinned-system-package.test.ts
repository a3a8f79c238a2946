import { unpinnedSystemPackage } from '../../../server/src/rules/system-packages/unpinned-system-package';
import { ruleTester } from '../../harness/rule-tester';

const F = 'FROM debian:12\n';
const A = 'FROM alpine:3.20\n';
const R = 'FROM rockylinux:9\n';
const S = 'FROM opensuse/leap:15.6\n';

ruleTester(unpinnedSystemPackage, {
  valid: [
    { name: 'apt pins, a release, a local file', code: `${F}RUN apt-get install -y curl=7.88.1-10+deb12u8 git/bookworm-backports ./tool.deb\n` },
    { name: 'an option value is not a package', code: `${F}RUN apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confold curl=7.88.1\n` },
    { name: 'the version from an ARG', code: `${F}ARG CURL_VERSION=7.88.1-10\nRUN apt-get install -y curl=$CURL_VERSION "git=\${GIT_VERSION}"\n` },
    { name: 'a package from an ARG with a pin', code: `${F}ARG PKG=curl=7.88.1\nRUN apt-get install -y $PKG\n` },
    { name: 'an unknown value', code: `${F}ARG PACKAGES\nRUN apt-get install -y $PACKAGES $(cat /tmp/list)\n` },
    { name: 'apk constraints and --virtual', code: `${A}RUN apk add --no-cache --virtual .deps curl=8.9.1-r1 git~2.45 'jq>=1.7' ./local.apk\n` },
    { name: 'rpm versions, files, URLs and groups', code: `${R}RUN dnf install -y httpd-2.4.57 openssl-libs-3.0.7-27.el9 ./a.rpm https://example.com/b.rpm @core && yum install -y mod_ssl-2.4.57 && microdnf install -y nginx-1.22.1\n` },
    { name: 'zypper constraints', code: `${S}RUN zypper -n install curl=8.0.1 'git>=2.43' ./a.rpm\n` },
    { name: 'no packages, other verbs', code: `${F}RUN apt-get update && apt-get install -y -f && apt-get remove -y curl && apt-get upgrade -y\n` },
    { name: 'words of another command', code: `${F}RUN echo apt-get install curl\n` },
    { name: 'a simulation installs nothing', code: `${F}RUN if apt-get install -s curl > /dev/null; then echo ok; fi\n` },
    { name: 'a glob is not a name', code: `${F}RUN apt-get install -y 'php8*'\n` },
  ],
  invalid: [
    {
      name: 'apt-get install',
      code: `${F}RUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.5-0+deb12u1\n`,
      findings: [{ message: 'apt-get install installs curl without a version.', range: [1, 22, 1, 37], aliases: ['DL3008'] }],
    },
    {
      name: 'many packages, continuation lines, sudo, a build stage',
      code: `FROM debian:12 AS build\nRUN sudo apt-get install -y \\\n      gcc \\\n      make \\\n      libc6-dev \\\n      pkg-config\nFROM scratch\n`,
      findings: [{ message: 'apt-get install installs gcc, make, libc6-dev and 1 more without a version.', range: [1, 9, 1, 24] }],
    },
    {
      name: 'apt: no peer ID',
      code: `${F}RUN apt install -y curl\n`,
      findings: [{ message: 'apt install installs curl without a version.', range: [1, 4, 1, 15], aliases: [] }],
    },
    {
      name: 'apk',
      code: `${A}RUN apk add --no-cache curl git=2.45.2-r0\n`,
      findings: [{ message: 'apk add installs curl without a version.', range: [1, 4, 1, 11], aliases: ['DL3018'] }],
    },
    {
      name: 'yum, dnf, microdnf: a dash alone is not a version',
      code: `${R}RUN yum install -y python3-devel && dnf install -y httpd && microdnf install -y nginx\n`,
      findings: [
        { message: 'yum install installs python3-devel without a version.', range: [1, 4, 1, 15], aliases: ['DL3033'] },
        { message: 'dnf install installs httpd without a version.', range: [1, 36, 1, 47], aliases: ['DL3041'] },
        { message: 'microdnf install installs nginx without a version.', range: [1, 60, 1, 76], aliases: ['DL3041'] },
      ],
    },
    {
      name: 'zypper',
      code: `${S}RUN zypper -n in curl\n`,
      findings: [{ message: 'zypper in installs curl without a version.', range: [1, 4, 1, 16], aliases: ['DL3037'] }],
    },
    {
      name: 'exec form, heredoc, CRLF',
      code: 'FROM debian:12\r\nRUN ["apt-get", "install", "-y", "curl"]\r\nRUN <<EOF\r\napt-get install -y git\r\nEOF\r\n',
      findings: [
        { message: 'apt-get install installs curl without a version.', range: [1, 5, 1, 25] },
        { message: 'apt-get install installs git without a version.', range: [3, 0, 3, 15] },
      ],
    },
    {
      name: 'an ARG whose value has no pin',
      code: `${F}ARG PKG=curl\nRUN env DEBIAN_FRONTEND=noninteractive apt-get install -y "$PKG"\n`,
      findings: [{ message: 'apt-get install installs curl without a version.', range: [2, 39, 2, 54] }],
    },
  ],
});
