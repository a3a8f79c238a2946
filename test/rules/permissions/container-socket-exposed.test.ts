import { containerSocketExposed } from '../../../server/src/rules/permissions/container-socket-exposed';
import { ruleTester } from '../../harness/rule-tester';

const VOLUME = (path: string): string => `VOLUME ${path} makes the container engine socket a mount point, inviting the host's socket to be mounted there.`;
const ENV = (name: string, path: string): string => `ENV ${name} points the container at the container engine socket ${path}.`;
const USES = (k: string, path: string): string => `${k} uses the container engine socket ${path}, which the container can only reach if the host's socket is mounted into it.`;
const MOUNT = (path: string): string => `RUN --mount binds the container engine socket ${path} into the build.`;
const F = 'FROM docker:27-cli\n';

ruleTester(containerSocketExposed, {
  valid: [
    { name: 'a daemon over TLS', code: `${F}ENV DOCKER_HOST=tcp://docker:2376 DOCKER_TLS_VERIFY=1\nVOLUME /data\n` },
    { name: 'other sockets', code: `${F}VOLUME /var/run/mysqld/mysqld.sock /run/php/php-fpm.sock\nENV SOCK=/tmp/app.sock\n` },
    { name: 'a RUN script that mentions the socket', code: `${F}RUN echo 'export DOCKER_HOST=unix:///var/run/docker.sock' >> /etc/profile\nRUN <<EOF\nln -s /var/run/docker-host.sock /var/run/docker.sock\nEOF\n` },
    { name: 'Docker in Docker runs its own daemon', code: 'FROM docker:27-dind\nENTRYPOINT ["dockerd", "-H", "unix:///var/run/docker.sock"]\nCMD dockerd --host=unix:///run/docker.sock\n' },
    { name: 'a build stage that is not shipped', code: 'FROM docker:27-cli AS tools\nENV DOCKER_HOST=unix:///var/run/docker.sock\nVOLUME /var/run/docker.sock\nFROM alpine:3.20\nCOPY --from=tools /usr/local/bin/docker /usr/local/bin/\n' },
    { name: 'an ARG that no ENV uses', code: `${F}ARG SOCK=/var/run/docker.sock\n` },
    { name: 'a mount of something else', code: `${F}RUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=cache,target=/root/.cache go mod download\n` },
  ],
  invalid: [
    {
      name: 'VOLUME of the Docker socket: the fix removes the instruction',
      code: `${F}VOLUME /var/run/docker.sock\nCMD ["docker", "ps"]\n`,
      findings: [{ message: VOLUME('/var/run/docker.sock'), range: [1, 7, 1, 27], aliases: [] }],
      fixTitle: 'Remove the socket from VOLUME',
      output: `${F}CMD ["docker", "ps"]\n`,
    },
    {
      name: 'VOLUME with other paths, in shell and JSON form',
      code: `${F}VOLUME /var/run/docker.sock /data\nVOLUME ["/data", "/run/docker.sock"]\nVOLUME ["/run/containerd/containerd.sock", "/cache"]\n`,
      findings: [
        { message: VOLUME('/var/run/docker.sock'), range: [1, 7, 1, 27] },
        { message: VOLUME('/run/docker.sock'), range: [2, 18, 2, 34] },
        { message: VOLUME('/run/containerd/containerd.sock'), range: [3, 9, 3, 40] },
      ],
      output: `${F}VOLUME /data\nVOLUME ["/data"]\nVOLUME ["/cache"]\n`,
    },
    {
      name: 'VOLUME from an ARG: flagged on the variable',
      code: `${F}ARG SOCK=/run/podman/podman.sock\nVOLUME $SOCK\n`,
      findings: [{ message: VOLUME('/run/podman/podman.sock'), range: [2, 7, 2, 12] }],
      output: `${F}ARG SOCK=/run/podman/podman.sock\n`,
    },
    {
      name: 'ENV values, literal and from an ARG',
      code: `${F}ENV DOCKER_HOST=unix:///var/run/docker.sock\nARG SOCK=/run/podman/podman.sock\nENV CONTAINER_HOST=unix://$SOCK A=1\nENV CONTAINERD_ADDRESS="/run/containerd/containerd.sock"\n`,
      findings: [
        { message: ENV('DOCKER_HOST', '/var/run/docker.sock'), range: [1, 23, 1, 43] },
        { message: ENV('CONTAINER_HOST', '/run/podman/podman.sock'), range: [3, 19, 3, 31] },
        { message: ENV('CONTAINERD_ADDRESS', '/run/containerd/containerd.sock'), range: [4, 24, 4, 55] },
      ],
    },
    {
      name: 'CMD, ENTRYPOINT and HEALTHCHECK, exec and shell form',
      code: `${F}HEALTHCHECK CMD docker -H unix:///var/run/docker.sock info\nENTRYPOINT ["traefik", "--providers.docker.endpoint=unix:///var/run/docker.sock"]\nCMD watchtower --host unix:///var/run/crio/crio.sock\n`,
      findings: [
        { message: USES('HEALTHCHECK', '/var/run/docker.sock'), range: [1, 33, 1, 53] },
        { message: USES('ENTRYPOINT', '/var/run/docker.sock'), range: [2, 59, 2, 79] },
        { message: USES('CMD', '/var/run/crio/crio.sock'), range: [3, 29, 3, 52] },
      ],
    },
    {
      name: 'a LABEL telling users to mount the socket: once per instruction',
      code: `${F}LABEL run="docker run -v /var/run/docker.sock:/var/run/docker.sock IMAGE"\n`,
      findings: [{ message: "LABEL refers to the container engine socket /var/run/docker.sock, asking for the host's socket to be mounted into the container.", range: [1, 25, 1, 45] }],
    },
    {
      name: 'RUN --mount of the socket, in any stage, heredoc too',
      code: 'FROM docker:27-cli AS build\nRUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker build .\nRUN --mount=type=bind,src=/run/docker.sock <<EOF\ndocker ps\nEOF\nFROM scratch\n',
      findings: [
        { message: MOUNT('/var/run/docker.sock'), range: [1, 29, 1, 49] },
        { message: MOUNT('/run/docker.sock'), range: [2, 26, 2, 42] },
      ],
    },
    {
      name: 'multi-stage: ENV inherited by the final stage',
      code: 'FROM docker:27-cli AS base\nENV DOCKER_HOST=unix:///var/run/docker.sock\nFROM base\nCMD ["docker", "ps"]\n',
      findings: [{ message: ENV('DOCKER_HOST', '/var/run/docker.sock'), range: [1, 23, 1, 43] }],
    },
    {
      name: 'VOLUME across a line continuation',
      code: `${F}VOLUME /data \\\n  /var/run/docker.sock\n`,
      findings: [{ message: VOLUME('/var/run/docker.sock'), range: [2, 2, 2, 22] }],
      output: `${F}VOLUME /data\n`,
    },
  ],
});
