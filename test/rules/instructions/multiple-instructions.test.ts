import { multipleInstructions } from '../../../server/src/rules/instructions/multiple-instructions';
import { ruleTester } from '../../harness/rule-tester';

const CMD = ['DL4003', 'DS-0016', 'DS016', 'AVD-DS-0016', 'MultipleInstructionsDisallowed'];
const ENTRYPOINT = ['DL4004', 'DS-0007', 'DS007', 'AVD-DS-0007', 'MultipleInstructionsDisallowed'];
const HEALTHCHECK = ['DL3012', 'DS-0023', 'DS023', 'AVD-DS-0023', 'MultipleInstructionsDisallowed'];

ruleTester(multipleInstructions, {
  valid: [
    { name: 'one of each', code: 'FROM alpine:3.20\nENTRYPOINT ["/app"]\nCMD ["--help"]\nHEALTHCHECK CMD /app --ping\n' },
    { name: 'one per stage', code: 'FROM alpine:3.20 AS a\nCMD ["a"]\nHEALTHCHECK NONE\nFROM a\nCMD ["b"]\nHEALTHCHECK CMD true\n' },
    { name: 'ONBUILD CMD is a trigger, not a CMD', code: 'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]\n' },
  ],
  invalid: [
    {
      name: 'two CMDs',
      code: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\nCMD ["gunicorn", "app:app"]\n',
      findings: [{ message: 'This CMD is overridden by the CMD on line 3.', range: [1, 0, 1, 3], aliases: CMD }],
      fixTitle: 'Remove the overridden CMD',
      output: 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n',
    },
    {
      name: 'three ENTRYPOINTs, one continued over lines',
      code: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT b \\\n  c\nRUN echo\nENTRYPOINT ["d"]\n',
      findings: [
        { message: 'This ENTRYPOINT is overridden by the ENTRYPOINT on line 6.', range: [1, 0, 1, 10], aliases: ENTRYPOINT },
        { message: 'This ENTRYPOINT is overridden by the ENTRYPOINT on line 6.', range: [2, 0, 2, 10], aliases: ENTRYPOINT },
      ],
      output: 'FROM alpine:3.20\nRUN echo\nENTRYPOINT ["d"]\n',
    },
    {
      name: 'HEALTHCHECK NONE then a HEALTHCHECK, in the second stage only',
      code: 'FROM alpine:3.20 AS build\nHEALTHCHECK NONE\nFROM alpine:3.20\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s CMD wget -q localhost\nCMD ["x"]\n',
      findings: [{ message: 'This HEALTHCHECK is overridden by the HEALTHCHECK on line 5.', range: [3, 0, 3, 11], aliases: HEALTHCHECK }],
      output: 'FROM alpine:3.20 AS build\nHEALTHCHECK NONE\nFROM alpine:3.20\nHEALTHCHECK --interval=5s CMD wget -q localhost\nCMD ["x"]\n',
    },
    {
      name: 'CMD and ENTRYPOINT twice each, in lowercase',
      code: 'from alpine:3.20\ncmd ["a"]\nentrypoint ["x"]\ncmd ["b"]\nentrypoint ["y"]\n',
      findings: [
        { message: 'This CMD is overridden by the CMD on line 4.', range: [1, 0, 1, 3], aliases: CMD },
        { message: 'This ENTRYPOINT is overridden by the ENTRYPOINT on line 5.', range: [2, 0, 2, 10], aliases: ENTRYPOINT },
      ],
      output: 'from alpine:3.20\ncmd ["b"]\nentrypoint ["y"]\n',
    },
  ],
});
