import { addUrlWithoutChecksum } from '../../../server/src/rules/integrity/add-url-without-checksum';
import { ruleTester } from '../../harness/rule-tester';

const GET = (url: string): string => `ADD downloads ${url} without a --checksum to verify it.`;
const GET_HTTP = (url: string): string => `ADD downloads ${url} over plain HTTP without a --checksum to verify it.`;
const CLONE = (url: string, ref?: string): string =>
  ref === undefined ? `ADD clones ${url} at its default branch, not at a pinned commit.` : `ADD clones ${url} at "${ref}", a branch or tag that can move, not at a pinned commit.`;
const D = 'FROM debian:12\n';
const SHA = 'sha256:5f2b8f7c1a7e8d6b0f4a1e3c9d2b7a6f8e0c1d3b5a7f9e2c4d6b8a0f1e3c5d7b';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const TOOL = 'https://example.com/tool.tgz';

ruleTester(addUrlWithoutChecksum, {
  valid: [
    { name: 'with --checksum', code: `${D}ADD --checksum=${SHA} ${TOOL} /tmp/\n` },
    { name: 'plain http with --checksum: the digest is the check', code: `${D}ADD --checksum=${SHA} http://example.com/a /tmp/a\n` },
    { name: 'a checksum from a variable is taken as given', code: `${D}ARG SUM\nADD --checksum=$SUM ${TOOL} /tmp/\n` },
    { name: 'local files and archives', code: `${D}ADD app.tar.gz /opt/\nADD conf /etc/conf\n` },
    { name: 'COPY of a path that looks like a URL is not ADD', code: `${D}COPY --from=build /out /out\n` },
    { name: 'git pinned to a commit in the fragment', code: `${D}ADD https://github.com/o/r.git#${COMMIT} /src\nADD git@github.com:o/r.git#${COMMIT}:sub /src\n` },
    { name: 'git pinned in the query form', code: `${D}ADD https://github.com/o/r.git?ref=${COMMIT}&subdir=docs /src\nADD https://github.com/o/r.git?tag=v1.2&checksum=${COMMIT} /src\n` },
    { name: 'git with --checksum naming the commit', code: `${D}ADD --checksum=${COMMIT} https://github.com/o/r.git#v1.2 /src\n` },
    { name: 'a variable without a value', code: `${D}ARG URL\nADD $URL /tmp/\n` },
    { name: 'heredoc ADD', code: `${D}ADD <<EOF /etc/motd\nhttps://example.com\nEOF\n` },
  ],
  invalid: [
    {
      name: 'https without a checksum: no digest known, no fix',
      code: `${D}ADD ${TOOL} /tmp/\n`,
      findings: [{ message: GET(TOOL), range: [1, 4, 1, 32] }],
    },
    {
      name: 'the digest is known: pin it',
      code: `${D}ADD --chown=app ${TOOL} /tmp/\n`,
      facts: { urlDigests: { [TOOL]: SHA } },
      findings: [{ message: GET(TOOL), range: [1, 16, 1, 44] }],
      fixTitle: 'Pin with --checksum',
      output: `${D}ADD --checksum=${SHA} --chown=app ${TOOL} /tmp/\n`,
    },
    {
      name: 'plain http',
      code: `${D}add http://example.com/a.sh /a.sh\n`,
      findings: [{ message: GET_HTTP('http://example.com/a.sh'), range: [1, 4, 1, 27] }],
    },
    {
      name: 'a URL from ARG and ENV, with the digest of the resolved URL',
      code: `${D}ARG VERSION=1.2\nENV BASE=https://example.com\nADD \${BASE}/tool-$VERSION.tgz /opt/\n`,
      facts: { urlDigests: { 'https://example.com/tool-1.2.tgz': SHA } },
      findings: [{ message: GET('https://example.com/tool-1.2.tgz'), range: [3, 4, 3, 29] }],
      output: `${D}ARG VERSION=1.2\nENV BASE=https://example.com\nADD --checksum=${SHA} \${BASE}/tool-$VERSION.tgz /opt/\n`,
    },
    {
      name: 'a digest of another URL is no use',
      code: `${D}ADD https://example.com/b.tgz /opt/\n`,
      facts: { urlDigests: { [TOOL]: SHA } },
      findings: [{ message: GET('https://example.com/b.tgz'), range: [1, 4, 1, 29] }],
    },
    {
      name: 'exec form',
      code: `${D}ADD ["${TOOL}", "/tmp/"]\n`,
      facts: { urlDigests: { [TOOL]: SHA } },
      findings: [{ message: GET(TOOL), range: [1, 5, 1, 35] }],
      output: `${D}ADD --checksum=${SHA} ["${TOOL}", "/tmp/"]\n`,
    },
    {
      name: 'two URLs: --checksum takes one source only, no fix',
      code: `${D}ADD https://a.example/x https://b.example/y /tmp/\n`,
      facts: { urlDigests: { 'https://a.example/x': SHA, 'https://b.example/y': SHA } },
      findings: [
        { message: GET('https://a.example/x'), range: [1, 4, 1, 23] },
        { message: GET('https://b.example/y'), range: [1, 24, 1, 43] },
      ],
    },
    {
      name: 'git at the default branch, a branch and a tag',
      code: `${D}ADD https://github.com/o/r.git /src\nADD git@github.com:o/r.git#main /src\nADD https://github.com/o/r.git?tag=v1.2&subdir=x /src\nADD https://github.com/o/r.git#v1.2:sub /src\n`,
      findings: [
        { message: CLONE('https://github.com/o/r.git'), range: [1, 4, 1, 30] },
        { message: CLONE('git@github.com:o/r.git#main', 'main'), range: [2, 4, 2, 31] },
        { message: CLONE('https://github.com/o/r.git?tag=v1.2&subdir=x', 'v1.2'), range: [3, 4, 3, 48] },
        { message: CLONE('https://github.com/o/r.git#v1.2:sub', 'v1.2'), range: [4, 4, 4, 39] },
      ],
    },
    {
      name: 'a short commit is not a full commit',
      code: `${D}ADD https://github.com/o/r.git#0123456 /src\n`,
      findings: [{ message: CLONE('https://github.com/o/r.git#0123456', '0123456'), range: [1, 4, 1, 38] }],
    },
    {
      name: 'multi-stage: a build stage downloads, the final stage copies from it',
      code: `FROM alpine:3.20 AS fetch\nADD ${TOOL} /tool.tgz\nFROM debian:12\nCOPY --from=fetch /tool.tgz /opt/\n`,
      findings: [{ message: GET(TOOL), range: [1, 4, 1, 32] }],
    },
    {
      name: 'continuation lines and ONBUILD',
      code: `${D}ADD --chmod=755 \\\n    ${TOOL} \\\n    /tmp/\nONBUILD ADD ${TOOL} /x\n`,
      findings: [
        { message: GET(TOOL), range: [2, 4, 2, 32] },
        { message: GET(TOOL), range: [4, 12, 4, 40] },
      ],
    },
  ],
});
