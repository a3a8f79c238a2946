import { nonInteractiveInstall } from '../../../server/src/rules/system-packages/non-interactive-install';
import { ruleTester } from '../../harness/rule-tester';

const F = 'FROM debian:12\n';
const R = 'FROM rockylinux:9\n';
const S = 'FROM opensuse/leap:15.6\n';
const APT = ['DL3014', 'DS-0021', 'DS021', 'AVD-DS-0021'];
const M = (cmd: string): string => `${cmd} may stop to ask for confirmation.`;

ruleTester(nonInteractiveInstall, {
  valid: [
    { name: '-y after the verb', code: `${F}RUN apt-get update && apt-get install -y curl\n` },
    { name: '-y before the verb', code: `${F}RUN apt-get -y install curl\n` },
    { name: '-y after the packages', code: `${F}RUN apt-get install curl -y\n` },
    { name: '--yes and --assume-yes', code: `${F}RUN apt-get install --yes curl && apt-get --assume-yes install git\n` },
    { name: 'in a cluster', code: `${F}RUN apt-get install -qy curl\n` },
    { name: 'quiet level 2 implies yes', code: `${F}RUN apt-get install -qq curl && apt-get -q -q install git && apt-get install -q=2 jq && apt-get install --quiet=2 vim && apt-get --quiet --quiet install less\n` },
    { name: 'APT::Get::Assume-Yes', code: `${F}RUN apt-get -o APT::Get::Assume-Yes=true install curl && apt-get --option=APT::Get::Assume-Yes=1 install git\n` },
    { name: 'the option from an ARG', code: `${F}ARG YES=-y\nRUN apt-get install $YES curl\n` },
    { name: 'an ARG without a value could hold it', code: `${F}ARG APT_OPTS\nRUN apt-get install $APT_OPTS curl\n` },
    { name: 'verbs that do not ask', code: `${F}RUN apt-get update && apt-get clean && apt-cache show curl\n` },
    { name: 'apt with -y', code: `${F}RUN apt install -y curl\n` },
    { name: 'yum and dnf with -y or --assumeyes', code: `${R}RUN yum install -y a && yum -y groupinstall b && dnf --assumeyes install c && dnf5 install -y e\n` },
    { name: 'microdnf does not ask', code: `${R}RUN microdnf install nginx\n` },
    { name: 'a simulation or a download asks nothing', code: `${F}RUN if apt-get install -s curl > /dev/null 2>&1; then apt-get install -y curl; fi && apt-get install --download-only git\n` },
    { name: 'yum update is not an install', code: `${R}RUN yum makecache && yum clean all\n` },
    { name: 'zypper non-interactive switches', code: `${S}RUN zypper -n install a && zypper --non-interactive in b && zypper install -y c && zypper rm --no-confirm d\n` },
    { name: 'zypper refresh', code: `${S}RUN zypper refresh\n` },
    { name: 'words of another command', code: `${F}RUN echo apt-get install curl\n` },
    { name: 'exec form with -y', code: `${F}RUN ["apt-get", "install", "-y", "curl"]\n` },
    { name: 'CMD is not a build step', code: `${F}CMD apt-get install curl\n` },
  ],
  invalid: [
    {
      name: 'apt-get install',
      code: `${F}RUN apt-get install curl\n`,
      findings: [{ message: M('apt-get install'), range: [1, 4, 1, 19], aliases: APT }],
      fixTitle: 'Add -y',
      output: `${F}RUN apt-get install -y curl\n`,
    },
    {
      name: '-q alone does not answer',
      code: `${F}RUN apt-get -q install curl\n`,
      findings: [{ message: M('apt-get install'), range: [1, 4, 1, 22], aliases: APT }],
      output: `${F}RUN apt-get -q install -y curl\n`,
    },
    {
      name: 'sudo, env and continuation lines',
      code: `${F}RUN apt-get update \\\n && sudo apt-get install --no-install-recommends \\\n    curl \\\n && env DEBIAN_FRONTEND=noninteractive apt-get install git\n`,
      findings: [
        { message: M('apt-get install'), range: [2, 9, 2, 24] },
        { message: M('apt-get install'), range: [4, 39, 4, 54] },
      ],
      output: `${F}RUN apt-get update \\\n && sudo apt-get install -y --no-install-recommends \\\n    curl \\\n && env DEBIAN_FRONTEND=noninteractive apt-get install -y git\n`,
    },
    {
      name: 'apt: no peer ID',
      code: `${F}RUN apt install curl\n`,
      findings: [{ message: M('apt install'), range: [1, 4, 1, 15], aliases: [] }],
      output: `${F}RUN apt install -y curl\n`,
    },
    {
      name: 'a value the ARG gives that is not yes',
      code: `${F}ARG OPTS=--no-install-recommends\nRUN apt-get install $OPTS curl\n`,
      findings: [{ message: M('apt-get install'), range: [2, 4, 2, 19] }],
      output: `${F}ARG OPTS=--no-install-recommends\nRUN apt-get install -y $OPTS curl\n`,
    },
    {
      name: 'a command substitution gives packages, not options',
      code: `${F}RUN apt-get install $(cat /packages.txt)\n`,
      findings: [{ message: M('apt-get install'), range: [1, 4, 1, 19] }],
      output: `${F}RUN apt-get install -y $(cat /packages.txt)\n`,
    },
    {
      name: 'yum',
      code: `${R}RUN yum install httpd && yum groupinstall "Development Tools" && yum --setopt=tsflags=nodocs localinstall ./a.rpm\n`,
      findings: [
        { message: M('yum install'), range: [1, 4, 1, 15], aliases: ['DL3030'] },
        { message: M('yum groupinstall'), range: [1, 25, 1, 41], aliases: ['DL3030'] },
        { message: M('yum localinstall'), range: [1, 65, 1, 105], aliases: ['DL3030'] },
      ],
      output: `${R}RUN yum install -y httpd && yum groupinstall -y "Development Tools" && yum --setopt=tsflags=nodocs localinstall -y ./a.rpm\n`,
    },
    {
      name: 'dnf and dnf5',
      code: `${R}RUN dnf install httpd && dnf5 install nginx\n`,
      findings: [
        { message: M('dnf install'), range: [1, 4, 1, 15], aliases: ['DL3038'] },
        { message: M('dnf5 install'), range: [1, 25, 1, 37], aliases: ['DL3038'] },
      ],
      output: `${R}RUN dnf install -y httpd && dnf5 install -y nginx\n`,
    },
    {
      name: 'tdnf: no peer ID',
      code: 'FROM photon:5.0\nRUN tdnf install curl\n',
      findings: [{ message: M('tdnf install'), range: [1, 4, 1, 16], aliases: [] }],
      output: 'FROM photon:5.0\nRUN tdnf install -y curl\n',
    },
    {
      name: 'zypper: -n goes before the verb',
      code: `${S}RUN zypper install curl && zypper rm vim && /usr/bin/zypper patch\n`,
      findings: [
        { message: M('zypper install'), range: [1, 4, 1, 18], aliases: ['DL3034'] },
        { message: M('zypper rm'), range: [1, 27, 1, 36], aliases: ['DL3034'] },
        { message: M('zypper patch'), range: [1, 44, 1, 65], aliases: ['DL3034'] },
      ],
      fixTitle: 'Add -n',
      output: `${S}RUN zypper -n install curl && zypper -n rm vim && /usr/bin/zypper -n patch\n`,
    },
    {
      name: 'exec form',
      code: `${F}RUN ["apt-get", "install", "curl"]\n`,
      findings: [{ message: M('apt-get install'), range: [1, 5, 1, 25] }],
      output: `${F}RUN ["apt-get", "install", "-y", "curl"]\n`,
    },
    {
      name: 'exec form zypper',
      code: `${S}RUN ["zypper", "install", "curl"]\n`,
      findings: [{ message: M('zypper install'), range: [1, 5, 1, 24] }],
      output: `${S}RUN ["zypper", "-n", "install", "curl"]\n`,
    },
    {
      name: 'a shell script in exec form',
      code: `${F}RUN ["/bin/sh", "-c", "apt-get update && apt-get install curl"]\n`,
      findings: [{ message: M('apt-get install'), range: [1, 41, 1, 56] }],
      output: `${F}RUN ["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]\n`,
    },
    {
      name: 'a heredoc',
      code: `${F}RUN <<EOF\nset -e\napt-get update\napt-get install curl\nEOF\n`,
      findings: [{ message: M('apt-get install'), range: [4, 0, 4, 15] }],
      output: `${F}RUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n`,
    },
    {
      name: 'every stage, with a cache mount, CRLF',
      code: 'FROM debian:12 AS build\r\nRUN --mount=type=cache,target=/var/cache/apt apt-get install gcc\r\nFROM debian:12\r\nRUN apt-get install curl\r\n',
      findings: [
        { message: M('apt-get install'), range: [1, 45, 1, 60] },
        { message: M('apt-get install'), range: [3, 4, 3, 19] },
      ],
      output: 'FROM debian:12 AS build\r\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc\r\nFROM debian:12\r\nRUN apt-get install -y curl\r\n',
    },
  ],
});
