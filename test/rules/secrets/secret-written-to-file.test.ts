import { secretWrittenToFile } from '../../../server/src/rules/secrets/secret-written-to-file';
import { ruleTester } from '../../harness/rule-tester';

const M = (cmd: string, secret: string, path: string): string => `${cmd} writes ${secret} into "${path}", which this layer keeps.`;
const D = 'FROM debian:12\n';

ruleTester(secretWrittenToFile, {
  valid: [
    { name: 'an ordinary value', code: `${D}ARG VERSION\nRUN echo "$VERSION" > /etc/version\n` },
    { name: 'a secret printed, not written', code: `${D}RUN echo "$API_TOKEN" | wc -c && echo $API_TOKEN >/dev/null 2>&1 && echo "$DB_PASSWORD" >&2\n` },
    { name: 'deleted by the same RUN', code: `${D}RUN echo "//r/:_authToken=$NPM_TOKEN" > .npmrc && npm ci && rm -f .npmrc\n` },
    { name: 'on a tmpfs or secret mount', code: `${D}RUN --mount=type=tmpfs,target=/run/tmp echo "$API_TOKEN" > /run/tmp/t && use /run/tmp/t\n` },
    { name: 'single quotes: the name, not the value', code: `${D}RUN echo 'export TOKEN=$API_TOKEN' > /etc/profile.d/x.sh\n` },
    { name: 'public key names', code: `${D}ENV GPG_KEY=ABC\nRUN echo "$GPG_KEY" > /tmp/key-id\n` },
    { name: 'stderr redirect', code: `${D}RUN echo "$API_TOKEN" 2> /tmp/err\n` },
  ],
  invalid: [
    {
      name: 'a secret variable redirected and appended',
      code: `${D}RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > /root/.npmrc && printf '%s\\n' "$PIP_PASSWORD" >> /etc/pip.pw\n`,
      findings: [
        { message: M('echo', '$NPM_TOKEN', '/root/.npmrc'), range: [1, 57, 1, 71] },
        { message: M('printf', '$PIP_PASSWORD', '/etc/pip.pw'), range: [1, 105, 1, 119] },
      ],
    },
    {
      name: 'literal tokens and a private key',
      code: `${D}RUN echo ghp_abcdefghijklmnopqrstuvwxyz0123456789 > /root/.gh && echo "-----BEGIN OPENSSH PRIVATE KEY-----" > /root/.ssh/id\n`,
      findings: [
        { message: M('echo', '"ghp_…"', '/root/.gh'), range: [1, 50, 1, 61] },
        { message: M('echo', '"-----BEGIN OPENSSH PRIVATE KEY-----…"', '/root/.ssh/id'), range: [1, 108, 1, 123] },
      ],
    },
    {
      name: 'tee, a value from ENV that looks like a token, the extra-names option',
      code: `${D}ENV GH=glpat-abcdefghijklmnopqrst\nARG DEPLOY\nRUN echo "$GH" | tee -a /root/.gl && echo $DEPLOY > /d\n`,
      options: { 'extra-names': ['deploy'] },
      findings: [
        { message: M('echo', '$GH', '/root/.gl'), range: [3, 17, 3, 33] },
        { message: M('echo', '$DEPLOY', '/d'), range: [3, 50, 3, 54] },
      ],
    },
    {
      name: 'heredoc, sh -c in exec form, a continuation, a multi-stage build stage',
      code: `FROM debian:12 AS build\nRUN <<EOF\necho "$API_KEY" > /k\nEOF\nFROM debian:12\nRUN ["sh", "-c", "echo $SECRET_TOKEN > /t"]\nRUN echo \\\n    "$DB_PASSWORD" \\\n    > /pw\n`,
      findings: [
        { message: M('echo', '$API_KEY', '/k'), range: [2, 16, 2, 20] },
        { message: M('echo', '$SECRET_TOKEN', '/t'), range: [5, 37, 5, 41] },
        { message: M('echo', '$DB_PASSWORD', '/pw'), range: [8, 4, 8, 9] },
      ],
    },
    {
      name: 'a secret from a secret mount written to a file',
      code: `${D}RUN --mount=type=secret,id=t TOKEN="$(cat /run/secrets/t)" && echo "$TOKEN" > /root/.token\n`,
      findings: [{ message: M('echo', '$TOKEN', '/root/.token'), range: [1, 76, 1, 90] }],
    },
  ],
});
