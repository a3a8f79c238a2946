import { addInsteadOfCopy } from '../../server/src/rules/add-instead-of-copy';
import { ruleTester } from '../harness/rule-tester';

ruleTester(addInsteadOfCopy, {
  valid: [
    { name: 'COPY', code: 'FROM alpine:3.20\nCOPY a /a\n' },
    { name: 'a URL', code: 'FROM alpine:3.20\nADD --checksum=sha256:abc https://example.com/tool.tgz /opt/\n' },
    { name: 'a git repository', code: 'FROM alpine:3.20\nADD git@github.com:org/repo.git /src\n' },
    { name: 'a local tar.gz', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\n' },
    { name: 'a local .tgz and .tar.xz', code: 'FROM alpine:3.20\nADD a.tgz b.tar.xz /opt/\n' },
    { name: 'a variable source', code: 'FROM alpine:3.20\nARG SRC\nADD $SRC /opt/\n' },
    { name: 'a heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'a wildcard without extension', code: 'FROM alpine:3.20\nADD dist* /opt/\n' },
  ],
  invalid: [
    {
      name: 'a local file',
      code: 'FROM alpine:3.20\nADD config.yml /etc/app/config.yml\n',
      findings: [{ message: 'ADD copies local "config.yml" that is not an archive; COPY says what it does.', range: [1, 0, 1, 3] }],
      fixTitle: 'Use COPY instead of ADD',
      output: 'FROM alpine:3.20\nCOPY config.yml /etc/app/config.yml\n',
    },
    {
      name: 'a folder and several files',
      code: 'FROM alpine:3.20\nADD . /app\nADD a.txt b.txt /docs/\n',
      findings: [
        { message: 'ADD copies local "." that is not an archive; COPY says what it does.', range: [1, 0, 1, 3] },
        { message: 'ADD copies local files that are not archives; COPY says what it does.', range: [2, 0, 2, 3] },
      ],
      output: 'FROM alpine:3.20\nCOPY . /app\nCOPY a.txt b.txt /docs/\n',
    },
    {
      name: 'keeps the flags COPY has',
      code: 'FROM alpine:3.20\nADD --chown=1000:1000 --chmod=644 --link app.conf /etc/\n',
      findings: [{ message: 'ADD copies local "app.conf" that is not an archive; COPY says what it does.', range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY --chown=1000:1000 --chmod=644 --link app.conf /etc/\n',
    },
    {
      name: 'drops ADD-only flags',
      code: 'FROM alpine:3.20\nADD --keep-git-dir=true --chown=1 notes.md /n/\n',
      findings: [{ message: 'ADD copies local "notes.md" that is not an archive; COPY says what it does.', range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY --chown=1 notes.md /n/\n',
    },
    {
      name: 'keeps lower case',
      code: 'from alpine:3.20\nadd app.py /app/\n',
      findings: [{ message: 'ADD copies local "app.py" that is not an archive; COPY says what it does.', range: [1, 0, 1, 3] }],
      output: 'from alpine:3.20\ncopy app.py /app/\n',
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nADD ["my file.txt", "/data/"]\n',
      findings: [{ message: 'ADD copies local "my file.txt" that is not an archive; COPY says what it does.', range: [1, 0, 1, 3] }],
      output: 'FROM alpine:3.20\nCOPY ["my file.txt", "/data/"]\n',
    },
    {
      name: 'inside a build stage too',
      code: 'FROM alpine:3.20 AS build\n  ADD src /src\nFROM scratch\n',
      findings: [{ message: 'ADD copies local "src" that is not an archive; COPY says what it does.', range: [1, 2, 1, 5] }],
      output: 'FROM alpine:3.20 AS build\n  COPY src /src\nFROM scratch\n',
    },
  ],
});
