import { copyDestinationNotFolder } from '../../../server/src/rules/instructions/copy-destination-not-folder';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(copyDestinationNotFolder, {
  valid: [
    { name: 'one source', code: 'FROM node:20-slim\nCOPY package.json /app\n' },
    { name: 'a trailing slash', code: 'FROM node:20-slim\nCOPY package.json package-lock.json /app/\n' },
    { name: 'a quoted trailing slash', code: 'FROM node:20-slim\nCOPY a b "/my-app/"\n' },
    { name: 'JSON form over lines', code: 'FROM node:20-slim\nCOPY ["a", \\\n  "b", "/app/"]\n' },
    { name: 'JSON form with a trailing slash', code: 'FROM node:20-slim\nCOPY ["a", "b", "/app/"]\n' },
    { name: 'a variable with no known value', code: 'FROM node:20-slim\nCOPY a b $DEST\n' },
    { name: 'an ARG ending in a slash', code: 'FROM node:20-slim\nARG DEST=/app/\nCOPY a b ${DEST}\n' },
    { name: 'flags are not sources', code: 'FROM node:20-slim\nCOPY --chown=1:1 --from=build /out /app\n' },
    { name: 'a heredoc and a file', code: 'FROM node:20-slim\nCOPY <<EOF /etc/motd\nhello there\nEOF\n' },
    { name: 'ADD is not checked', code: 'FROM node:20-slim\nADD a b /app\n' },
  ],
  invalid: [
    {
      name: 'two sources',
      code: 'FROM node:20-slim\nCOPY package.json package-lock.json /app\n',
      findings: [{ message: 'COPY has 2 sources, so its destination "/app" must end with "/".', range: [1, 36, 1, 40] }],
      fixTitle: 'Add a trailing slash to the destination',
      output: 'FROM node:20-slim\nCOPY package.json package-lock.json /app/\n',
    },
    {
      name: 'quoted destination, flags, continuation',
      code: 'FROM node:20-slim\nCOPY --chown=1:1 a \\\n  b c "/my-app"\n',
      findings: [{ message: 'COPY has 3 sources, so its destination "/my-app" must end with "/".', range: [2, 6, 2, 15] }],
      output: 'FROM node:20-slim\nCOPY --chown=1:1 a \\\n  b c "/my-app/"\n',
    },
    {
      name: 'JSON form',
      code: 'FROM node:20-slim\nCOPY ["a", "b", "/app"]\n',
      findings: [{ message: 'COPY has 2 sources, so its destination "/app" must end with "/".', range: [1, 16, 1, 22] }],
      output: 'FROM node:20-slim\nCOPY ["a", "b", "/app/"]\n',
    },
    {
      name: 'an ARG destination, in a build stage',
      code: 'FROM node:20-slim AS build\nARG DEST=/src\nCOPY a b $DEST\nFROM node:20-slim\n',
      findings: [{ message: 'COPY has 2 sources, so its destination "/src" must end with "/".', range: [2, 9, 2, 14] }],
      output: 'FROM node:20-slim AS build\nARG DEST=/src\nCOPY a b $DEST/\nFROM node:20-slim\n',
    },
    {
      name: 'two heredocs',
      code: 'FROM node:20-slim\nCOPY <<A <<B /etc\na\nA\nb\nB\n',
      findings: [{ message: 'COPY has 2 sources, so its destination "/etc" must end with "/".', range: [1, 13, 1, 17] }],
      output: 'FROM node:20-slim\nCOPY <<A <<B /etc/\na\nA\nb\nB\n',
    },
    {
      name: 'a relative destination',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY a b .\n',
      findings: [{ message: 'COPY has 2 sources, so its destination "." must end with "/".', range: [2, 9, 2, 10] }],
      output: 'FROM node:20-slim\nWORKDIR /app\nCOPY a b ./\n',
    },
  ],
});
