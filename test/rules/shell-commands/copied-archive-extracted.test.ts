import { copiedArchiveExtracted } from '../../../server/src/rules/shell-commands/copied-archive-extracted';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (src: string): string => `"${src}" is copied and then extracted with tar; ADD extracts it in one step.`;

ruleTester(copiedArchiveExtracted, {
  valid: [
    { name: 'copied, not extracted', code: 'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\n' },
    { name: 'not an archive', code: 'FROM debian:12\nCOPY package.json /usr/src/app\nRUN tar -xf /usr/src/app/package.json\n' },
    { name: 'ADD', code: 'FROM debian:12\nADD app.tar.gz /opt/\n' },
    { name: 'from another stage', code: 'FROM debian:12\nCOPY --from=build /a.tar /x/\nRUN tar -xf /x/a.tar\n' },
    { name: 'archived, not extracted', code: 'FROM debian:12\nCOPY a.tar /x/\nRUN tar -cf /x/a.tar /y\n' },
    { name: 'another archive extracted', code: 'FROM debian:12\nCOPY a.tar /x/\nRUN tar -xf /x/b.tar\n' },
    { name: 'extracted in another stage', code: 'FROM debian:12\nCOPY a.tgz /x/\nFROM debian:12\nRUN tar -xf /x/a.tgz\n' },
    { name: 'extracted before it is copied', code: 'FROM debian:12\nRUN tar -xf /x/a.tgz\nCOPY a.tgz /x/\n' },
    { name: 'a zip', code: 'FROM debian:12\nCOPY a.zip /x/\nRUN unzip /x/a.zip\n' },
  ],
  invalid: [
    {
      name: 'into a folder written without a slash',
      code: 'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n',
      findings: [{ message: MSG('packaged-app.tar'), range: [1, 5, 1, 21], aliases: ['DL3010'] }],
    },
    {
      name: 'renamed',
      code: 'FROM debian:12\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n',
      findings: [{ message: MSG('foo/bar/packaged-app.tar'), range: [1, 5, 1, 29], aliases: ['DL3010'] }],
    },
    {
      name: 'a Windows path, old-style options',
      code: 'FROM debian:12\nCOPY build\\packaged-app.tar /usr/src/app/\nRUN tar xzf /usr/src/app/packaged-app.tar\n',
      findings: [{ message: MSG('build\\packaged-app.tar'), range: [1, 5, 1, 27], aliases: ['DL3010'] }],
    },
    {
      name: 'exec-form COPY, relative path, --extract, sudo',
      code: 'FROM debian:12\nCOPY ["a.tgz", "/x/"]\nWORKDIR /x\nRUN sudo tar --extract -f a.tgz\n',
      findings: [{ message: MSG('a.tgz'), range: [1, 6, 1, 13], aliases: [] }],
    },
    {
      name: 'build arguments in the COPY and in the tar command',
      code: 'FROM debian:12\nARG V=1.2\nCOPY app-${V}.tar.gz /tmp/\nRUN tar -xzf "/tmp/app-$V.tar.gz" -C /opt\n',
      findings: [{ message: MSG('app-${V}.tar.gz'), range: [2, 5, 2, 20], aliases: ['DL3010'] }],
    },
    {
      name: 'heredoc RUN, line continuation, one of several sources',
      code: 'FROM debian:12\nCOPY notes.txt app.tar.xz /opt/\nRUN <<EOF\ntar -xJf /opt/app.tar.xz \\\n  -C /opt\nEOF\n',
      findings: [{ message: MSG('app.tar.xz'), range: [1, 15, 1, 25], aliases: ['DL3010'] }],
    },
  ],
});
