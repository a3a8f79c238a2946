import { packageSignatureCheckDisabled } from '../../../server/src/rules/trust/package-signature-check-disabled';
import { ruleTester } from '../../harness/rule-tester';

const M = (what: string): string => `${what} turns off package signature checks.`;
const A = 'FROM alpine:3.20\n';
const D = 'FROM debian:12\n';
const R = 'FROM fedora:40\n';

ruleTester(packageSignatureCheckDisabled, {
  valid: [
    { name: 'apk with signatures', code: `${A}RUN apk add --no-cache curl\n` },
    { name: 'apt-get with signatures', code: `${D}RUN apt-get install -y --no-install-recommends curl && apt-get -o Dpkg::Options::=--force-confold install -y x\n` },
    { name: 'apt option set to false', code: `${D}RUN apt-get -o APT::Get::AllowUnauthenticated=false install -y x\n` },
    { name: 'dnf with signatures', code: `${R}RUN dnf install -y x && dnf --setopt=gpgcheck=1 --setopt=install_weak_deps=False install -y y\n` },
    { name: 'rpm import and verify', code: `${R}RUN rpm --import /tmp/key.asc && rpm -K x.rpm && rpm -ivh x.rpm\n` },
    { name: 'the words as arguments of other commands', code: `${D}RUN echo --allow-untrusted --nogpgcheck --force-yes && ls --nosignature\n` },
    { name: 'gpgcheck=1 written', code: `${R}RUN echo "gpgcheck=1" >> /etc/yum.repos.d/x.repo && sed -i 's/gpgcheck=0/gpgcheck=1/g' /etc/yum.conf\n` },
    { name: 'a flag variable without a value', code: `${A}ARG APK_FLAGS\nRUN apk add $APK_FLAGS x\n` },
  ],
  invalid: [
    {
      name: 'apk --allow-untrusted',
      code: `${A}RUN apk add --allow-untrusted /tmp/x.apk && apk add --no-cache curl\n`,
      findings: [{ message: M('apk --allow-untrusted'), range: [1, 12, 1, 29], aliases: ['CKV2_DOCKER_7'] }],
      fixTitle: 'Remove the flag that turns off signature checks',
      output: `${A}RUN apk add /tmp/x.apk && apk add --no-cache curl\n`,
    },
    {
      name: 'apt-get --allow-unauthenticated, --force-yes, -o',
      code: `${D}RUN apt-get install -y --allow-unauthenticated x && apt-get install -y --force-yes y && apt-get -o APT::Get::AllowUnauthenticated=true install -y z\n`,
      findings: [
        { message: M('apt-get --allow-unauthenticated'), range: [1, 23, 1, 46], aliases: ['CKV2_DOCKER_8'] },
        { message: M('apt-get --force-yes'), range: [1, 71, 1, 82], aliases: ['CKV2_DOCKER_11'] },
        { message: M('apt-get -o APT::Get::AllowUnauthenticated=true'), range: [1, 96, 1, 134], aliases: ['CKV2_DOCKER_8'] },
      ],
      output: `${D}RUN apt-get install -y x && apt-get install -y y && apt-get install -y z\n`,
    },
    {
      name: 'apt-get insecure repositories: no Checkov check',
      code: `${D}RUN apt-get update --allow-insecure-repositories && apt-get -oAcquire::AllowInsecureRepositories=1 update\n`,
      findings: [
        { message: M('apt-get --allow-insecure-repositories'), range: [1, 19, 1, 48], aliases: [] },
        { message: M('apt-get -o Acquire::AllowInsecureRepositories=1'), range: [1, 60, 1, 98], aliases: [] },
      ],
      output: `${D}RUN apt-get update && apt-get update\n`,
    },
    {
      name: 'dnf, yum, tdnf --nogpgcheck and microdnf gpgcheck=0',
      code: `${R}RUN dnf install -y --nogpgcheck x && yum --nogpgcheck localinstall y.rpm && tdnf install --nogpgcheck z && microdnf --setopt=gpgcheck=0 install w\n`,
      findings: [
        { message: M('dnf --nogpgcheck'), range: [1, 19, 1, 31], aliases: ['CKV2_DOCKER_9'] },
        { message: M('yum --nogpgcheck'), range: [1, 41, 1, 53] },
        { message: M('tdnf --nogpgcheck'), range: [1, 89, 1, 101] },
        { message: M('microdnf gpgcheck=0'), range: [1, 116, 1, 135], aliases: ['CKV2_DOCKER_9'] },
      ],
      output: `${R}RUN dnf install -y x && yum localinstall y.rpm && tdnf install z && microdnf install w\n`,
    },
    {
      name: 'rpm digest and signature flags',
      code: `${R}RUN rpm -ivh --nosignature x.rpm && rpm -i --nodigest --nofiledigest y.rpm && rpm -U --noverify z.rpm\n`,
      findings: [
        { message: M('rpm --nosignature'), range: [1, 13, 1, 26], aliases: ['CKV2_DOCKER_10'] },
        { message: M('rpm --nodigest'), range: [1, 43, 1, 53] },
        { message: M('rpm --nofiledigest'), range: [1, 54, 1, 68] },
        { message: M('rpm --noverify'), range: [1, 85, 1, 95] },
      ],
      output: `${R}RUN rpm -ivh x.rpm && rpm -i y.rpm && rpm -U z.rpm\n`,
    },
    {
      name: 'zypper --no-gpg-checks',
      code: 'FROM opensuse/leap:15.6\nRUN zypper --no-gpg-checks install -y x\n',
      findings: [{ message: M('zypper --no-gpg-checks'), range: [1, 11, 1, 26], aliases: [] }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper install -y x\n',
    },
    {
      name: 'gpgcheck=0 and trusted=yes written: no fix',
      code: `${R}RUN echo "gpgcheck=0" >> /etc/yum.repos.d/x.repo && sed -i "s/gpgcheck=1/gpgcheck=0/" /etc/yum.conf\nRUN echo "deb [trusted=yes] http://x/ ./" > /etc/apt/sources.list.d/x.list\n`,
      findings: [
        { message: M('gpgcheck=0'), range: [1, 9, 1, 21], aliases: [] },
        { message: M('gpgcheck=0'), range: [1, 59, 1, 85], aliases: [] },
        { message: M('[trusted=yes]'), range: [2, 9, 2, 41], aliases: [] },
      ],
    },
    {
      name: 'a flag from an ARG: no fix',
      code: `${A}ARG APK_FLAGS=--allow-untrusted\nRUN apk add $APK_FLAGS /tmp/x.apk\n`,
      findings: [{ message: M('apk --allow-untrusted'), range: [2, 12, 2, 22] }],
    },
    {
      name: 'exec form',
      code: `${A}RUN ["apk", "add", "--allow-untrusted", "/tmp/x.apk"]\n`,
      findings: [{ message: M('apk --allow-untrusted'), range: [1, 19, 1, 38] }],
      output: `${A}RUN ["apk", "add", "/tmp/x.apk"]\n`,
    },
    {
      name: 'continuation lines',
      code: `${A}RUN apk add \\\n    --allow-untrusted \\\n    /tmp/x.apk\n`,
      findings: [{ message: M('apk --allow-untrusted'), range: [2, 4, 2, 21] }],
      output: `${A}RUN apk add \\\n    /tmp/x.apk\n`,
    },
    {
      name: 'heredoc with sudo, in a build stage',
      code: 'FROM alpine:3.20 AS build\nRUN <<EOF\nsudo apk add --allow-untrusted /tmp/x.apk\nEOF\nFROM scratch\n',
      findings: [{ message: M('apk --allow-untrusted'), range: [2, 13, 2, 30] }],
      output: 'FROM alpine:3.20 AS build\nRUN <<EOF\nsudo apk add /tmp/x.apk\nEOF\nFROM scratch\n',
    },
  ],
});
