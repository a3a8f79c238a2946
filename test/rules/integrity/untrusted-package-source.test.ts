import { untrustedPackageSource } from '../../../server/src/rules/integrity/untrusted-package-source';
import { ruleTester } from '../../harness/rule-tester';

const D = 'FROM debian:12\n';
const R = 'FROM fedora:40\n';
const P = 'FROM python:3.12-slim\n';
const FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';

ruleTester(untrustedPackageSource, {
  valid: [
    { name: 'apt over plain HTTP checks Release signatures: not flagged', code: `${D}RUN echo "deb http://deb.debian.org/debian bookworm main" > /etc/apt/sources.list.d/x.list && add-apt-repository 'deb http://x.example/ bookworm main'\n` },
    { name: 'apk over plain HTTP checks index signatures: not flagged', code: 'FROM alpine:3.20\nRUN echo http://dl-cdn.alpinelinux.org/alpine/v3.20/main >> /etc/apk/repositories\n' },
    { name: 'a yum base URL over plain HTTP with gpgcheck on', code: `${R}RUN dnf config-manager --add-repo http://y.example/el9/ && cat <<EOF > /etc/yum.repos.d/y.repo\n[y]\nbaseurl=http://y.example/\ngpgcheck=1\nEOF\n` },
    { name: 'HTTPS indexes and this machine over HTTP', code: `${P}RUN pip install -i https://pypi.example/simple x && pip install --index-url http://localhost:3141/simple y && npm install --registry http://127.0.0.1:4873 z\n` },
    { name: 'pip with --require-hashes', code: `${P}RUN pip install --require-hashes -i http://pypi.example/simple -r requirements.txt\n` },
    { name: 'a key over HTTPS with its fingerprint checked', code: `${D}RUN curl -fsSL https://y.example/key.gpg -o /tmp/k && gpg --show-keys --with-fingerprint /tmp/k && gpg --dearmor -o /usr/share/keyrings/y.gpg /tmp/k\nRUN curl -fsSL https://z.example/key.gpg | apt-key add - && apt-key fingerprint ABCD\n` },
    { name: 'a key fetched by its full fingerprint', code: `${D}RUN apt-key adv --keyserver hkps://keyserver.ubuntu.com --recv-keys ${FINGERPRINT}\n` },
    { name: 'what package-signature-check-disabled reports is not reported again', code: `${D}RUN echo 'deb [trusted=yes] http://y/ ./' >> /etc/apt/sources.list && apt-get update --allow-insecure-repositories\nRUN echo gpgcheck=0 >> /etc/yum.conf && dnf --setopt=gpgcheck=0 install -y x\n` },
    { name: 'the words as arguments of other commands', code: `${D}RUN echo "see http://example.com" && grep -r trusted=yes /etc/apt || true\n` },
    { name: 'an index variable without a value', code: `${P}ARG INDEX\nRUN pip install -i $INDEX x\n` },
    { name: 'a heredoc without untrusting settings', code: `${D}COPY <<EOF /etc/apt/sources.list.d/x.list\ndeb [signed-by=/usr/share/keyrings/x.gpg] http://x.example/ ./\nEOF\n` },
  ],
  invalid: [
    {
      name: 'apt source options in a cat heredoc: alone, last, first',
      code: "FROM debian:12\nRUN cat <<EOF > /etc/apt/sources.list.d/x.list\ndeb [trusted=yes] http://x.example/ ./\ndeb [arch=amd64 trusted=yes] http://y.example/ ./\ndeb [allow-insecure=yes arch=amd64] http://z.example/ ./\nEOF\n",
      findings: [
        { message: "trusted=yes written to /etc/apt/sources.list.d/x.list makes apt accept the repository without a valid signature.", range: [2, 4, 2, 18] },
        { message: "trusted=yes written to /etc/apt/sources.list.d/x.list makes apt accept the repository without a valid signature.", range: [3, 15, 3, 27] },
        { message: "allow-insecure=yes written to /etc/apt/sources.list.d/x.list makes apt accept the repository without a valid signature.", range: [4, 5, 4, 24] },
      ],
      output: "FROM debian:12\nRUN cat <<EOF > /etc/apt/sources.list.d/x.list\ndeb http://x.example/ ./\ndeb [arch=amd64] http://y.example/ ./\ndeb [arch=amd64] http://z.example/ ./\nEOF\n",
    },
    {
      name: 'allow-insecure=yes written by echo (trusted=yes there is package-signature-check-disabled\'s)',
      code: "FROM debian:12\nRUN echo \"deb [allow-insecure=yes] http://x.example/ ./\" > /etc/apt/sources.list.d/x.list && echo 'deb [trusted=yes] http://y/ ./' >> /etc/apt/sources.list\n",
      findings: [
        { message: "allow-insecure=yes written to /etc/apt/sources.list.d/x.list makes apt accept the repository without a valid signature.", range: [1, 9, 1, 56] },
      ],
      output: "FROM debian:12\nRUN echo \"deb http://x.example/ ./\" > /etc/apt/sources.list.d/x.list && echo 'deb [trusted=yes] http://y/ ./' >> /etc/apt/sources.list\n",
    },
    {
      name: 'add-apt-repository with [trusted=yes]',
      code: "FROM debian:12\nRUN add-apt-repository 'deb [trusted=yes] http://x.example/ bookworm main'\n",
      findings: [
        { message: "trusted=yes added by add-apt-repository makes apt accept the repository without a valid signature.", range: [1, 23, 1, 74] },
      ],
      output: "FROM debian:12\nRUN add-apt-repository 'deb http://x.example/ bookworm main'\n",
    },
    {
      name: 'gpgcheck=0 in COPY <<EOF',
      code: "FROM fedora:40\nCOPY <<EOF /etc/yum.repos.d/x.repo\n[x]\nbaseurl=http://x.example/\ngpgcheck=0\nrepo_gpgcheck = 0\nEOF\n",
      findings: [
        { message: "gpgcheck=0 written to /etc/yum.repos.d/x.repo turns off package signature checks for the repository.", range: [4, 9, 4, 10] },
        { message: "repo_gpgcheck=0 written to /etc/yum.repos.d/x.repo turns off package signature checks for the repository.", range: [5, 16, 5, 17] },
      ],
      output: "FROM fedora:40\nCOPY <<EOF /etc/yum.repos.d/x.repo\n[x]\nbaseurl=http://x.example/\ngpgcheck=1\nrepo_gpgcheck = 1\nEOF\n",
    },
    {
      name: 'repository definitions downloaded over plain HTTP',
      code: "FROM fedora:40\nRUN yum-config-manager --add-repo http://x.example/x.repo && dnf config-manager --add-repo=http://z.example/z.repo\nRUN curl -o /etc/yum.repos.d/x.repo http://x.example/x.repo\n",
      findings: [
        { message: "yum-config-manager downloads the repository definition http://x.example/x.repo over plain HTTP, where its signing settings can be changed.", range: [1, 23, 1, 57] },
        { message: "dnf downloads the repository definition http://z.example/z.repo over plain HTTP, where its signing settings can be changed.", range: [1, 80, 1, 114] },
        { message: "curl downloads the repository definition /etc/yum.repos.d/x.repo from http://x.example/x.repo over plain HTTP, where its signing settings can be changed.", range: [2, 36, 2, 59] },
      ],
    },
    {
      name: 'signing keys over plain HTTP are errors',
      code: "FROM debian:12\nRUN curl -fsSL http://x.example/key.gpg | apt-key add -\nRUN wget -qO /usr/share/keyrings/x.asc http://x.example/key.asc\nRUN rpm --import http://x.example/RPM-GPG-KEY\n",
      findings: [
        { message: "The signing key added with apt-key add comes from http://x.example/key.gpg over plain HTTP, so anyone on the path can replace it.", range: [1, 15, 1, 39], severity: 'error' },
        { message: "The signing key saved as /usr/share/keyrings/x.asc comes from http://x.example/key.asc over plain HTTP, so anyone on the path can replace it.", range: [2, 39, 2, 63], severity: 'error' },
        { message: "The signing key imported by rpm comes from http://x.example/RPM-GPG-KEY over plain HTTP, so anyone on the path can replace it.", range: [3, 17, 3, 45], severity: 'error' },
      ],
    },
    {
      name: 'signing keys over HTTPS without a fingerprint check are information',
      code: "FROM debian:12\nRUN curl -fsSL https://y.example/key.gpg | apt-key add -\nRUN curl -fsSL https://download.docker.com/linux/debian/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg\n",
      findings: [
        { message: "The signing key added with apt-key add comes from https://y.example/key.gpg and is trusted without a fingerprint check.", range: [1, 15, 1, 40], severity: 'info' },
        { message: "The signing key saved as /etc/apt/keyrings/docker.gpg comes from https://download.docker.com/linux/debian/gpg and is trusted without a fingerprint check.", range: [2, 15, 2, 59], severity: 'info' },
      ],
    },
    {
      name: 'short key IDs',
      code: "FROM debian:12\nRUN apt-key adv --keyserver keyserver.ubuntu.com --recv-keys 0x7FCC7D46ACCC4CF8 ABCDEF12\n",
      findings: [
        { message: "apt-key fetches the key 0x7FCC7D46ACCC4CF8 by a short ID, which other keys on the key server can share.", range: [1, 61, 1, 79] },
        { message: "apt-key fetches the key ABCDEF12 by a short ID, which other keys on the key server can share.", range: [1, 80, 1, 88] },
      ],
    },
    {
      name: 'pip and a build argument',
      code: "FROM python:3.12-slim\nARG INDEX=http://pypi.internal/simple\nRUN pip install -i http://pypi.example/simple x && pip install --extra-index-url=$INDEX y\nRUN python -m pip install -ihttp://p.example/simple q\n",
      findings: [
        { message: "pip -i http://pypi.example/simple fetches packages over plain HTTP, with nothing to check them against.", range: [2, 16, 2, 45] },
        { message: "pip --extra-index-url http://pypi.internal/simple fetches packages over plain HTTP, with nothing to check them against.", range: [2, 63, 2, 87] },
        { message: "pip -i http://p.example/simple fetches packages over plain HTTP, with nothing to check them against.", range: [3, 26, 3, 51] },
      ],
    },
    {
      name: 'config set, npm, yarn, gem',
      code: "FROM node:20\nRUN pip config set global.index-url http://pypi.example/simple && npm config set registry http://npm.example/ && yarn add x --registry http://y.example\nRUN npm install --registry=http://npm.example/ x && gem install rails --source http://gems.example && gem sources -a http://g.example/\n",
      findings: [
        { message: "pip config global.index-url http://pypi.example/simple fetches packages over plain HTTP, with nothing to check them against.", range: [1, 19, 1, 62] },
        { message: "npm config registry http://npm.example/ fetches packages over plain HTTP, with nothing to check them against.", range: [1, 81, 1, 109] },
        { message: "yarn --registry http://y.example fetches packages over plain HTTP, with nothing to check them against.", range: [1, 124, 1, 151] },
        { message: "npm --registry http://npm.example/ fetches packages over plain HTTP, with nothing to check them against.", range: [2, 16, 2, 46] },
        { message: "gem --source http://gems.example fetches packages over plain HTTP, with nothing to check them against.", range: [2, 70, 2, 98] },
        { message: "gem -a http://g.example/ fetches packages over plain HTTP, with nothing to check them against.", range: [2, 114, 2, 134] },
      ],
    },
    {
      name: 'ENV and ARG index variables',
      code: "FROM python:3.12-slim\nENV PIP_INDEX_URL=http://pypi.example/simple npm_config_registry=https://r.example\nARG NPM_CONFIG_REGISTRY=http://npm.example/\n",
      findings: [
        { message: "ENV PIP_INDEX_URL=http://pypi.example/simple fetches packages over plain HTTP, with nothing to check them against.", range: [1, 4, 1, 44] },
        { message: "ARG NPM_CONFIG_REGISTRY=http://npm.example/ fetches packages over plain HTTP, with nothing to check them against.", range: [2, 4, 2, 43] },
      ],
    },
    {
      name: '.npmrc, pip.conf by printf, apt.conf by heredoc and echo',
      code: "FROM node:20\nRUN echo \"registry=http://npm.example/\" > ~/.npmrc && printf '[global]\\nindex-url = http://p.example/simple\\n' > /etc/pip.conf\nRUN cat > /etc/apt/apt.conf.d/99x <<'EOF'\nAPT::Get::AllowUnauthenticated \"true\";\nAcquire::AllowInsecureRepositories \"1\";\nEOF\nRUN echo 'Acquire::AllowInsecureRepositories \"true\";' > /etc/apt/apt.conf.d/99y\n",
      findings: [
        { message: "registry http://npm.example/ written to ~/.npmrc fetches packages over plain HTTP, with nothing to check them against.", range: [1, 9, 1, 39] },
        { message: "index-url http://p.example/simple written to /etc/pip.conf fetches packages over plain HTTP, with nothing to check them against.", range: [1, 61, 1, 110] },
        { message: "APT::Get::AllowUnauthenticated \"true\" written to /etc/apt/apt.conf.d/99x makes apt accept the repository without a valid signature.", range: [3, 32, 3, 36] },
        { message: "Acquire::AllowInsecureRepositories \"1\" written to /etc/apt/apt.conf.d/99x makes apt accept the repository without a valid signature.", range: [4, 36, 4, 37] },
        { message: "Acquire::AllowInsecureRepositories \"true\" written to /etc/apt/apt.conf.d/99y makes apt accept the repository without a valid signature.", range: [6, 9, 6, 53] },
      ],
      output: "FROM node:20\nRUN echo \"registry=http://npm.example/\" > ~/.npmrc && printf '[global]\\nindex-url = http://p.example/simple\\n' > /etc/pip.conf\nRUN cat > /etc/apt/apt.conf.d/99x <<'EOF'\nAPT::Get::AllowUnauthenticated \"false\";\nAcquire::AllowInsecureRepositories \"false\";\nEOF\nRUN echo 'Acquire::AllowInsecureRepositories \"false\";' > /etc/apt/apt.conf.d/99y\n",
      afterFix: [
        { message: "registry http://npm.example/ written to ~/.npmrc fetches packages over plain HTTP, with nothing to check them against.", range: [1, 9, 1, 39] },
        { message: "index-url http://p.example/simple written to /etc/pip.conf fetches packages over plain HTTP, with nothing to check them against.", range: [1, 61, 1, 110] },
      ],
    },
    {
      name: 'heredoc RUN with a deb822 source and tee',
      code: "FROM debian:12\nRUN <<EOT\nset -e\ncat > /etc/apt/sources.list.d/x.sources <<EOF\nTypes: deb\nURIs: http://x.example/\nTrusted: yes\nEOF\ntee /etc/pip.conf <<EOF\n[global]\nindex-url=http://pypi.example/simple\nEOF\nEOT\n",
      findings: [
        { message: "Trusted: yes written to /etc/apt/sources.list.d/x.sources makes apt accept the repository without a valid signature.", range: [6, 9, 6, 12] },
        { message: "index-url http://pypi.example/simple written to /etc/pip.conf fetches packages over plain HTTP, with nothing to check them against.", range: [10, 10, 10, 36] },
      ],
      output: "FROM debian:12\nRUN <<EOT\nset -e\ncat > /etc/apt/sources.list.d/x.sources <<EOF\nTypes: deb\nURIs: http://x.example/\nTrusted: no\nEOF\ntee /etc/pip.conf <<EOF\n[global]\nindex-url=http://pypi.example/simple\nEOF\nEOT\n",
      afterFix: [
        { message: "index-url http://pypi.example/simple written to /etc/pip.conf fetches packages over plain HTTP, with nothing to check them against.", range: [10, 10, 10, 36] },
      ],
    },
    {
      name: 'exec form',
      code: "FROM python:3.12-slim\nRUN [\"pip\", \"install\", \"--index-url\", \"http://p.example/simple\", \"x\"]\n",
      findings: [
        { message: "pip --index-url http://p.example/simple fetches packages over plain HTTP, with nothing to check them against.", range: [1, 23, 1, 63] },
      ],
    },
    {
      name: 'multi-stage: a build stage and the final stage',
      code: "FROM python:3.12-slim AS build\nRUN pip wheel -w /wheels --index-url http://p.example/simple x\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --no-index --find-links /wheels x && pip install --extra-index-url http://q.example/simple y\n",
      findings: [
        { message: "pip --index-url http://p.example/simple fetches packages over plain HTTP, with nothing to check them against.", range: [1, 25, 1, 60] },
        { message: "pip --extra-index-url http://q.example/simple fetches packages over plain HTTP, with nothing to check them against.", range: [4, 65, 4, 106] },
      ],
    },
    {
      name: 'continuation lines',
      code: "FROM debian:12\nRUN echo \"deb [arch=amd64 allow-insecure=yes] http://x.example/ ./\" \\\n      > /etc/apt/sources.list.d/x.list \\\n && apt-get update\n",
      findings: [
        { message: "allow-insecure=yes written to /etc/apt/sources.list.d/x.list makes apt accept the repository without a valid signature.", range: [1, 9, 1, 67] },
      ],
      output: "FROM debian:12\nRUN echo \"deb [arch=amd64] http://x.example/ ./\" \\\n      > /etc/apt/sources.list.d/x.list \\\n && apt-get update\n",
    },
    {
      name: 'keys saved into keyring folders by wget -P and curl -o',
      code: "FROM debian:12\nRUN wget -P /usr/share/keyrings http://x.example/x.gpg && curl -fsSLo /etc/apt/keyrings/y.asc https://y.example/y.asc\n",
      findings: [
        { message: "The signing key saved as /usr/share/keyrings/x.gpg comes from http://x.example/x.gpg over plain HTTP, so anyone on the path can replace it.", range: [1, 32, 1, 54], severity: 'error' },
        { message: "The signing key saved as /etc/apt/keyrings/y.asc comes from https://y.example/y.asc and is trusted without a fingerprint check.", range: [1, 94, 1, 117], severity: 'info' },
      ],
    },
    {
      name: 'an ARG hides the plain-HTTP key URL',
      code: "FROM debian:12\nARG KEY_URL=http://x.example/key.gpg\nRUN curl -fsSL \"$KEY_URL\" | gpg --dearmor -o /usr/share/keyrings/x.gpg\n",
      findings: [
        { message: "The signing key saved as /usr/share/keyrings/x.gpg comes from http://x.example/key.gpg over plain HTTP, so anyone on the path can replace it.", range: [2, 15, 2, 25], severity: 'error' },
      ],
    },
  ],
});
