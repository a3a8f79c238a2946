import { addInsteadOfCopy } from '../../server/src/rules/add-instead-of-copy';
import { ruleTester } from '../harness/rule-tester';

const ONE = (source: string): string => `ADD copies local "${source}" that is not an archive; COPY says what it does.`;
const MANY = 'ADD copies local files that are not archives; COPY says what it does.';

ruleTester(addInsteadOfCopy, {
  valid: [
    { name: 'COPY', code: 'FROM alpine:3.20\nCOPY a /a\n' },
    { name: 'a URL', code: 'FROM alpine:3.20\nADD --checksum=sha256:abc https://example.com/tool.tgz /opt/\n' },
    { name: 'a plain http URL', code: 'FROM alpine:3.20\nADD http://example.com/file /opt/\n' },
    { name: 'a git repository over https', code: 'FROM alpine:3.20\nADD https://github.com/org/repo.git#v1.0 /src\n' },
    { name: 'a git repository over ssh', code: 'FROM alpine:3.20\nADD git@github.com:org/repo.git /src\n' },
    { name: 'a local tar.gz', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n' },
    { name: 'a local .tgz and .tar.xz', code: 'FROM alpine:3.20\nADD a.tgz b.tar.xz /opt/\n' },
    { name: 'other archive extensions, in capitals too', code: 'FROM alpine:3.20\nADD a.tar a.tar.bz2 b.tar.zst c.txz d.tbz2 e.TAR.GZ f.gz /opt/\n' },
    { name: 'one archive among the sources', code: 'FROM alpine:3.20\nADD a.tar.gz b.txt /opt/\n' },
    { name: 'a variable source', code: 'FROM alpine:3.20\nARG SRC\nADD $SRC /opt/\n' },
    { name: 'a braced variable in the source', code: 'FROM alpine:3.20\nADD app-${VERSION}.bin /opt/\n' },
    { name: 'a heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'a wildcard without extension', code: 'FROM alpine:3.20\nADD dist* /opt/\n' },
    { name: 'an ADD without a destination', code: 'FROM alpine:3.20\nADD x\n' },
  ],
  invalid: [
    {
      name: 'a local file',
      code: 'FROM alpine:3.20\nADD config.yml /etc/app/config.yml\n',
      findings: [{ message: ONE('config.yml'), range: [1, 0, 1, 3] }],
      fixTitle: 'Use COPY instead of ADD',
      output: 'FROM alpine:3.20\nCOPY config.yml /etc/app/config.yml\n',
    },
    {
      name: 'a folder and several files',
      code: 'FROM alpine:3.20\nADD . /app\nADD a.txt b.txt /docs/\n',
      findings: [
        { message: ONE('.'), range: [1, 0, 1, 3] },
        { message: MANY, range: [2, 0, 2, 3] },
      ],
      output: 'FROM alpine:3.20\nCOPY . /app\nCOPY a.txt b.txt /docs/\n',
    },
    {
      name: 'several files into a destination that is not a folder fail to build either way: flagged, no fix',
      code: 'FROM alpine:3.20\nADD a.txt b.txt /docs\n',
      findings: [{ message: MANY, range: [1, 0, 1, 3] }],
    },
    {
      name: 'a zip: ADD does not unpack it',
      code: 'FROM alpine:3.20\nADD tools.zip /opt/\n',
      findings: [{ message: ONE('tools.zip'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY tools.zip /opt/\n',
    },
    {
      name: 'a glob with an extension',
      code: 'FROM alpine:3.20\nADD *.txt /opt/\n',
      findings: [{ message: ONE('*.txt'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY *.txt /opt/\n',
    },
    {
      name: 'keeps the flags COPY has',
      code: 'FROM alpine:3.20\nADD --chown=1000:1000 --chmod=644 --link app.conf /etc/\n',
      findings: [{ message: ONE('app.conf'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY --chown=1000:1000 --chmod=644 --link app.conf /etc/\n',
    },
    {
      name: 'keeps --exclude',
      code: 'FROM alpine:3.20\nADD --chown=1:1 --exclude=*.md . /app\n',
      findings: [{ message: ONE('.'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY --chown=1:1 --exclude=*.md . /app\n',
    },
    {
      name: 'drops ADD-only flags',
      code: 'FROM alpine:3.20\nADD --keep-git-dir=true --chown=1 notes.md /n/\n',
      findings: [{ message: ONE('notes.md'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY --chown=1 notes.md /n/\n',
    },
    {
      name: 'drops --checksum and --unpack, keeps --link',
      code: 'FROM alpine:3.20\nADD --checksum=sha256:abc --unpack=true --link file.txt /opt/\n',
      findings: [{ message: ONE('file.txt'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY --link file.txt /opt/\n',
    },
    {
      name: 'drops an ADD-only flag before a line continuation',
      code: 'FROM alpine:3.20\nADD --checksum=sha256:abc \\\n    notes.md \\\n    /n/\n',
      findings: [{ message: ONE('notes.md'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY \\\n    notes.md \\\n    /n/\n',
    },
    {
      name: 'keeps lower case',
      code: 'from alpine:3.20\nadd app.py /app/\n',
      findings: [{ message: ONE('app.py'), range: [1, 0, 1, 3] }],
      output: 'from alpine:3.20\ncopy app.py /app/\n',
    },
    {
      name: 'mixed case becomes COPY',
      code: 'FROM alpine:3.20\nAdd x /y\n',
      findings: [{ message: ONE('x'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY x /y\n',
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nADD ["my file.txt", "/data/"]\n',
      findings: [{ message: ONE('my file.txt'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY ["my file.txt", "/data/"]\n',
    },
    {
      name: 'exec form with a flag kept',
      code: 'FROM alpine:3.20\nADD --chown=1:1 ["a", "/b"]\n',
      findings: [{ message: ONE('a'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY --chown=1:1 ["a", "/b"]\n',
    },
    {
      name: 'exec form with an ADD-only flag dropped',
      code: 'FROM alpine:3.20\nADD --keep-git-dir=true ["a", "/b"]\n',
      findings: [{ message: ONE('a'), range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY ["a", "/b"]\n',
    },
    {
      name: 'only the local ADD of a file with a remote one',
      code: 'FROM alpine:3.20\nADD https://x/a /a\nADD b /b\n',
      findings: [{ message: ONE('b'), range: [2, 0, 2, 3] }],
      output: 'FROM alpine:3.20\nADD https://x/a /a\nCOPY b /b\n',
    },
    {
      name: 'inside a build stage too, indentation kept',
      code: 'FROM alpine:3.20 AS build\n  ADD src /src\nFROM scratch\n',
      findings: [{ message: ONE('src'), range: [1, 2, 1, 5] }],
      output: 'FROM alpine:3.20 AS build\n  COPY src /src\nFROM scratch\n',
    },
    {
      name: 'CRLF',
      code: 'FROM alpine:3.20\r\nADD a /a\r\nADD b /b\r\n',
      findings: [
        { message: ONE('a'), range: [1, 0, 1, 3] },
        { message: ONE('b'), range: [2, 0, 2, 3] },
      ],
      output: 'FROM alpine:3.20\r\nCOPY a /a\r\nCOPY b /b\r\n',
    },
  ],
});
