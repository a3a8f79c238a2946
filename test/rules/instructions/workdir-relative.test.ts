import { workdirRelative } from '../../../server/src/rules/instructions/workdir-relative';
import { ruleTester } from '../../harness/rule-tester';

const M = (p: string): string => `WORKDIR "${p}" is a relative path.`;
const ALL = ['DL3000', 'DS-0009', 'DS009', 'AVD-DS-0009', 'CKV_DOCKER_10', 'WorkdirRelativePath'];
const NOT_BUILDKIT = ['DL3000', 'DS-0009', 'DS009', 'AVD-DS-0009', 'CKV_DOCKER_10'];

ruleTester(workdirRelative, {
  valid: [
    { name: 'absolute', code: 'FROM alpine:3.20\nWORKDIR /app\n' },
    { name: 'quoted absolute', code: 'FROM alpine:3.20\nWORKDIR "/app"\n' },
    { name: 'single-quoted absolute', code: "FROM alpine:3.20\nWORKDIR '/srv/app'\n" },
    { name: 'a variable with no known value', code: 'FROM alpine:3.20\nWORKDIR $HOME/app\n' },
    { name: 'a braced variable with no known value', code: 'FROM alpine:3.20\nARG DIR\nWORKDIR ${DIR}\n' },
    { name: 'an ARG that resolves to an absolute path', code: 'FROM alpine:3.20\nARG DIR=/opt/app\nWORKDIR $DIR\n' },
    { name: 'an ENV that resolves to an absolute path', code: 'FROM alpine:3.20\nENV APP_HOME=/home/app\nWORKDIR ${APP_HOME}/src\n' },
    { name: 'a Windows drive path', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n' },
    { name: 'a Windows drive path with forward slashes', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app\n' },
    { name: 'a Windows path with the escape directive', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n' },
    { name: 'a line continuation', code: 'FROM alpine:3.20\nWORKDIR \\\n  /app\n' },
  ],
  invalid: [
    {
      name: 'a relative path: every tool',
      code: 'FROM alpine:3.20\nWORKDIR app\nCOPY . .\n',
      findings: [{ message: M('app'), range: [1, 8, 1, 11], aliases: ALL }],
    },
    {
      name: 'a relative path after an absolute one: BuildKit takes it as anchored',
      code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n',
      findings: [{ message: M('src'), range: [2, 8, 2, 11], aliases: NOT_BUILDKIT }],
    },
    {
      name: 'two relative paths: neither is anchored by an absolute one',
      code: 'FROM alpine:3.20\nWORKDIR app\nWORKDIR src\n',
      findings: [
        { message: M('app'), range: [1, 8, 1, 11], aliases: ALL },
        { message: M('src'), range: [2, 8, 2, 11], aliases: ALL },
      ],
    },
    {
      name: 'quoted relative path',
      code: 'FROM alpine:3.20\nWORKDIR "my app"\n',
      findings: [{ message: M('my app'), range: [1, 8, 1, 16], aliases: ALL }],
    },
    {
      name: 'dot-relative',
      code: 'FROM alpine:3.20\nWORKDIR ./build\n',
      findings: [{ message: M('./build'), range: [1, 8, 1, 15], aliases: ALL }],
    },
    {
      name: 'an ARG that resolves to a relative path: only BuildKit expands it',
      code: 'FROM alpine:3.20\nARG DIR=app\nWORKDIR $DIR\n',
      findings: [{ message: M('app'), range: [2, 8, 2, 12], aliases: ['WorkdirRelativePath'] }],
    },
    {
      name: 'a global ARG redeclared in the stage',
      code: 'ARG DIR=src\nFROM alpine:3.20\nARG DIR\nWORKDIR ${DIR}\n',
      findings: [{ message: M('src'), range: [3, 8, 3, 14], aliases: ['WorkdirRelativePath'] }],
    },
    {
      name: 'each stage on its own: the second stage has no absolute WORKDIR before',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nFROM alpine:3.20\nWORKDIR app\n',
      findings: [{ message: M('app'), range: [3, 8, 3, 11], aliases: ALL }],
    },
    {
      name: 'a variable after the start: Trivy takes a $ anywhere as absolute',
      code: 'FROM alpine:3.20\nENV V=1\nWORKDIR app-$V\n',
      findings: [{ message: M('app-1'), range: [2, 8, 2, 14], aliases: ['DL3000', 'CKV_DOCKER_10', 'WorkdirRelativePath'] }],
    },
  ],
});
