import { secretUsedInRun } from '../../../server/src/rules/secrets/secret-used-in-run';
import { ruleTester } from '../../harness/rule-tester';

const HOW = (name: string): string => `pass it as a build secret (--secret id=${name.toLowerCase()},env=${name}) instead.`;
const ARG = (name: string): string => `This RUN reads ARG "${name}", whose value the image keeps in its history; ${HOW(name)}`;
const ENV = (name: string): string => `This RUN reads ENV "${name}", whose value the image keeps in its configuration; ${HOW(name)}`;
const BUILD = (kind: string, name: string, stage: string): string => `This RUN reads ${kind} "${name}", whose value the build cache of stage ${stage} keeps; ${HOW(name)}`;
const D = 'FROM debian:12\n';
const READ = (name: string): string => `--mount=type=secret,id=${name.toLowerCase()} ${name}="$(cat /run/secrets/${name.toLowerCase()})" && export ${name} && `;

ruleTester(secretUsedInRun, {
  valid: [
    { name: 'a secret ARG no RUN names', code: `${D}ARG NPM_TOKEN\nRUN npm ci\n` },
    { name: 'a variable with an innocent name and value', code: `${D}ARG VERSION=1.2\nRUN echo "$VERSION"\n` },
    { name: 'public key names', code: `${D}ENV GPG_KEY=ABCDEF PUBLIC_KEY=x\nRUN gpg --recv-keys "$GPG_KEY" && echo $PUBLIC_KEY\n` },
    { name: 'single quotes: not expanded', code: `${D}ARG API_TOKEN\nRUN echo '$API_TOKEN'\n` },
    { name: 'a name that only starts the same', code: `${D}ARG TOKEN\nRUN echo $TOKENS \${TOKEN_URL}\n` },
    { name: 'declared in another stage', code: `FROM debian:12 AS a\nARG API_TOKEN=x\nFROM debian:12\nRUN echo $API_TOKEN\n` },
    { name: 'exec form without a shell does not expand', code: `${D}ARG API_TOKEN\nRUN ["echo", "$API_TOKEN"]\n` },
    { name: 'the RUN reads the secret itself', code: `${D}ARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token NPM_TOKEN="$(cat /run/secrets/npm_token)" && export NPM_TOKEN && npm ci --token "$NPM_TOKEN"\n` },
    { name: 'used before it is declared', code: `${D}RUN echo $DB_PASSWORD\nARG DB_PASSWORD\n` },
  ],
  invalid: [
    {
      name: 'an ARG, fixed: the ARG goes',
      code: `${D}ARG NPM_TOKEN\nRUN npm config set //r/:_authToken "$NPM_TOKEN" && npm ci\n`,
      findings: [{ message: ARG('NPM_TOKEN'), range: [2, 36, 2, 46] }],
      fixTitle: 'Read it from a build secret',
      output: `${D}RUN ${READ('NPM_TOKEN')}npm config set //r/:_authToken "$NPM_TOKEN" && npm ci\n`,
    },
    {
      name: 'braces and a default, one finding per RUN',
      code: `${D}ARG API_KEY=dev\nRUN curl -H "X-Key: \${API_KEY:-none}" https://x && echo $API_KEY\n`,
      findings: [{ message: ARG('API_KEY'), range: [2, 20, 2, 36] }],
      output: `${D}RUN ${READ('API_KEY')}curl -H "X-Key: \${API_KEY:-none}" https://x && echo $API_KEY\n`,
    },
    {
      name: 'one key of a multi-key ENV goes',
      code: `${D}ENV MODE=prod DB_PASSWORD=hunter2 PORT=80\nRUN ./migrate --password=$DB_PASSWORD\n`,
      findings: [{ message: ENV('DB_PASSWORD'), range: [2, 25, 2, 37] }],
      output: `${D}ENV MODE=prod PORT=80\nRUN ${READ('DB_PASSWORD')}./migrate --password=$DB_PASSWORD\n`,
    },
    {
      name: 'a value that looks like a token, under an innocent name',
      code: `${D}ARG GH=ghp_abcdefghijklmnopqrstuvwxyz0123456789\nRUN git clone https://$GH@github.com/o/r\n`,
      findings: [{ message: ARG('GH'), range: [2, 22, 2, 25] }],
      output: `${D}RUN ${READ('GH')}git clone https://$GH@github.com/o/r\n`,
    },
    {
      name: 'the extra-names option',
      code: `${D}ARG DEPLOY\nRUN ./deploy "$DEPLOY"\n`,
      options: { 'extra-names': ['deploy'] },
      findings: [{ message: ARG('DEPLOY'), range: [2, 14, 2, 21] }],
      output: `${D}RUN ${READ('DEPLOY')}./deploy "$DEPLOY"\n`,
    },
    {
      name: 'two RUNs: both read the secret, the ARG goes once',
      code: `${D}ARG NPM_TOKEN\nRUN npm ci --token=$NPM_TOKEN\nRUN npm publish --token=$NPM_TOKEN\n`,
      findings: [
        { message: ARG('NPM_TOKEN'), range: [2, 19, 2, 29] },
        { message: ARG('NPM_TOKEN'), range: [3, 24, 3, 34] },
      ],
      output: `${D}RUN ${READ('NPM_TOKEN')}npm ci --token=$NPM_TOKEN\nRUN ${READ('NPM_TOKEN')}npm publish --token=$NPM_TOKEN\n`,
    },
    {
      name: 'the ARG stays when another instruction names it',
      code: `${D}ARG API_TOKEN\nLABEL token=$API_TOKEN\nRUN echo $API_TOKEN >/dev/null\n`,
      findings: [{ message: ARG('API_TOKEN'), range: [3, 9, 3, 19] }],
      output: `${D}ARG API_TOKEN\nLABEL token=$API_TOKEN\nRUN ${READ('API_TOKEN')}echo $API_TOKEN >/dev/null\n`,
    },
    {
      name: 'multi-stage: a build stage is info, the final stage a warning; an ENV carried into a child stage',
      code: 'FROM node:20 AS build\nARG NPM_TOKEN\nRUN npm ci --token=$NPM_TOKEN\nFROM node:20-slim AS base\nENV SECRET_KEY=abc\nFROM base\nCOPY --from=build /app /app\nRUN ./init --key "$SECRET_KEY"\n',
      findings: [
        { message: BUILD('ARG', 'NPM_TOKEN', 'build'), range: [2, 19, 2, 29], severity: 'info' },
        { message: ENV('SECRET_KEY'), range: [7, 18, 7, 29] },
      ],
      output: `FROM node:20 AS build\nRUN ${READ('NPM_TOKEN')}npm ci --token=$NPM_TOKEN\nFROM node:20-slim AS base\nFROM base\nCOPY --from=build /app /app\nRUN ${READ('SECRET_KEY')}./init --key "$SECRET_KEY"\n`,
    },
    {
      name: 'a global ARG declared again in the stage',
      code: 'ARG GITHUB_TOKEN\nFROM debian:12\nARG GITHUB_TOKEN\nRUN curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com\n',
      findings: [{ message: ARG('GITHUB_TOKEN'), range: [3, 34, 3, 47] }],
      output: `ARG GITHUB_TOKEN\nFROM debian:12\nRUN ${READ('GITHUB_TOKEN')}curl -H "Authorization: token $GITHUB_TOKEN" https://api.github.com\n`,
    },
    {
      name: 'line continuations and prefix assignments',
      code: `${D}ARG AWS_SECRET_ACCESS_KEY\nRUN set -e && \\\n    AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY aws s3 cp s3://b/x . \\\n    && export K=\${AWS_SECRET_ACCESS_KEY}\n`,
      findings: [{ message: ARG('AWS_SECRET_ACCESS_KEY'), range: [3, 26, 3, 48] }],
      output: `${D}RUN ${READ('AWS_SECRET_ACCESS_KEY')}set -e && \\\n    AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY aws s3 cp s3://b/x . \\\n    && export K=\${AWS_SECRET_ACCESS_KEY}\n`,
    },
    {
      name: 'heredoc and sh -c in exec form: reported, no fix',
      code: `${D}ARG API_TOKEN\nRUN <<EOF\ncurl -u "$API_TOKEN" https://x\nEOF\nRUN ["sh", "-c", "echo $API_TOKEN"]\n`,
      findings: [
        { message: ARG('API_TOKEN'), range: [3, 9, 3, 19] },
        { message: ARG('API_TOKEN'), range: [5, 23, 5, 33] },
      ],
    },
    {
      name: 'a top-level background job: no fix',
      code: `${D}ARG API_TOKEN\nRUN ./serve --token $API_TOKEN & sleep 1\n`,
      findings: [{ message: ARG('API_TOKEN'), range: [2, 20, 2, 30] }],
    },
  ],
});
