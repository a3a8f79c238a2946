import { contextSecretsNotIgnored } from '../../../server/src/rules/build-context/context-secrets-not-ignored';
import type { DocumentFacts } from '../../../server/src/rules/types';
import { ruleTester } from '../../harness/rule-tester';

const ALL = '.git, **/.env*, **/*.pem, **/*.key, **/id_rsa*, **/id_ed25519*, **/.npmrc, **/.aws';
const ADDED = '# Secrets and repository history stay out of the build context.\n.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n';
const NONE: DocumentFacts = { dockerignore: null };
const ignore = (text: string, path = '.dockerignore'): DocumentFacts => ({ dockerignore: { path, text } });
const COMPLETE = ignore('.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n');
const noFile = (keyword = 'COPY', word = '.', into = 'the image', file = '.dockerignore'): string =>
  `${keyword} "${word}" copies the whole build context into ${into}, and there is no ${file} to keep .git, .env files and private keys out.`;
const notExcluded = (missing: string, word = '.', into = 'the image', file = '.dockerignore'): string => `COPY "${word}" copies the whole build context into ${into}, and ${file} does not exclude ${missing}.`;

ruleTester(contextSecretsNotIgnored, {
  valid: [
    { name: 'facts unknown (no file system): silent', code: 'FROM alpine:3.20\nCOPY . /app\n' },
    { name: 'an ignore file that excludes every pattern', code: 'FROM alpine:3.20\nCOPY . /app\n', facts: COMPLETE },
    { name: 'an allow-list ignore file', code: 'FROM alpine:3.20\nCOPY . /app\n', facts: ignore('*\n!src\n!package.json\n') },
    { name: 'other spellings that exclude the same paths', code: 'FROM alpine:3.20\nCOPY . /app\n', facts: ignore('/.git/\n.env*\n**/*.pem\n**/*.key\n**/id_*\n.npmrc\n.aws\n') },
    { name: 'named sources only', code: 'FROM alpine:3.20\nCOPY src/ package.json /app/\n', facts: NONE },
    { name: 'COPY --from a stage is not the context', code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build . /app\n', facts: NONE },
    { name: 'a remote ADD', code: 'FROM alpine:3.20\nADD https://example.com/a.tar.gz .\n', facts: NONE },
    { name: 'a heredoc COPY', code: 'FROM alpine:3.20\nCOPY <<EOF /app/.\nhello\nEOF\n', facts: NONE },
    {
      name: 'multi-stage: the final image copies only the binary out of the build stage',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n',
      facts: NONE,
    },
    {
      name: 'multi-stage: the final image copies a folder below the context copy',
      code: 'FROM node:20 AS build\nWORKDIR /src\nCOPY . .\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /src/dist /usr/share/nginx/html\n',
      facts: NONE,
    },
    { name: 'a build stage nobody copies from', code: 'FROM alpine:3.20 AS test\nCOPY . .\nFROM alpine:3.20\nRUN true\n', facts: NONE },
    { name: 'an ignore file with an invalid pattern fails the build', code: 'FROM alpine:3.20\nCOPY . /app\n', facts: ignore('!\n') },
    { name: 'a build argument without a value', code: 'FROM alpine:3.20\nARG SRC\nCOPY $SRC /app\n', facts: NONE },
    { name: 'an exec-form RUN copying in the image is not the context', code: 'FROM alpine:3.20\nRUN ["cp", "-r", ".", "/app"]\n', facts: NONE },
    { name: 'ONBUILD COPY copies the context of a later build', code: 'FROM alpine:3.20\nONBUILD COPY . /app\n', facts: NONE },
  ],
  invalid: [
    {
      name: 'no ignore file: the fix creates .dockerignore',
      code: 'FROM alpine:3.20\nCOPY . /app\n',
      facts: NONE,
      findings: [{ message: noFile(), range: [1, 5, 1, 6] }],
      fixTitle: 'Exclude secrets in .dockerignore',
      output: 'FROM alpine:3.20\nCOPY . /app\n',
      outputFiles: { '.dockerignore': ADDED },
    },
    {
      name: 'an ignore file without the patterns: they are appended',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n',
      facts: ignore('node_modules\n'),
      findings: [{ message: notExcluded(ALL), range: [2, 5, 2, 6] }],
      fixTitle: 'Exclude secrets in .dockerignore',
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n',
      outputFiles: { '.dockerignore': `node_modules\n${ADDED}` },
    },
    {
      name: 'only what is missing is named and appended, after a last line without a line break',
      code: 'FROM alpine:3.20\nCOPY ./ /app/\n',
      facts: ignore('.git\n.env\n*.pem\n**/*.key\nid_rsa\n.ssh\n**/.npmrc\n.aws'),
      findings: [{ message: notExcluded('**/.env*, **/*.pem, **/id_ed25519*', './'), range: [1, 5, 1, 7] }],
      output: 'FROM alpine:3.20\nCOPY ./ /app/\n',
      outputFiles: { '.dockerignore': '.git\n.env\n*.pem\n**/*.key\nid_rsa\n.ssh\n**/.npmrc\n.aws\n# Secrets and repository history stay out of the build context.\n**/.env*\n**/*.pem\n**/id_ed25519*\n' },
    },
    {
      name: 'a later exception re-includes a file: the pattern is appended after it',
      code: 'FROM alpine:3.20\nCOPY . /app\n',
      facts: ignore('.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n!.env.local\n'),
      findings: [{ message: notExcluded('**/.env*'), range: [1, 5, 1, 6] }],
      output: 'FROM alpine:3.20\nCOPY . /app\n',
      outputFiles: { '.dockerignore': '.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.npmrc\n**/.aws\n!.env.local\n# Secrets and repository history stay out of the build context.\n**/.env*\n' },
    },
    {
      name: 'a CRLF ignore file keeps CRLF',
      code: 'FROM alpine:3.20\nCOPY . /app\n',
      facts: ignore('.git\r\n**/.env*\r\n**/*.pem\r\n**/*.key\r\n**/id_rsa*\r\n**/id_ed25519*\r\n**/.aws\r\n'),
      findings: [{ message: notExcluded('**/.npmrc'), range: [1, 5, 1, 6] }],
      output: 'FROM alpine:3.20\nCOPY . /app\n',
      outputFiles: { '.dockerignore': '.git\r\n**/.env*\r\n**/*.pem\r\n**/*.key\r\n**/id_rsa*\r\n**/id_ed25519*\r\n**/.aws\r\n# Secrets and repository history stay out of the build context.\r\n**/.npmrc\r\n' },
    },
    {
      name: "the Dockerfile's own ignore file applies: it is the one named and edited",
      code: 'FROM alpine:3.20\nCOPY . /app\n',
      facts: ignore('.git\n', 'api.Dockerfile.dockerignore'),
      findings: [{ message: notExcluded(ALL.replace('.git, ', ''), '.', 'the image', 'api.Dockerfile.dockerignore'), range: [1, 5, 1, 6] }],
      fixTitle: 'Exclude secrets in api.Dockerfile.dockerignore',
      output: 'FROM alpine:3.20\nCOPY . /app\n',
      outputFiles: { 'api.Dockerfile.dockerignore': `.git\n${ADDED.replace('.git\n', '')}` },
    },
    {
      name: 'a context elsewhere (the CLI --context): the path the adapter gives',
      code: 'FROM alpine:3.20\nCOPY . /app\n',
      facts: { dockerignore: null, ignoreFile: '../.dockerignore' },
      findings: [{ message: noFile('COPY', '.', 'the image', '../.dockerignore'), range: [1, 5, 1, 6] }],
      fixTitle: 'Exclude secrets in ../.dockerignore',
      output: 'FROM alpine:3.20\nCOPY . /app\n',
      outputFiles: { '../.dockerignore': ADDED },
    },
    {
      name: 'ADD, *, / and several COPYs share one fix',
      code: 'FROM alpine:3.20\nADD . /app\nCOPY * /srv/\nCOPY / /opt/\n',
      facts: NONE,
      findings: [
        { message: noFile('ADD'), range: [1, 4, 1, 5] },
        { message: noFile('COPY', '*'), range: [2, 5, 2, 6] },
        { message: noFile('COPY', '/'), range: [3, 5, 3, 6] },
      ],
      output: 'FROM alpine:3.20\nADD . /app\nCOPY * /srv/\nCOPY / /opt/\n',
      outputFiles: { '.dockerignore': ADDED },
    },
    {
      name: 'ARG value resolved',
      code: 'FROM alpine:3.20\nARG SRC=.\nCOPY $SRC /app\n',
      facts: NONE,
      findings: [{ message: noFile('COPY', '.'), range: [2, 5, 2, 9] }],
      output: 'FROM alpine:3.20\nARG SRC=.\nCOPY $SRC /app\n',
      outputFiles: { '.dockerignore': ADDED },
    },
    {
      name: 'ENV value resolved, exec form, line continuation',
      code: 'FROM alpine:3.20\nENV CTX=./\nCOPY --chown=app \\\n  ["${CTX}", "/app/"]\n',
      facts: NONE,
      findings: [{ message: noFile('COPY', './'), range: [3, 3, 3, 11] }],
      output: 'FROM alpine:3.20\nENV CTX=./\nCOPY --chown=app \\\n  ["${CTX}", "/app/"]\n',
      outputFiles: { '.dockerignore': ADDED },
    },
    {
      name: 'heredoc RUNs around the copy do not matter',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho "COPY . ."\nEOF\nCOPY . /app\n',
      facts: NONE,
      findings: [{ message: noFile(), range: [4, 5, 4, 6] }],
      output: 'FROM alpine:3.20\nRUN <<EOF\necho "COPY . ."\nEOF\nCOPY . /app\n',
      outputFiles: { '.dockerignore': ADDED },
    },
    {
      name: 'multi-stage: the final stage builds on the stage with the copy',
      code: 'FROM node:20 AS base\nWORKDIR /app\nCOPY . .\nFROM base\nCMD ["node", "index.js"]\n',
      facts: NONE,
      findings: [{ message: noFile(), range: [2, 5, 2, 6] }],
      output: 'FROM node:20 AS base\nWORKDIR /app\nCOPY . .\nFROM base\nCMD ["node", "index.js"]\n',
      outputFiles: { '.dockerignore': ADDED },
    },
    {
      name: 'multi-stage: the final stage copies the folder the context went to',
      code: 'FROM node:20 AS build\nWORKDIR /src\nCOPY . .\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /src /app\nCOPY . /ignored-here-too\n',
      facts: ignore('node_modules\n.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.aws\n'),
      findings: [
        { message: notExcluded('**/.npmrc', '.', 'stage build, whose /src the final image copies'), range: [2, 5, 2, 6] },
        { message: notExcluded('**/.npmrc'), range: [6, 5, 6, 6] },
      ],
      output: 'FROM node:20 AS build\nWORKDIR /src\nCOPY . .\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /src /app\nCOPY . /ignored-here-too\n',
      outputFiles: { '.dockerignore': 'node_modules\n.git\n**/.env*\n**/*.pem\n**/*.key\n**/id_rsa*\n**/id_ed25519*\n**/.aws\n# Secrets and repository history stay out of the build context.\n**/.npmrc\n' },
    },
    {
      name: 'multi-stage: COPY --from by index, a glob above the copy',
      code: 'FROM python:3.12 AS build\nCOPY . /src/app\nFROM python:3.12-slim\nCOPY --from=0 /src/* /srv/\n',
      facts: NONE,
      findings: [{ message: noFile('COPY', '.', 'stage build, whose /src the final image copies'), range: [1, 5, 1, 6] }],
      output: 'FROM python:3.12 AS build\nCOPY . /src/app\nFROM python:3.12-slim\nCOPY --from=0 /src/* /srv/\n',
      outputFiles: { '.dockerignore': ADDED },
    },
  ],
});
