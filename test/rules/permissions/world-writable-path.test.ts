import { worldWritablePath } from '../../../server/src/rules/permissions/world-writable-path';
import { ruleTester } from '../../harness/rule-tester';

const M = (what: string, paths: string): string => `${what} makes ${paths} writable by every user.`;
const STICKY = (what: string, paths: string): string => `${what} makes ${paths} writable by every user; the sticky bit only keeps them from deleting each other's files.`;
const UMASK = (what: string): string => `${what} makes the files this RUN creates after it writable by every user.`;
const F = 'FROM debian:12\n';
const REMOVE = 'Remove write access for others';

ruleTester(worldWritablePath, {
  valid: [
    { name: 'modes without write for others', code: `${F}RUN chmod 755 /app && chmod -R 0644 /data && chmod u+rwx,g+w /x && chmod 2775 /shared && chmod 0 /secret\n` },
    { name: 'modes that take write away', code: `${F}RUN chmod o-w /app && chmod a+w,o-w /x && chmod -w /y && chmod a=rx /z\n` },
    { name: '+w and =rw go through the umask', code: `${F}RUN chmod +w /app && chmod -R =rw /data\n` },
    { name: 'a shared sticky folder outside /tmp, without the sticky-folders option', code: `${F}RUN chmod 1777 /var/www/html && chmod a+rwxt /srv/uploads\n` },
    { name: 'the sticky mode of /tmp-like folders', code: `${F}RUN chmod 1777 /tmp /var/tmp && chmod 1777 /tmp/.X11-unix && chmod a+rwxt /dev/shm\n` },
    { name: 'umasks that mask write for others', code: `${F}RUN umask 0002 && umask 022 && umask 77 && umask u=rwx,g=rwx,o=rx\n` },
    { name: 'chmod --reference and the words of other commands', code: `${F}RUN chmod --reference=/etc/hosts /app && echo chmod 777 /app\n` },
    { name: 'a mode from an ARG that keeps write to the owner', code: `${F}ARG MODE=755\nRUN chmod $MODE /app\n` },
    { name: 'a mode from a variable without a value', code: `${F}ARG MODE\nRUN chmod "$MODE" /app\n` },
    { name: 'a temporary folder in a shell variable', code: `${F}RUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && rm -rf "$tempDir"\n` },
    { name: 'install, mkdir and COPY without write for others', code: `${F}RUN install -m 0755 a /usr/local/bin/a && mkdir -pm 775 /data\nCOPY --chmod=644 a.txt /app/\nADD --chmod=u+rwx b /b\n` },
    {
      name: 'a build stage the final stage copies nothing of',
      code: 'FROM debian:12 AS build\nRUN chmod 777 /src && chmod -R 777 /out/cache\nFROM debian:12-slim\nCOPY --from=build /out/app /usr/local/bin/app\n',
    },
    { name: 'a build stage nothing copies from', code: 'FROM debian:12 AS build\nCOPY --chmod=777 . /src\nRUN chmod -R a+w /src\nFROM scratch\nCOPY app /app\n' },
  ],
  invalid: [
    {
      name: 'chmod 777',
      code: `${F}RUN chmod 777 /app\n`,
      findings: [{ message: M('chmod 777', '/app'), range: [1, 10, 1, 13], aliases: [] }],
      fixTitle: REMOVE,
      output: `${F}RUN chmod 755 /app\n`,
    },
    {
      name: 'recursive, leading zero, 666',
      code: `${F}RUN chmod -R 0777 /app && chmod -v 666 /app/config.json /app/data.db\n`,
      findings: [
        { message: M('chmod 0777', '/app'), range: [1, 13, 1, 17] },
        { message: M('chmod 666', '/app/config.json and /app/data.db'), range: [1, 35, 1, 38] },
      ],
      output: `${F}RUN chmod -R 0755 /app && chmod -v 644 /app/config.json /app/data.db\n`,
    },
    {
      name: 'symbolic modes: the others clause goes, the rest stays',
      code: `${F}RUN chmod u+rwx,o+w /x && chmod a+rwx /y && chmod o=rwx /z && chmod -R ugo+rw /w\n`,
      findings: [
        { message: M('chmod u+rwx,o+w', '/x'), range: [1, 10, 1, 19] },
        { message: M('chmod a+rwx', '/y'), range: [1, 32, 1, 37] },
        { message: M('chmod o=rwx', '/z'), range: [1, 50, 1, 55] },
        { message: M('chmod ugo+rw', '/w'), range: [1, 71, 1, 77] },
      ],
      output: `${F}RUN chmod u+rwx /x && chmod ug+rwx,o+rx /y && chmod o=rx /z && chmod -R ug+rw,o+r /w\n`,
    },
    {
      name: 'chmod o+w alone: the command goes',
      code: `${F}RUN mkdir -p /data && chmod o+w /data && echo done\n`,
      findings: [{ message: M('chmod o+w', '/data'), range: [1, 28, 1, 31] }],
      output: `${F}RUN mkdir -p /data && echo done\n`,
    },
    {
      name: '/tmp without the sticky bit: the fix adds it',
      code: `${F}RUN chmod 777 /tmp /var/tmp\n`,
      findings: [{ message: "chmod 777 makes /tmp and /var/tmp writable by every user without the sticky bit, so any user can delete or replace the others' files.", range: [1, 10, 1, 13] }],
      fixTitle: 'Add the sticky bit',
      output: `${F}RUN chmod 1777 /tmp /var/tmp\n`,
    },
    {
      name: 'the sticky bit elsewhere: info, with the sticky-folders option',
      code: `${F}RUN chmod 1777 /var/www/html && chmod 3777 /var/run/app\n`,
      options: { 'sticky-folders': true },
      findings: [
        { message: STICKY('chmod 1777', '/var/www/html'), range: [1, 10, 1, 14], severity: 'info' },
        { message: STICKY('chmod 3777', '/var/run/app'), range: [1, 38, 1, 42], severity: 'info' },
      ],
      output: `${F}RUN chmod 1755 /var/www/html && chmod 3755 /var/run/app\n`,
    },
    {
      name: 'a mode from an ARG: flagged on the variable, no fix',
      code: `${F}ARG MODE=777\nRUN chmod $MODE /data\n`,
      findings: [{ message: M('chmod 777', '/data'), range: [2, 10, 2, 15] }],
    },
    {
      name: 'a path from ENV, a mode from ARG in braces',
      code: `${F}ARG MODE=0666\nENV APP_HOME=/srv/app\nRUN chmod "\${MODE}" "$APP_HOME/config.yml"\n`,
      findings: [{ message: M('chmod 0666', '/srv/app/config.yml'), range: [3, 10, 3, 19] }],
    },
    {
      name: 'exec form',
      code: `${F}RUN ["chmod", "-R", "777", "/srv"]\n`,
      findings: [{ message: M('chmod 777', '/srv'), range: [1, 21, 1, 24] }],
      output: `${F}RUN ["chmod", "-R", "755", "/srv"]\n`,
    },
    {
      name: 'heredoc and sh -c, quoted modes',
      code: `${F}RUN <<EOF\nchmod 'a+w' /srv\nEOF\nRUN sh -c "chmod 777 /x"\n`,
      findings: [
        { message: M('chmod a+w', '/srv'), range: [2, 7, 2, 10] },
        { message: M('chmod 777', '/x'), range: [4, 17, 4, 20] },
      ],
      output: `${F}RUN <<EOF\nchmod 'ug+w' /srv\nEOF\nRUN sh -c "chmod 755 /x"\n`,
    },
    {
      name: 'line continuations',
      code: `${F}RUN set -eux; \\\n    chmod \\\n      777 /srv; \\\n    true\n`,
      findings: [{ message: M('chmod 777', '/srv'), range: [3, 6, 3, 9] }],
      output: `${F}RUN set -eux; \\\n    chmod \\\n      755 /srv; \\\n    true\n`,
    },
    {
      name: 'install -m and mkdir -m, attached and apart',
      code: `${F}RUN install -Dm0777 a /usr/local/bin/a && install -m 777 -d /d1 /d2 && mkdir -pm 777 /data && mkdir --mode=777 /d\n`,
      findings: [
        { message: M('install -m 0777', '/usr/local/bin/a'), range: [1, 15, 1, 19] },
        { message: M('install -m 777', '/d1 and /d2'), range: [1, 53, 1, 56] },
        { message: M('mkdir -m 777', '/data'), range: [1, 81, 1, 84] },
        { message: M('mkdir -m 777', '/d'), range: [1, 107, 1, 110] },
      ],
      output: `${F}RUN install -Dm0755 a /usr/local/bin/a && install -m 755 -d /d1 /d2 && mkdir -pm 755 /data && mkdir --mode=755 /d\n`,
    },
    {
      name: 'COPY and ADD --chmod',
      code: `${F}COPY --chmod=777 app /app\nADD --chown=1:1 --chmod=666 a.txt b.txt /data/\n`,
      findings: [
        { message: M('COPY --chmod=777', '/app'), range: [1, 13, 1, 16] },
        { message: M('ADD --chmod=666', '/data/'), range: [2, 24, 2, 27] },
      ],
      output: `${F}COPY --chmod=755 app /app\nADD --chown=1:1 --chmod=644 a.txt b.txt /data/\n`,
    },
    {
      name: 'COPY --chmod from an ARG: no fix',
      code: `${F}ARG PERMS=777\nCOPY --chmod=$PERMS app /app\n`,
      findings: [{ message: M('COPY --chmod=777', '/app'), range: [2, 13, 2, 19] }],
    },
    {
      name: 'umask',
      code: `${F}RUN umask 000 && touch /a && umask 0 && umask u=rwx,g=rx,o=rwx\n`,
      findings: [
        { message: UMASK('umask 000'), range: [1, 10, 1, 13] },
        { message: UMASK('umask 0'), range: [1, 35, 1, 36] },
        { message: UMASK('umask u=rwx,g=rx,o=rwx'), range: [1, 46, 1, 62] },
      ],
      output: `${F}RUN umask 022 && touch /a && umask 022 && umask u=rwx,g=rx,o=rx\n`,
    },
    {
      name: 'ONBUILD RUN: what the image built from this one runs',
      code: `${F}ONBUILD RUN chmod 777 /app\n`,
      findings: [{ message: M('chmod 777', '/app'), range: [1, 18, 1, 21] }],
      output: `${F}ONBUILD RUN chmod 755 /app\n`,
    },
    {
      name: 'multi-stage: a build stage path the final stage copies',
      code: 'FROM golang:1.22 AS build\nRUN chmod 777 /out/app && chmod 777 /src\nFROM debian:12-slim\nCOPY --from=build /out /usr/local/bin/\n',
      findings: [{ message: M('chmod 777', '/out/app'), range: [1, 10, 1, 13] }],
      output: 'FROM golang:1.22 AS build\nRUN chmod 755 /out/app && chmod 777 /src\nFROM debian:12-slim\nCOPY --from=build /out /usr/local/bin/\n',
    },
    {
      name: 'multi-stage: by index, through a parent stage, a COPY --chmod in the copied stage',
      code: 'FROM debian:12 AS base\nRUN chmod -R 777 /opt\nFROM base AS build\nCOPY --chmod=666 conf /opt/conf\nFROM scratch\nCOPY --from=1 /opt/conf /conf\n',
      findings: [
        { message: M('chmod 777', '/opt'), range: [1, 13, 1, 16] },
        { message: M('COPY --chmod=666', '/opt/conf'), range: [3, 13, 3, 16] },
      ],
      output: 'FROM debian:12 AS base\nRUN chmod -R 755 /opt\nFROM base AS build\nCOPY --chmod=644 conf /opt/conf\nFROM scratch\nCOPY --from=1 /opt/conf /conf\n',
    },
    {
      name: 'multi-stage: the final stage builds on the stage that chmods',
      code: 'FROM debian:12 AS base\nRUN chmod 777 /srv\nFROM base\nUSER 10001\n',
      findings: [{ message: M('chmod 777', '/srv'), range: [1, 10, 1, 13] }],
      output: 'FROM debian:12 AS base\nRUN chmod 755 /srv\nFROM base\nUSER 10001\n',
    },
    {
      name: 'multi-stage: a relative path in a copied stage',
      code: 'FROM node:20 AS build\nWORKDIR /app\nRUN chmod 777 dist\nFROM node:20-slim\nCOPY --from=build /app/dist /app\n',
      findings: [{ message: M('chmod 777', 'dist'), range: [2, 10, 2, 13] }],
      output: 'FROM node:20 AS build\nWORKDIR /app\nRUN chmod 755 dist\nFROM node:20-slim\nCOPY --from=build /app/dist /app\n',
    },
  ],
});
