import { rootUser } from '../../server/src/rules/root-user';
import { ruleTester } from '../harness/rule-tester';

const NO_USER = 'The container runs as root: no USER instruction sets a non-root user in the final stage.';
const DEBIAN_USER = 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app';
const RHEL_USER = 'RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /sbin/nologin app';
const ALPINE_USER = 'RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app';

ruleTester(rootUser, {
  valid: [
    { name: 'numeric non-root USER', code: 'FROM alpine:3.20\nUSER 10001:10001\nCMD ["sh"]\n' },
    { name: 'named non-root USER', code: 'FROM alpine:3.20\nUSER app\n' },
    { name: 'build stages may run as root', code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER 65532\n' },
    { name: 'inherits a non-root USER from its parent stage', code: 'FROM alpine:3.20 AS base\nUSER app\nFROM base\nCMD ["sh"]\n' },
    { name: 'USER from a build argument without default is unknown', code: 'FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n' },
    { name: 'USER from a variable the base image may set is unknown', code: 'FROM alpine:3.20\nUSER ${RUN_AS}\n' },
    { name: 'distroless nonroot image', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n' },
    { name: 'root for a while, then not', code: 'FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER 1000\n' },
    { name: 'no FROM at all', code: 'ARG X=1\n' },
    { name: 'a Windows image with a user', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n' },
    { name: 'USER with ${VAR:-default} from an ARG without default is unknown', code: 'FROM alpine:3.20\nARG U\nUSER ${U:-root}\n' },
    { name: 'USER from an ARG with a non-root default', code: 'FROM alpine:3.20\nARG U=app\nUSER $U\n' },
    { name: 'the parent stage sets a non-root USER and the final stage keeps it', code: 'FROM debian:12 AS build\nRUN useradd -u 1000 app\nUSER 1000\nFROM build\nCOPY x /x\nCMD ["x"]\n' },
    { name: 'a distroless debug-nonroot image', code: 'FROM gcr.io/distroless/base:debug-nonroot\nCMD ["sh"]\n' },
    { name: 'a Chainguard image', code: 'FROM cgr.dev/chainguard/node:latest\nCMD ["server.js"]\n' },
  ],
  invalid: [
    {
      name: 'Debian: creates a user, chowns WORKDIR copies, USER before CMD',
      code: 'FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY config /etc/app/\nRUN npm ci\nCOPY --chown=1:1 src ./src\nADD . /app/\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 29] }],
      fixTitle: 'Add a non-root USER',
      output:
        'FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY --chown=10001:10001 package.json ./\nCOPY config /etc/app/\nRUN npm ci\nCOPY --chown=1:1 src ./src\n' +
        `ADD --chown=10001:10001 . /app/\nEXPOSE 3000\n${DEBIAN_USER} && chown 10001:10001 /app\nUSER 10001:10001\nCMD ["node", "server.js"]\n`,
    },
    {
      name: 'the last line continues into the end of the file: the dangling backslash goes, the USER stays out of the ENV',
      code: 'FROM debian:bookworm-slim\nENV a=b \\',
      findings: [{ message: NO_USER, range: [0, 5, 0, 25] }],
      output: `FROM debian:bookworm-slim\nENV a=b\n${DEBIAN_USER}\nUSER 10001:10001\n`,
    },
    {
      name: 'a continuation left open before empty and comment lines at the end, CRLF',
      code: 'FROM debian:bookworm-slim\r\nRUN apt-get update \\  \r\n\r\n# done\r\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 25] }],
      output: `FROM debian:bookworm-slim\r\nRUN apt-get update\r\n\r\n# done\r\n${DEBIAN_USER}\r\nUSER 10001:10001\r\n`,
    },
    {
      name: 'a last line ending in two backslashes would still continue without one: no fix',
      code: 'FROM debian:bookworm-slim\nRUN echo a \\\\',
      findings: [{ message: NO_USER, range: [0, 5, 0, 25] }],
    },
    {
      name: 'a lone CR in the last instruction: the editor\'s lines are not Docker\'s, no fix',
      code: 'FROM debian:bookworm-slim\nRUN echo a \\\r#b',
      findings: [{ message: NO_USER, range: [0, 5, 0, 25] }],
    },
    {
      name: 'Windows: a heredoc left open at the end of the file takes whatever is appended: no fix',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN <<EOF\necho hi\n',
      findings: [{ message: 'The container runs as ContainerAdministrator: no USER instruction sets an unprivileged user.', range: [0, 5, 0, 50] }],
    },
    {
      name: 'Alpine: addgroup/adduser, appended at the end without a trailing newline',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      findings: [{ message: NO_USER, range: [0, 5, 0, 16] }],
      output: `FROM alpine:3.20\nRUN apk add --no-cache curl\n${ALPINE_USER}\nUSER 10001:10001\n`,
    },
    {
      name: 'BusyBox',
      code: 'FROM busybox:1.36\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 17] }],
      output: `FROM busybox:1.36\nCOPY app /app\n${ALPINE_USER}\nUSER 10001:10001\nENTRYPOINT ["/app"]\n`,
    },
    {
      name: 'RHEL family',
      code: 'FROM rockylinux:9\nCMD ["bash"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 17] }],
      output: `FROM rockylinux:9\n${RHEL_USER}\nUSER 10001:10001\nCMD ["bash"]\n`,
    },
    {
      name: 'UBI minimal installs shadow-utils first',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nCMD ["bash"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 52] }],
      output:
        'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\n' +
        'RUN microdnf install -y shadow-utils && microdnf clean all && groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /sbin/nologin app\n' +
        'USER 10001:10001\nCMD ["bash"]\n',
    },
    {
      name: 'distroless without :nonroot gets 65532 and no user creation',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 38] }],
      output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'scratch gets 65532',
      code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 12] }],
      output: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'unknown OS: a numeric USER only',
      code: 'FROM myorg/base:1.0\nCMD ["run"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 19] }],
      output: 'FROM myorg/base:1.0\nUSER 10001:10001\nCMD ["run"]\n',
    },
    {
      name: 'USER root',
      code: 'FROM alpine:3.20\nUSER root\n',
      findings: [{ message: 'The container runs as root: USER root is the last USER of the final stage.', range: [1, 5, 1, 9] }],
      output: `FROM alpine:3.20\nUSER root\n${ALPINE_USER}\nUSER 10001:10001\n`,
    },
    {
      name: 'USER 0 and USER root:root',
      code: 'FROM alpine:3.20 AS a\nUSER 0\nFROM alpine:3.20\nUSER root:root\n',
      findings: [{ message: 'The container runs as root: USER root:root is the last USER of the final stage.', range: [3, 5, 3, 14] }],
      output: `FROM alpine:3.20 AS a\nUSER 0\nFROM alpine:3.20\nUSER root:root\n${ALPINE_USER}\nUSER 10001:10001\n`,
    },
    {
      name: 'USER 0:0 from a build argument default',
      code: 'FROM alpine:3.20\nARG UID=0\nUSER $UID:0\n',
      findings: [{ message: 'The container runs as root: USER $UID:0 is the last USER of the final stage.', range: [2, 5, 2, 11] }],
      output: `FROM alpine:3.20\nARG UID=0\nUSER $UID:0\n${ALPINE_USER}\nUSER 10001:10001\n`,
    },
    {
      name: 'inherits root from the parent stage',
      code: 'FROM debian:bookworm AS base\nUSER root\nFROM base\nCMD ["bash"]\n',
      findings: [{ message: 'The container runs as root: USER root in stage "base" is the last USER of the final stage.', range: [1, 5, 1, 9] }],
      output: `FROM debian:bookworm AS base\nUSER root\nFROM base\n${DEBIAN_USER}\nUSER 10001:10001\nCMD ["bash"]\n`,
    },
    {
      name: 'switches back to a user the Dockerfile created with useradd -u',
      code: 'FROM debian:bookworm\nRUN groupadd -g 1500 web && useradd -u 1500 -g web -m web\nCOPY . /srv\nCMD ["serve"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 20] }],
      fixTitle: 'Switch to the existing user "web"',
      output: 'FROM debian:bookworm\nRUN groupadd -g 1500 web && useradd -u 1500 -g web -m web\nCOPY . /srv\nUSER 1500:1500\nCMD ["serve"]\n',
    },
    {
      name: 'switches back to an Alpine adduser user by name',
      code: 'FROM alpine:3.20\nRUN adduser -D worker\nWORKDIR /home/worker\nCOPY run.sh .\nCMD ["./run.sh"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 16] }],
      output: 'FROM alpine:3.20\nRUN adduser -D worker\nWORKDIR /home/worker\nCOPY --chown=worker run.sh .\nRUN chown worker /home/worker\nUSER worker\nCMD ["./run.sh"]\n',
    },
    {
      name: 'switches back to the earlier non-root USER',
      code: 'FROM node:20-alpine\nUSER node\nRUN npm ci\nUSER root\nRUN apk add curl\nCMD ["node", "."]\n',
      findings: [{ message: 'The container runs as root: USER root is the last USER of the final stage.', range: [3, 5, 3, 9] }],
      output: 'FROM node:20-alpine\nUSER node\nRUN npm ci\nUSER root\nRUN apk add curl\nUSER node\nCMD ["node", "."]\n',
    },
    {
      name: 'an entrypoint that drops privileges with gosu: info',
      code: 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      findings: [{ message: 'The container starts as root; installing gosu suggests the entrypoint drops privileges: make sure it does.', range: [0, 5, 0, 20], severity: 'info' }],
      output: `FROM debian:bookworm\nRUN apt-get update && apt-get install -y gosu\n${DEBIAN_USER}\nUSER 10001:10001\nENTRYPOINT ["docker-entrypoint.sh"]\n`,
    },
    {
      name: 'su-exec in the command: info',
      code: 'FROM alpine:3.20\nCMD ["su-exec", "app", "server"]\n',
      findings: [{ message: 'The container starts as root; su-exec suggests the entrypoint drops privileges: make sure it does.', range: [0, 5, 0, 16], severity: 'info' }],
      output: `FROM alpine:3.20\n${ALPINE_USER}\nUSER 10001:10001\nCMD ["su-exec", "app", "server"]\n`,
    },
    {
      name: 'CRLF files keep CRLF, indentation is kept',
      code: 'FROM alpine:3.20\r\n  CMD ["sh"]\r\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 16] }],
      output: `FROM alpine:3.20\r\n  ${ALPINE_USER}\r\n  USER 10001:10001\r\n  CMD ["sh"]\r\n`,
    },
    {
      name: 'Windows: ContainerUser',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["cmd"]\n',
      findings: [{ message: 'The container runs as ContainerAdministrator: no USER instruction sets an unprivileged user.', range: [0, 5, 0, 50] }],
      fixTitle: 'Run as ContainerUser',
      output: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\nCMD ["cmd"]\n',
    },
    {
      name: 'no fix that an unterminated heredoc would swallow',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add curl\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 16] }],
    },
    {
      name: 'USER 0',
      code: 'FROM alpine:3.20\nUSER 0\nCMD ["sh"]\n',
      findings: [
        { message: 'The container runs as root: USER 0 is the last USER of the final stage.', range: [1, 5, 1, 6] },
      ],
      output: 'FROM alpine:3.20\nUSER 0\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD ["sh"]\n',
    },
    {
      name: 'USER 0:0',
      code: 'FROM alpine:3.20\nUSER 0:0\n',
      findings: [
        { message: 'The container runs as root: USER 0:0 is the last USER of the final stage.', range: [1, 5, 1, 8] },
      ],
      output: 'FROM alpine:3.20\nUSER 0:0\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\n',
    },
    {
      name: 'USER from an ARG whose default is root',
      code: 'FROM alpine:3.20\nARG RUN_AS=root\nUSER $RUN_AS\n',
      findings: [
        { message: 'The container runs as root: USER $RUN_AS is the last USER of the final stage.', range: [2, 5, 2, 12] },
      ],
      output: 'FROM alpine:3.20\nARG RUN_AS=root\nUSER $RUN_AS\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\n',
    },
    {
      name: 'a non-root USER in the parent, root in the final stage: switches back',
      code: 'FROM alpine:3.20 AS base\nUSER app\nFROM base\nUSER root\n',
      findings: [
        { message: 'The container runs as root: USER root is the last USER of the final stage.', range: [3, 5, 3, 9] },
      ],
      output: 'FROM alpine:3.20 AS base\nUSER app\nFROM base\nUSER root\nUSER app\n',
    },
    {
      name: 'distroless :nonroot switched to root',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nUSER root\n',
      findings: [
        { message: 'The container runs as root: USER root is the last USER of the final stage.', range: [1, 5, 1, 9] },
      ],
      output: 'FROM gcr.io/distroless/static-debian12:nonroot\nUSER root\nUSER 65532:65532\n',
    },
    {
      name: 'before the final CMD of a file without a trailing newline',
      code: 'FROM ubuntu:24.04\nCMD ["bash"]',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 17] },
      ],
      output: 'FROM ubuntu:24.04\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\nCMD ["bash"]',
    },
    {
      name: 'appended at the end of a CRLF file',
      code: 'FROM ubuntu:24.04\r\nRUN true\r\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 17] },
      ],
      output: 'FROM ubuntu:24.04\r\nRUN true\r\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\r\nUSER 10001:10001\r\n',
    },
    {
      name: 'appended at the end of a file without a trailing newline',
      code: 'FROM ubuntu:24.04\nRUN true',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 17] },
      ],
      output: 'FROM ubuntu:24.04\nRUN true\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\n',
    },
    {
      name: 'before ENTRYPOINT and CMD, past EXPOSE and HEALTHCHECK',
      code: 'FROM ubuntu:24.04\nRUN true\nENTRYPOINT ["b"]\nEXPOSE 80\nCMD ["a"]\nHEALTHCHECK CMD true\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 17] },
      ],
      output: 'FROM ubuntu:24.04\nRUN true\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\nENTRYPOINT ["b"]\nEXPOSE 80\nCMD ["a"]\nHEALTHCHECK CMD true\n',
    },
    {
      name: 'a CMD followed by a RUN: appended',
      code: 'FROM ubuntu:24.04\nCMD ["a"]\nRUN true\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 17] },
      ],
      output: 'FROM ubuntu:24.04\nCMD ["a"]\nRUN true\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\n',
    },
    {
      name: '--chown under a WORKDIR from a variable, then a relative WORKDIR',
      code: 'FROM alpine:3.20\nARG DIR=/srv\nWORKDIR $DIR\nWORKDIR app\nCOPY a /srv/app/a\nCOPY b /srv/other\nCOPY c ./\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 16] },
      ],
      output: 'FROM alpine:3.20\nARG DIR=/srv\nWORKDIR $DIR\nWORKDIR app\nCOPY --chown=10001:10001 a /srv/app/a\nCOPY b /srv/other\nCOPY --chown=10001:10001 c ./\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app && chown 10001:10001 /srv/app\nUSER 10001:10001\n',
    },
    {
      name: 'no --chown for a destination through a variable outside WORKDIR',
      code: 'FROM debian:12\nENV CONF=/etc/app\nWORKDIR /app\nCOPY a $CONF/\nCOPY b .\nCMD ["x"]\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 14] },
      ],
      output: 'FROM debian:12\nENV CONF=/etc/app\nWORKDIR /app\nCOPY a $CONF/\nCOPY --chown=10001:10001 b .\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && chown 10001:10001 /app\nUSER 10001:10001\nCMD ["x"]\n',
    },
    {
      name: '--chown under a quoted WORKDIR, not beside it',
      code: 'FROM debian:12\nWORKDIR "/app"\nCOPY a /app/x\nCOPY b /application/\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 14] },
      ],
      output: 'FROM debian:12\nWORKDIR "/app"\nCOPY --chown=10001:10001 a /app/x\nCOPY b /application/\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && chown 10001:10001 /app\nUSER 10001:10001\n',
    },
    {
      name: '--chown under the WORKDIR of the parent stage',
      code: 'FROM alpine:3.20 AS base\nWORKDIR /srv\nFROM base\nCOPY x .\nCOPY y /srv/y\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [2, 5, 2, 9] },
      ],
      output: 'FROM alpine:3.20 AS base\nWORKDIR /srv\nFROM base\nCOPY --chown=10001:10001 x .\nCOPY --chown=10001:10001 y /srv/y\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app && chown 10001:10001 /srv\nUSER 10001:10001\n',
    },
    {
      name: '--chown on exec-form COPY and COPY --from, not on a heredoc',
      code: 'FROM debian:12\nWORKDIR /app\nCOPY ["a b", "./"]\nCOPY --from=build /out ./\nCOPY <<EOF ./conf\nhi\nEOF\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 14] },
      ],
      output: 'FROM debian:12\nWORKDIR /app\nCOPY --chown=10001:10001 ["a b", "./"]\nCOPY --chown=10001:10001 --from=build /out ./\nCOPY <<EOF ./conf\nhi\nEOF\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app && chown 10001:10001 /app\nUSER 10001:10001\n',
    },
    {
      name: 'a working directory with a space is quoted for chown',
      code: 'FROM debian:12\nWORKDIR "/srv/my app"\nCMD ["x"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 14] }],
      output: `FROM debian:12\nWORKDIR "/srv/my app"\n${DEBIAN_USER} && chown 10001:10001 '/srv/my app'\nUSER 10001:10001\nCMD ["x"]\n`,
    },
    {
      name: 'distroless has no shell to chown the working directory with: USER only',
      code: 'FROM gcr.io/distroless/static-debian12\nWORKDIR /app\nCOPY app .\nCMD ["/app/app"]\n',
      findings: [{ message: NO_USER, range: [0, 5, 0, 38] }],
      output: 'FROM gcr.io/distroless/static-debian12\nWORKDIR /app\nCOPY --chown=65532:65532 app .\nUSER 65532:65532\nCMD ["/app/app"]\n',
    },
    {
      name: 'no --chown without a WORKDIR, or with WORKDIR /',
      code: 'FROM alpine:3.20\nCOPY a .\nWORKDIR /\nCOPY b .\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 16] },
      ],
      output: 'FROM alpine:3.20\nCOPY a .\nWORKDIR /\nCOPY b .\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\n',
    },
    {
      name: 'a user added with useradd --uid=',
      code: 'FROM debian:12\nRUN useradd --uid=2000 --gid=2000 svc\nCMD ["x"]\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 14] },
      ],
      output: 'FROM debian:12\nRUN useradd --uid=2000 --gid=2000 svc\nUSER 2000:2000\nCMD ["x"]\n',
    },
    {
      name: 'a user and group by name',
      code: 'FROM debian:12\nRUN groupadd -r app && useradd -r -g app app\nWORKDIR /app\nCOPY . .\nCMD ["x"]\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 14] },
      ],
      output: 'FROM debian:12\nRUN groupadd -r app && useradd -r -g app app\nWORKDIR /app\nCOPY --chown=app:app . .\nRUN chown app:app /app\nUSER app\nCMD ["x"]\n',
    },
    {
      name: 'busybox addgroup and adduser with ids',
      code: 'FROM alpine:3.20\nRUN addgroup -g 1000 -S app && adduser -u 1000 -S app -G app\nCMD ["x"]\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 16] },
      ],
      output: 'FROM alpine:3.20\nRUN addgroup -g 1000 -S app && adduser -u 1000 -S app -G app\nUSER 1000:1000\nCMD ["x"]\n',
    },
    {
      name: 'adduser -u then USER root',
      code: 'FROM alpine:3.20\nRUN adduser -D -u 1000 app\nUSER root\n',
      findings: [
        { message: 'The container runs as root: USER root is the last USER of the final stage.', range: [2, 5, 2, 9] },
      ],
      output: 'FROM alpine:3.20\nRUN adduser -D -u 1000 app\nUSER root\nUSER 1000\n',
    },
    {
      name: 'a uid 0 user is not reused',
      code: 'FROM debian:12\nRUN useradd -u 0 -o admin\nCMD ["x"]\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 14] },
      ],
      output: 'FROM debian:12\nRUN useradd -u 0 -o admin\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\nCMD ["x"]\n',
    },
    {
      name: 'setpriv in a shell-form ENTRYPOINT: info',
      code: 'FROM debian:12\nENTRYPOINT setpriv --reuid=1000 --regid=1000 --clear-groups app\n',
      findings: [
        { message: 'The container starts as root; setpriv suggests the entrypoint drops privileges: make sure it does.', range: [0, 5, 0, 14], severity: 'info' },
      ],
      output: 'FROM debian:12\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\nENTRYPOINT setpriv --reuid=1000 --regid=1000 --clear-groups app\n',
    },
    {
      name: 'gosu downloaded with curl: info',
      code: 'FROM debian:12\nRUN curl -o /usr/local/bin/gosu -L https://x/gosu && chmod +x /usr/local/bin/gosu\nENTRYPOINT ["/e.sh"]\n',
      findings: [
        { message: 'The container starts as root; gosu suggests the entrypoint drops privileges: make sure it does.', range: [0, 5, 0, 14], severity: 'info' },
      ],
      output: 'FROM debian:12\nRUN curl -o /usr/local/bin/gosu -L https://x/gosu && chmod +x /usr/local/bin/gosu\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app\nUSER 10001:10001\nENTRYPOINT ["/e.sh"]\n',
    },
    {
      name: 'su-exec installed in a parent stage, with USER root: info',
      code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache su-exec\nFROM base\nUSER root\nENTRYPOINT ["/e.sh"]\n',
      findings: [
        { message: 'The container starts as root (USER root); installing su-exec suggests the entrypoint drops privileges: make sure it does.', range: [3, 5, 3, 9], severity: 'info' },
      ],
      output: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache su-exec\nFROM base\nUSER root\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nENTRYPOINT ["/e.sh"]\n',
    },
    {
      name: 'Windows servercore, CRLF, appended',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN echo hi\r\n',
      findings: [
        { message: 'The container runs as ContainerAdministrator: no USER instruction sets an unprivileged user.', range: [0, 5, 0, 50] },
      ],
      output: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN echo hi\r\nUSER ContainerUser\r\n',
    },
    {
      name: 'Windows by tag',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nENTRYPOINT ["x"]\n',
      findings: [
        { message: 'The container runs as ContainerAdministrator: no USER instruction sets an unprivileged user.', range: [0, 5, 0, 60] },
      ],
      output: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nUSER ContainerUser\nENTRYPOINT ["x"]\n',
    },
    {
      name: 'a Chainguard -dev image runs as root',
      code: 'FROM cgr.dev/chainguard/node:latest-dev\nCMD ["x"]\n',
      findings: [
        { message: 'The container runs as root: no USER instruction sets a non-root user in the final stage.', range: [0, 5, 0, 39] },
      ],
      output: 'FROM cgr.dev/chainguard/node:latest-dev\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD ["x"]\n',
    },

  ],
});
