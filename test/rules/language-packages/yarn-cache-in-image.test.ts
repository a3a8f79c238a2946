import { yarnCacheInImage } from '../../../server/src/rules/language-packages/yarn-cache-in-image';
import { ruleTester } from '../../harness/rule-tester';

const M = 'yarn leaves its package cache in the image.';
const N = 'FROM node:20\n';

ruleTester(yarnCacheInImage, {
  valid: [
    { name: 'yarn cache clean in the same RUN', code: `${N}RUN yarn install --frozen-lockfile && yarn cache clean\n` },
    { name: 'yarn cache clean --force, after a continuation', code: `${N}RUN yarn install \\\n && yarn build \\\n && yarn cache clean --force\n` },
    { name: 'the cache folder removed', code: `${N}RUN yarn install && rm -rf /usr/local/share/.cache/yarn\n` },
    { name: 'the folder yarn cache dir prints removed', code: `${N}RUN yarn install && rm -rf "$(yarn cache dir)"\n` },
    { name: 'a cache mount over yarn\'s cache', code: `${N}RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n` },
    { name: 'a cache mount over --cache-folder', code: `${N}RUN --mount=type=cache,target=/ycache yarn install --cache-folder /ycache\n` },
    { name: 'a cache mount over YARN_CACHE_FOLDER', code: `${N}ENV YARN_CACHE_FOLDER=/ycache\nRUN --mount=type=cache,target=/ycache yarn\n` },
    { name: 'a build stage only copied from', code: 'FROM node:20 AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'other yarn commands', code: `${N}RUN yarn build && yarn run test && yarn --version\n` },
    { name: 'words of another command', code: `${N}RUN echo yarn install\n` },
  ],
  invalid: [
    {
      name: 'yarn install',
      code: `${N}RUN yarn install --frozen-lockfile\n`,
      findings: [{ message: M, range: [1, 4, 1, 16], aliases: ['DL3060'] }],
      fixTitle: 'Run yarn cache clean after the install',
      output: `${N}RUN yarn install --frozen-lockfile && yarn cache clean\n`,
    },
    {
      name: 'yarn alone, then a build, across continuations',
      code: `${N}RUN yarn \\\n && yarn build\n`,
      findings: [{ message: M, range: [1, 4, 1, 8] }],
      output: `${N}RUN yarn \\\n && yarn build && yarn cache clean\n`,
    },
    {
      name: 'yarn add and yarn global add',
      code: `${N}RUN yarn add left-pad@1.3.0; yarn global add serve@14.2.3 # tools\n`,
      findings: [
        { message: M, range: [1, 4, 1, 12] },
        { message: M, range: [1, 29, 1, 44] },
      ],
      output: `${N}RUN yarn add left-pad@1.3.0; yarn global add serve@14.2.3 && yarn cache clean # tools\n`,
    },
    {
      name: 'the cache cleaned before the install',
      code: `${N}RUN yarn cache clean && sudo yarn install\n`,
      findings: [{ message: M, range: [1, 29, 1, 41] }],
      output: `${N}RUN yarn cache clean && sudo yarn install && yarn cache clean\n`,
    },
    {
      name: 'the cache cleaned in a later RUN',
      code: `${N}RUN yarn install\nRUN yarn cache clean\n`,
      findings: [{ message: M, range: [1, 4, 1, 16] }],
      output: `${N}RUN yarn install && yarn cache clean\nRUN yarn cache clean\n`,
    },
    {
      name: 'a stage the final stage builds on',
      code: 'FROM node:20 AS deps\nRUN yarn install\nFROM deps\nCMD ["node", "index.js"]\n',
      findings: [{ message: M, range: [1, 4, 1, 16] }],
      output: 'FROM node:20 AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nCMD ["node", "index.js"]\n',
    },
    {
      name: 'heredoc',
      code: `${N}RUN <<EOF\nyarn install\nEOF\n`,
      findings: [{ message: M, range: [2, 0, 2, 12] }],
      output: `${N}RUN <<EOF\nyarn install && yarn cache clean\nEOF\n`,
    },
    {
      name: 'exec form: no fix',
      code: `${N}RUN ["yarn", "install"]\n`,
      findings: [{ message: M, range: [1, 5, 1, 22] }],
    },
    {
      name: 'a cache mount elsewhere',
      code: `${N}RUN --mount=type=cache,target=/root/.npm yarn install\n`,
      findings: [{ message: M, range: [1, 41, 1, 53] }],
      output: `${N}RUN --mount=type=cache,target=/root/.npm yarn install && yarn cache clean\n`,
    },
  ],
});
