import { shellFormCommand } from '../../../server/src/rules/instructions/shell-form-command';
import { ruleTester } from '../../harness/rule-tester';

const CMD = 'CMD in shell form runs under /bin/sh -c, which does not pass on stop signals.';
const EP = 'ENTRYPOINT in shell form runs under /bin/sh -c, which does not pass on stop signals.';
const BOTH = ['DL3025', 'JSONArgsRecommended'];

ruleTester(shellFormCommand, {
  valid: [
    { name: 'exec form', code: 'FROM node:20-slim\nENTRYPOINT ["node"]\nCMD ["server.js"]\n' },
    { name: 'exec form over lines', code: 'FROM node:20-slim\nCMD ["node", \\\n  "server.js"]\n' },
    { name: 'an explicit shell in exec form', code: 'FROM node:20-slim\nCMD ["sh", "-c", "exec node server.js"]\n' },
    { name: 'RUN is not checked', code: 'FROM node:20-slim\nRUN npm ci\n' },
    { name: 'an empty exec form', code: 'FROM node:20-slim\nCMD []\n' },
  ],
  invalid: [
    {
      name: 'a CMD under an exec-form ENTRYPOINT becomes its arguments',
      code: 'FROM python:3.12-slim AS base\nENTRYPOINT ["python", "-m", "app"]\nFROM base\nCMD serve --port 8080\n',
      findings: [{ message: 'CMD in shell form is passed to the exec-form ENTRYPOINT as the arguments "/bin/sh", "-c" and the command text.', range: [3, 4, 3, 21], aliases: BOTH }],
      output: 'FROM python:3.12-slim AS base\nENTRYPOINT ["python", "-m", "app"]\nFROM base\nCMD ["serve", "--port", "8080"]\n',
    },
    {
      name: 'a command that starts with exec replaces the shell: signals do arrive',
      code: 'FROM node:20-slim\nCMD exec node server.js\n',
      findings: [{ message: 'CMD in shell form starts a shell first; write it as a JSON array.', range: [1, 4, 1, 23], aliases: BOTH }],
    },
    {
      name: 'plain words: fix to exec form',
      code: 'FROM node:20-slim\nCMD node server.js --port=8080\n',
      findings: [{ message: CMD, range: [1, 4, 1, 30], aliases: BOTH }],
      fixTitle: 'Write the CMD in exec form',
      output: 'FROM node:20-slim\nCMD ["node", "server.js", "--port=8080"]\n',
    },
    {
      name: 'ENTRYPOINT with no CMD in the stage, continued over lines',
      code: 'FROM alpine:3.20\nENTRYPOINT /usr/local/bin/app \\\n  serve\n',
      findings: [{ message: EP, range: [1, 11, 2, 7], aliases: BOTH }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/usr/local/bin/app", "serve"]\n',
    },
    {
      name: 'ENTRYPOINT with a CMD in the stage: no fix, CMD would become its arguments',
      code: 'FROM alpine:3.20\nENTRYPOINT /app\nCMD ["--help"]\n',
      findings: [{ message: EP, range: [1, 11, 1, 15], aliases: BOTH }],
    },
    {
      name: 'ENTRYPOINT with a CMD in a stage built on it: no fix',
      code: 'FROM alpine:3.20 AS base\nENTRYPOINT /app\nFROM base\nCMD ["--help"]\n',
      findings: [{ message: EP, range: [1, 11, 1, 15], aliases: BOTH }],
    },
    {
      name: 'shell syntax: no fix',
      code: 'FROM alpine:3.20\nCMD /app --port=$PORT && echo done\n',
      findings: [{ message: CMD, range: [1, 4, 1, 34], aliases: BOTH }],
    },
    {
      name: 'a quoted word: no fix',
      code: 'FROM alpine:3.20\nCMD echo "hello world"\n',
      findings: [{ message: CMD, range: [1, 4, 1, 22], aliases: BOTH }],
    },
    {
      name: 'a shell builtin: no fix',
      code: 'FROM alpine:3.20\nCMD set -e; /app\n',
      findings: [{ message: CMD, range: [1, 4, 1, 16], aliases: BOTH }],
    },
    {
      name: 'after SHELL in a parent stage: BuildKit is silent, no fix',
      code: 'FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nFROM base\nCMD /app\n',
      findings: [{ message: CMD, range: [3, 4, 3, 8], aliases: ['DL3025'] }],
    },
    {
      name: 'SHELL after the CMD does not count; both stages are checked',
      code: 'FROM alpine:3.20 AS build\nCMD make\nFROM alpine:3.20\nCMD run\nSHELL ["/bin/sh", "-c"]\n',
      findings: [
        { message: CMD, range: [1, 4, 1, 8], aliases: BOTH },
        { message: CMD, range: [3, 4, 3, 7], aliases: BOTH },
      ],
      output: 'FROM alpine:3.20 AS build\nCMD ["make"]\nFROM alpine:3.20\nCMD ["run"]\nSHELL ["/bin/sh", "-c"]\n',
    },
    {
      name: 'broken JSON is shell form',
      code: 'FROM alpine:3.20\nCMD ["/app", --x]\n',
      findings: [{ message: CMD, range: [1, 4, 1, 17], aliases: BOTH }],
    },
  ],
});
