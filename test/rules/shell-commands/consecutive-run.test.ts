import { consecutiveRun } from '../../../server/src/rules/shell-commands/consecutive-run';
import { ruleTester } from '../../harness/rule-tester';

const MSG = 'This RUN follows another RUN; consider joining them into one layer.';

ruleTester(consecutiveRun, {
  valid: [
    { name: 'one RUN', code: 'FROM debian:12\nRUN a && b\n' },
    { name: 'another instruction between', code: 'FROM debian:12\nRUN a\nWORKDIR /x\nRUN b\n' },
    { name: 'different mounts', code: 'FROM debian:12\nRUN --mount=type=cache,target=/a a\nRUN --mount=type=cache,target=/b b\nRUN c\n' },
    { name: 'different stages', code: 'FROM debian:12 AS a\nRUN a\nFROM debian:12\nRUN b\n' },
  ],
  invalid: [
    {
      name: 'two RUNs',
      code: 'FROM debian:12\nRUN a\nRUN b\n',
      findings: [{ message: MSG, range: [2, 0, 2, 3], aliases: ['DL3059'] }],
    },
    {
      name: 'comments and blank lines between, three in a row, heredoc and exec form',
      code: 'FROM debian:12\nRUN a\n# c\n\nRUN <<EOF\nb\nEOF\nRUN ["c"]\n',
      findings: [
        { message: MSG, range: [4, 0, 4, 3], aliases: ['DL3059'] },
        { message: MSG, range: [7, 0, 7, 3], aliases: ['DL3059'] },
      ],
    },
    {
      name: 'the same mount, written with other spacing',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/x a\nrun   --mount=type=cache,target=/x \\\n  b\n',
      findings: [{ message: MSG, range: [2, 0, 2, 3], aliases: ['DL3059'] }],
    },
  ],
});
