import { noEmptyContinuation } from '../../../server/src/rules/buildkit/no-empty-continuation';
import { ruleTester } from '../../harness/rule-tester';

const MSG = 'An empty line inside a continued instruction does not end it.';

ruleTester(noEmptyContinuation, {
  valid: [
    { name: 'continuation without empty lines', code: 'FROM alpine:3.20\nRUN apk add \\\n    curl\n' },
    { name: 'comment lines inside a continuation', code: 'FROM alpine:3.20\nRUN apk add \\\n# curl\n    curl\n' },
    { name: 'empty lines between instructions', code: 'FROM alpine:3.20\n\nRUN true\n\n' },
    { name: 'an empty line in a heredoc body', code: 'FROM alpine:3.20\nRUN <<EOF\necho a \\\n\necho b\nEOF\n' },
    { name: 'a continuation left open at the end of the file', code: 'FROM alpine:3.20\nRUN true \\\n' },
    { name: 'backslash not at the end of the line', code: 'FROM alpine:3.20\nRUN echo a\\b\n\nRUN true\n' },
  ],
  invalid: [
    {
      name: 'one empty line',
      code: 'FROM alpine:3.20\nRUN apk add \\\n\n    curl\n',
      findings: [{ message: MSG, range: [1, 12, 2, 0] }],
      fixTitle: 'Remove the empty continuation lines',
      output: 'FROM alpine:3.20\nRUN apk add \\\n    curl\n',
    },
    {
      name: 'a line of spaces after a comment line, and another later',
      code: 'FROM alpine:3.20\nRUN apk add \\\n  # note\n   \n    curl \\\n\t\n    jq\nCMD ["sh"]\n',
      findings: [{ message: MSG, range: [1, 12, 5, 1] }],
      output: 'FROM alpine:3.20\nRUN apk add \\\n  # note\n    curl \\\n    jq\nCMD ["sh"]\n',
    },
    {
      name: 'an empty line glues the next instruction on',
      code: 'FROM alpine:3.20\nENV A=1 \\\n\nENV B=2\n',
      findings: [{ message: MSG, range: [1, 8, 2, 0] }],
      output: 'FROM alpine:3.20\nENV A=1 \\\nENV B=2\n',
    },
    {
      name: 'empty line at the end of the file',
      code: 'FROM alpine:3.20\nRUN true \\\n\n',
      findings: [{ message: MSG, range: [1, 9, 2, 0] }],
      output: 'FROM alpine:3.20\nRUN true \\\n',
    },
    {
      name: 'backtick escape and CRLF',
      code: '# escape=`\r\nFROM alpine:3.20\r\nRUN echo a `\r\n\r\n  b\r\n',
      findings: [{ message: MSG, range: [2, 11, 3, 0] }],
      output: '# escape=`\r\nFROM alpine:3.20\r\nRUN echo a `\r\n  b\r\n',
    },
    {
      name: 'in a build stage, with a spaces after the backslash',
      code: 'FROM alpine:3.20 AS b\nCOPY a \\  \n\n  /a\nFROM b\n',
      findings: [{ message: MSG, range: [1, 7, 2, 0] }],
      output: 'FROM alpine:3.20 AS b\nCOPY a \\  \n  /a\nFROM b\n',
    },
  ],
});
