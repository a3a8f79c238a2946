import { copyRelativeDestination } from '../../../server/src/rules/instructions/copy-relative-destination';
import { ruleTester } from '../../harness/rule-tester';

const M = (p: string): string => `COPY to the relative path "${p}" with no WORKDIR set in the stage.`;

ruleTester(copyRelativeDestination, {
  valid: [
    { name: 'a WORKDIR before', code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json .\n' },
    { name: 'an absolute destination', code: 'FROM node:20-slim\nCOPY package.json /app/\n' },
    { name: 'a quoted absolute destination', code: 'FROM node:20-slim\nCOPY package.json "/app/"\n' },
    { name: 'a WORKDIR in the parent stage', code: 'FROM node:20-slim AS base\nWORKDIR /app\nFROM base\nCOPY . .\n' },
    { name: 'a variable with no known value', code: 'FROM node:20-slim\nCOPY a $APP_HOME\n' },
    { name: 'an ARG that resolves to an absolute path', code: 'FROM node:20-slim\nARG DEST=/app\nCOPY a $DEST\n' },
    { name: 'a Windows path', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a C:/app/\n' },
    { name: 'JSON form, absolute', code: 'FROM node:20-slim\nCOPY ["a b", "/app/"]\n' },
  ],
  invalid: [
    {
      name: 'no WORKDIR',
      code: 'FROM node:20-slim\nCOPY package.json .\n',
      findings: [{ message: M('.'), range: [1, 18, 1, 19], aliases: ['DL3045'] }],
    },
    {
      name: 'WORKDIR after the COPY, and a stage that does not build on the one with a WORKDIR',
      code: 'FROM node:20-slim AS a\nWORKDIR /app\nFROM node:20-slim\nCOPY --chown=1:1 a app/\nWORKDIR /app\nCOPY b .\n',
      findings: [{ message: M('app/'), range: [3, 19, 3, 23], aliases: ['DL3045'] }],
    },
    {
      name: 'an ARG resolving to a relative path: hadolint skips variables',
      code: 'FROM node:20-slim\nARG DEST=dist\nCOPY a ${DEST}\n',
      findings: [{ message: M('dist'), range: [2, 7, 2, 14], aliases: [] }],
    },
    {
      name: 'a heredoc',
      code: 'FROM node:20-slim\nCOPY <<EOF motd\nhello /x\nEOF\n',
      findings: [{ message: M('motd'), range: [1, 11, 1, 15], aliases: ['DL3045'] }],
    },
    {
      name: 'JSON form',
      code: 'FROM node:20-slim\nCOPY ["a", "b", "dest/"]\n',
      findings: [{ message: M('dest/'), range: [1, 16, 1, 23], aliases: ['DL3045'] }],
    },
  ],
});
