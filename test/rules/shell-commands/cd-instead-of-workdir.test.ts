import { cdInsteadOfWorkdir } from '../../../server/src/rules/shell-commands/cd-instead-of-workdir';
import { ruleTester } from '../../harness/rule-tester';

const MSG = 'RUN changes directory with cd; use WORKDIR.';
const BOTH = ['DL3003', 'DS-0013', 'DS013', 'AVD-DS-0013'];
const HADOLINT = ['DL3003'];

ruleTester(cdInsteadOfWorkdir, {
  valid: [
    { name: 'WORKDIR', code: 'FROM debian:12\nWORKDIR /usr/src/app\nRUN make\n' },
    { name: 'tools\' own directory options', code: 'FROM debian:12\nRUN make -C /usr/src/app && git -C /src pull\n' },
    { name: 'cd as an argument', code: 'FROM debian:12\nRUN echo cd /x\n' },
    { name: 'cd in CMD is not a build step', code: 'FROM debian:12\nCMD cd /app && ./run\n' },
    { name: 'a word that starts with cd', code: 'FROM debian:12\nRUN cdrecord --version\n' },
  ],
  invalid: [
    {
      name: 'at the start of an && chain, directory known: WORKDIR and back',
      code: 'FROM debian:12\nWORKDIR /app\nRUN cd /usr/src && make\nCOPY a b\n',
      findings: [{ message: MSG, range: [2, 4, 2, 6], aliases: BOTH }],
      fixTitle: 'Use WORKDIR instead of cd',
      output: 'FROM debian:12\nWORKDIR /app\nWORKDIR /usr/src\nRUN make\nWORKDIR /app\nCOPY a b\n',
    },
    {
      name: 'directory of the base image unknown: no fix',
      code: 'FROM debian:12\nRUN cd /usr/src && make\n',
      findings: [{ message: MSG, range: [1, 4, 1, 6], aliases: BOTH }],
    },
    {
      name: 'followed by a WORKDIR: nothing to restore',
      code: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN cd /usr/src \\\n  && make\nWORKDIR /x\n',
      findings: [{ message: MSG, range: [2, 4, 2, 6], aliases: BOTH }],
      output: 'FROM debian:12\nWORKDIR /usr/src\n# hadolint ignore=DL3008\nRUN make\nWORKDIR /x\n',
    },
    {
      name: 'scratch starts at /; later ; items stay in the directory as before',
      code: 'FROM scratch\nRUN cd /usr/src && make; make install\n',
      findings: [{ message: MSG, range: [1, 4, 1, 6], aliases: BOTH }],
      output: 'FROM scratch\nWORKDIR /usr/src\nRUN make; make install\nWORKDIR /\n',
    },
    {
      name: 'the directory of the parent stage, relative WORKDIRs joined',
      code: 'FROM debian:12 AS base\nWORKDIR /srv\nWORKDIR app\nFROM base\nRUN cd /tmp && ls\nRUN ls\n',
      findings: [{ message: MSG, range: [4, 4, 4, 6], aliases: BOTH }],
      output: 'FROM debian:12 AS base\nWORKDIR /srv\nWORKDIR app\nFROM base\nWORKDIR /tmp\nRUN ls\nWORKDIR /srv/app\nRUN ls\n',
    },
    {
      name: 'a WORKDIR from a build argument',
      code: 'FROM debian:12\nARG DIR=/opt\nWORKDIR $DIR\nRUN cd /tmp && ls\nUSER app\n',
      findings: [{ message: MSG, range: [3, 4, 3, 6], aliases: BOTH }],
      output: 'FROM debian:12\nARG DIR=/opt\nWORKDIR $DIR\nWORKDIR /tmp\nRUN ls\nWORKDIR /opt\nUSER app\n',
    },
    {
      name: 'a directory from a build argument is written out',
      code: 'FROM debian:12\nARG SRC=/usr/src/app\nWORKDIR /\nRUN cd "$SRC" && make\n',
      findings: [{ message: MSG, range: [3, 4, 3, 6], aliases: BOTH }],
      output: 'FROM debian:12\nARG SRC=/usr/src/app\nWORKDIR /\nWORKDIR /usr/src/app\nRUN make\nWORKDIR /\n',
    },
    {
      name: 'cd - and $OLDPWD: no fix',
      code: 'FROM debian:12\nWORKDIR /\nRUN cd /usr/src && make && cd - && x\nRUN cd /usr/src && echo $OLDPWD\n',
      findings: [
        { message: MSG, range: [2, 4, 2, 6], aliases: BOTH },
        { message: MSG, range: [2, 27, 2, 29], aliases: BOTH },
        { message: MSG, range: [3, 4, 3, 6], aliases: BOTH },
      ],
    },
    {
      name: 'relative, variable and lone cd: no fix',
      code: 'FROM debian:12\nWORKDIR /\nRUN cd src && make\nRUN cd $HOME && ls\nRUN cd\n',
      findings: [
        { message: MSG, range: [2, 4, 2, 6], aliases: BOTH },
        { message: MSG, range: [3, 4, 3, 6], aliases: BOTH },
        { message: MSG, range: [4, 4, 4, 6], aliases: HADOLINT },
      ],
    },
    {
      name: 'in a subshell, after || and ;: hadolint only',
      code: 'FROM debian:12\nRUN (cd /x && make) && true || cd y && z; cd q\n',
      findings: [
        { message: MSG, range: [1, 5, 1, 7], aliases: HADOLINT },
        { message: MSG, range: [1, 31, 1, 33], aliases: HADOLINT },
        { message: MSG, range: [1, 42, 1, 44], aliases: HADOLINT },
      ],
    },
    {
      name: 'in a subshell after && (Trivy sees "cd /y)" as a part)',
      code: 'FROM debian:12\nRUN a || (b && cd /y)\n',
      findings: [{ message: MSG, range: [1, 15, 1, 17], aliases: BOTH }],
    },
    {
      name: 'inside sh -c and exec form: not hadolint\'s',
      code: 'FROM debian:12\nRUN sh -c "cd /x && y"\nRUN ["sh", "-c", "cd /x && y"]\n',
      findings: [
        { message: MSG, range: [1, 11, 1, 13], aliases: [] },
        { message: MSG, range: [2, 18, 2, 20], aliases: [] },
      ],
    },
    {
      name: 'heredoc: no fix',
      code: 'FROM debian:12\nWORKDIR /\nRUN <<EOF\ncd /x\nmake\nEOF\n',
      findings: [{ message: MSG, range: [3, 0, 3, 2], aliases: HADOLINT }],
    },
    {
      name: 'cache mount kept; last instruction without a newline',
      code: 'FROM debian:12\nWORKDIR /\nRUN --mount=type=cache,target=/x cd /usr/src && make',
      findings: [{ message: MSG, range: [2, 33, 2, 35], aliases: BOTH }],
      output: 'FROM debian:12\nWORKDIR /\nWORKDIR /usr/src\nRUN --mount=type=cache,target=/x make\nWORKDIR /\n',
    },
    {
      name: 'indented, CRLF',
      code: 'FROM debian:12\r\nWORKDIR /w\r\n  RUN cd /x && y\r\nCMD ["z"]\r\n',
      findings: [{ message: MSG, range: [2, 6, 2, 8], aliases: BOTH }],
      output: 'FROM debian:12\r\nWORKDIR /w\r\n  WORKDIR /x\r\n  RUN y\r\n  WORKDIR /w\r\nCMD ["z"]\r\n',
    },
    {
      name: 'piped or redirected cd: no fix',
      code: 'FROM debian:12\nWORKDIR /\nRUN cd /x 2>/dev/null && y\n',
      findings: [{ message: MSG, range: [2, 4, 2, 6], aliases: BOTH }],
    },
  ],
});
