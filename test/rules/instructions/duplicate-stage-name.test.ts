import { duplicateStageName } from '../../../server/src/rules/instructions/duplicate-stage-name';
import { ruleTester } from '../../harness/rule-tester';

const ALL = ['DL3024', 'DS-0012', 'DS012', 'AVD-DS-0012', 'CKV_DOCKER_11', 'DuplicateStageName'];
const NOT_CHECKOV = ['DL3024', 'DS-0012', 'DS012', 'AVD-DS-0012', 'DuplicateStageName'];

ruleTester(duplicateStageName, {
  valid: [
    { name: 'distinct names', code: 'FROM golang:1.22 AS build-go\nFROM node:20-slim AS build-web\nFROM alpine:3.20\n' },
    { name: 'unnamed stages', code: 'FROM alpine:3.20\nFROM alpine:3.20\n' },
    { name: 'a stage built on another', code: 'FROM alpine:3.20 AS base\nFROM base AS app\n' },
  ],
  invalid: [
    {
      name: 'the same name twice, lowercase as',
      code: 'FROM golang:1.22 as build\nRUN go build -o /app .\nFROM node:20-slim as build\nRUN npm ci\n',
      findings: [{ message: 'Stage name "build" is already used by the stage on line 1.', range: [2, 21, 2, 26], aliases: ALL }],
    },
    {
      name: 'uppercase AS: Checkov does not read it',
      code: 'FROM golang:1.22 AS build\nFROM node:20-slim AS build\nFROM alpine:3.20 AS build\n',
      findings: [
        { message: 'Stage name "build" is already used by the stage on line 1.', range: [1, 21, 1, 26], aliases: NOT_CHECKOV },
        { message: 'Stage name "build" is already used by the stage on line 1.', range: [2, 20, 2, 25], aliases: NOT_CHECKOV },
      ],
    },
    {
      name: 'other casing: BuildKit and Trivy lowercase names, hadolint does not',
      code: 'FROM golang:1.22 as Build\nFROM node:20-slim as build\n',
      findings: [{ message: 'Stage name "build" is already used by the stage on line 1.', range: [1, 21, 1, 26], aliases: ['DS-0012', 'DS012', 'AVD-DS-0012', 'DuplicateStageName'] }],
    },
  ],
});
