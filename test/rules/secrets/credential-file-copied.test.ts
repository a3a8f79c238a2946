import { credentialFileCopied } from '../../../server/src/rules/secrets/credential-file-copied';
import { ruleTester } from '../../harness/rule-tester';

const M = (keyword: string, source: string, kind: string): string => `${keyword} puts "${source}", ${kind}, into the image.`;
const D = 'FROM debian:12\n';

ruleTester(credentialFileCopied, {
  valid: [
    { name: 'ordinary files', code: `${D}COPY package.json app.js ./\nADD config.yml /etc/app/\n` },
    { name: 'examples and certificates', code: `${D}COPY .env.example .env.sample ./\nCOPY ca.pem fullchain.pem /etc/ssl/\nCOPY nginx_signing.key repo.gpg.key /tmp/\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n` },
    { name: 'named like a credential only in part', code: `${D}COPY meta.env environment.yml /x/\nCOPY .envrc /x/\n` },
    { name: 'a build stage the final stage does not take it from', code: 'FROM debian:12 AS build\nCOPY id_rsa /root/.ssh/id_rsa\nRUN make\nFROM debian:12\nCOPY --from=build /out/app /app\n' },
    { name: 'remote sources and heredocs', code: `${D}ADD https://example.com/server.key /tmp/x\nCOPY <<EOF /root/.netrc\nmachine x\nEOF\n` },
    { name: 'an ARG without a value', code: `${D}ARG KEYFILE\nCOPY $KEYFILE /etc/key\n` },
  ],
  invalid: [
    {
      name: 'private keys, key stores and credential dotfiles',
      code: `${D}COPY id_rsa id_ed25519 /root/.ssh/\nCOPY server.key tls.pem app.p12 /etc/tls/\nADD .npmrc .pypirc .netrc .git-credentials /root/\n`,
      findings: [
        { message: M('COPY', 'id_rsa', 'a private SSH key'), range: [1, 5, 1, 11] },
        { message: M('COPY', 'id_ed25519', 'a private SSH key'), range: [1, 12, 1, 22] },
        { message: M('COPY', 'server.key', 'a private key'), range: [2, 5, 2, 15] },
        { message: M('COPY', 'tls.pem', 'a PEM key file'), range: [2, 16, 2, 23] },
        { message: M('COPY', 'app.p12', 'a PKCS#12 key store'), range: [2, 24, 2, 31] },
        { message: M('ADD', '.npmrc', 'an npm credentials file'), range: [3, 4, 3, 10] },
        { message: M('ADD', '.pypirc', 'a PyPI credentials file'), range: [3, 11, 3, 18] },
        { message: M('ADD', '.netrc', 'a netrc credentials file'), range: [3, 19, 3, 25] },
        { message: M('ADD', '.git-credentials', 'a git credentials file'), range: [3, 26, 3, 42] },
      ],
    },
    {
      name: 'env files, cloud and cluster credentials, folders',
      code: `${D}COPY .env .env.production ./\nCOPY .aws/credentials /root/.aws/credentials\nCOPY .docker/config.json /root/.docker/\nCOPY .kube/config kubeconfig /root/.kube/\nCOPY .ssh /root/.ssh\n`,
      findings: [
        { message: M('COPY', '.env', 'an environment file'), range: [1, 5, 1, 9] },
        { message: M('COPY', '.env.production', 'an environment file'), range: [1, 10, 1, 25] },
        { message: M('COPY', '.aws/credentials', 'an AWS credentials file'), range: [2, 5, 2, 21] },
        { message: M('COPY', '.docker/config.json', 'a Docker registry credentials file'), range: [3, 5, 3, 24] },
        { message: M('COPY', '.kube/config', 'a kubeconfig'), range: [4, 5, 4, 17] },
        { message: M('COPY', 'kubeconfig', 'a kubeconfig'), range: [4, 18, 4, 28] },
        { message: M('COPY', '.ssh', 'an SSH folder'), range: [5, 5, 5, 9] },
      ],
    },
    {
      name: 'a source named by a build argument, and a glob',
      code: `${D}ARG KEY=deploy/id_ecdsa\nCOPY \${KEY} *.pfx /keys/\n`,
      findings: [
        { message: M('COPY', 'deploy/id_ecdsa', 'a private SSH key'), range: [2, 5, 2, 11] },
        { message: M('COPY', '*.pfx', 'a PKCS#12 key store'), range: [2, 12, 2, 17] },
      ],
    },
    {
      name: 'exec form, a line continuation, COPY --from a stage and --chown',
      code: `FROM debian:12 AS keys\nRUN ssh-keygen -f /k/id_rsa\nFROM debian:12\nCOPY ["secrets/.env", "/app/"]\nCOPY --chown=app --from=keys \\\n    /k/id_rsa /home/app/.ssh/\n`,
      findings: [
        { message: M('COPY', 'secrets/.env', 'an environment file'), range: [3, 6, 3, 20] },
        { message: M('COPY', '/k/id_rsa', 'a private SSH key'), range: [5, 4, 5, 13] },
      ],
    },
    {
      name: 'multi-stage: the final stage copies the folder a build stage put a credential in',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY .npmrc package.json ./\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\nCOPY --from=build /app/node_modules /app/node_modules\n',
      findings: [{ message: 'COPY --from=build carries /app/.npmrc, an npm credentials file that stage build copied on line 3, into the image.', range: [5, 18, 5, 22] }],
    },
    {
      name: 'a parent stage ships with the final one',
      code: 'FROM debian:12 AS base\nCOPY .netrc /root/.netrc\nFROM base\nRUN make\n',
      findings: [{ message: M('COPY', '.netrc', 'a netrc credentials file'), range: [1, 5, 1, 11] }],
    },
  ],
});
