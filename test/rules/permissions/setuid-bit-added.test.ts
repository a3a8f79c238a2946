import { setuidBitAdded } from '../../../server/src/rules/permissions/setuid-bit-added';
import { ruleTester } from '../../harness/rule-tester';

const M = (what: string, bits: string, paths: string): string => `${what} sets the ${bits} on ${paths}.`;
const F = 'FROM debian:12\n';

ruleTester(setuidBitAdded, {
  valid: [
    { name: 'modes without special bits', code: `${F}RUN chmod 755 /usr/bin/a && chmod 0644 /etc/a.conf && chmod u+x,g+r /b && chmod 1777 /tmp\n` },
    { name: 'modes that remove the bits', code: `${F}RUN chmod u-s /usr/bin/a && chmod a-s /usr/bin/b && chmod g-s /c && chmod u+s,u-s /d\n` },
    { name: 'removing the bits of the base image with find', code: `${F}RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +\n` },
    { name: 'setgid on folders', code: `${F}RUN mkdir -p /shared && chmod g+s /shared && mkdir -m 2775 /s2 && install -d -m 2775 /s3\n` },
    { name: 'o+s sets nothing', code: `${F}RUN chmod o+s /a\n` },
    { name: 'an exec-form word is not expanded', code: `${F}ARG MODE=4755\nRUN ["chmod", "$MODE", "/x"]\n` },
    { name: 'setcap instead', code: `${F}RUN setcap cap_net_bind_service=+ep /usr/local/bin/tool\n` },
    { name: 'a build stage the final stage copies nothing of', code: 'FROM debian:12 AS build\nRUN chmod u+s /usr/bin/tool\nFROM debian:12-slim\nCOPY --from=build /out/app /app\n' },
  ],
  invalid: [
    {
      name: 'chmod u+s',
      code: `${F}RUN chmod u+s /usr/local/bin/tool\n`,
      findings: [{ message: M('chmod u+s', 'setuid bit', '/usr/local/bin/tool'), range: [1, 10, 1, 13], aliases: [] }],
    },
    {
      name: 'octal and symbolic spellings',
      code: `${F}RUN chmod 4755 /b && chmod g+s /c && chmod +s /d && chmod 6755 /e && chmod a+s /f && chmod u=rwxs /g\n`,
      findings: [
        { message: M('chmod 4755', 'setuid bit', '/b'), range: [1, 10, 1, 14] },
        { message: M('chmod g+s', 'setgid bit', '/c'), range: [1, 27, 1, 30] },
        { message: M('chmod +s', 'setuid and setgid bits', '/d'), range: [1, 43, 1, 45] },
        { message: M('chmod 6755', 'setuid and setgid bits', '/e'), range: [1, 58, 1, 62] },
        { message: M('chmod a+s', 'setuid and setgid bits', '/f'), range: [1, 75, 1, 78] },
        { message: M('chmod u=rwxs', 'setuid bit', '/g'), range: [1, 91, 1, 97] },
      ],
    },
    {
      name: 'recursive setgid on a folder sets it on every file in it',
      code: `${F}RUN mkdir -p /shared && chmod -R g+s /shared\n`,
      findings: [{ message: M('chmod g+s', 'setgid bit', '/shared'), range: [1, 33, 1, 36] }],
    },
    {
      name: 'install -m and COPY --chmod',
      code: `${F}RUN install -m 4755 tool /usr/local/bin/tool\nCOPY --chmod=4755 tool /usr/local/bin/tool2\nADD --chmod=2755 t3 /usr/local/bin/\n`,
      findings: [
        { message: M('install -m 4755', 'setuid bit', '/usr/local/bin/tool'), range: [1, 15, 1, 19] },
        { message: M('COPY --chmod=4755', 'setuid bit', '/usr/local/bin/tool2'), range: [2, 13, 2, 17] },
        { message: M('ADD --chmod=2755', 'setgid bit', '/usr/local/bin/'), range: [3, 12, 3, 16] },
      ],
    },
    {
      name: 'a mode from an ARG, a path from ENV',
      code: `${F}ARG MODE=4755\nENV BIN=/opt/bin\nRUN chmod $MODE $BIN/tool\n`,
      findings: [{ message: M('chmod 4755', 'setuid bit', '/opt/bin/tool'), range: [3, 10, 3, 15] }],
    },
    {
      name: 'exec form, heredoc, sh -c, continuation',
      code: `${F}RUN ["chmod", "u+s", "/a"]\nRUN <<EOF\nchmod 4711 /b\nEOF\nRUN sh -c 'chmod g+s /c'\nRUN chmod \\\n  +s /d\n`,
      findings: [
        { message: M('chmod u+s', 'setuid bit', '/a'), range: [1, 15, 1, 18] },
        { message: M('chmod 4711', 'setuid bit', '/b'), range: [3, 6, 3, 10] },
        { message: M('chmod g+s', 'setgid bit', '/c'), range: [5, 17, 5, 20] },
        { message: M('chmod +s', 'setuid and setgid bits', '/d'), range: [7, 2, 7, 4] },
      ],
    },
    {
      name: 'multi-stage: a binary the final stage copies',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/tool . && chmod u+s /out/tool\nFROM debian:12-slim\nCOPY --from=build /out/tool /usr/local/bin/tool\nUSER 10001\n',
      findings: [{ message: M('chmod u+s', 'setuid bit', '/out/tool'), range: [1, 37, 1, 40] }],
    },
    {
      name: 'multi-stage: the final stage builds on it',
      code: 'FROM debian:12 AS base\nRUN chmod 4755 /usr/bin/x\nFROM base\n',
      findings: [{ message: M('chmod 4755', 'setuid bit', '/usr/bin/x'), range: [1, 10, 1, 14] }],
    },
  ],
});
