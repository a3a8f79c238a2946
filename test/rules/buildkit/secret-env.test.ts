import { strict as assert } from 'node:assert';
import { looksSecret, secretEnv } from '../../../server/src/rules/buildkit/secret-env';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (k: string, n: string): string => `${k} "${n}" looks like it holds a secret, which the image would keep.`;

describe('secret-env names', () => {
  it('matches BuildKit\'s tokens between underscores, in any case', () => {
    const none = new Set<string>();
    for (const n of ['password', 'DB_PASSWORD', 'github_token', 'API_KEY', 'apikey', 'AUTH', 'aws_secret_access_key', 'MY_CREDENTIALS', 'credential_file', 'PWORD', 'passwd', 'SUPER_Secret', 'SECRET_PASSPHRASE', 'git_key', 'apiKey'])
      assert.ok(looksSecret(n, none), n);
    for (const n of ['PUBLIC_KEY', 'public_token', 'GPG_KEY', 'GPG_KEYS', 'RABBITMQ_PGP_KEY_ID', 'WORDPRESS_CLI_GPG_KEY', 'KEYS', 'TOKENIZER', 'monkey', 'author', 'GPGKEY', 'sunflower', 'PASSWORD2', 'api-key', 'apiToken', 'NODE_VERSION'])
      assert.ok(!looksSecret(n, none), n);
    assert.ok(looksSecret('DB_PASS', new Set(['db_pass'])));
  });
});

ruleTester(secretEnv, {
  valid: [
    { name: 'ordinary names', code: 'FROM alpine:3.20\nARG VERSION=1\nENV APP_HOME=/app PORT=80\n' },
    { name: 'public keys are not secrets', code: 'FROM alpine:3.20\nENV PUBLIC_KEY=abc\nARG public_token\n' },
    { name: 'GPG key fingerprints are not secrets', code: 'FROM alpine:3.20\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\nENV RABBITMQ_PGP_KEY_ID=0x0A9AF2115F4687BD\n' },
    { name: 'a secret mount', code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=token cat /run/secrets/token\n' },
    { name: 'words inside longer words', code: 'FROM alpine:3.20\nENV KEYRING=/k MONKEY=1 AUTHOR=me\n' },
  ],
  invalid: [
    {
      name: 'ARG and ENV, several per line, global ARG too',
      code: 'ARG NPM_TOKEN\nFROM scratch\nARG SECRET_PASSPHRASE\nENV SUPER_Secret=foo\nENV password=bar secret=baz\nARG super_duper_secret_token=foo auth=bar\nENV apikey=bar sunflower=foo\nENV git_key=\n',
      findings: [
        { message: MSG('ARG', 'NPM_TOKEN'), range: [0, 4, 0, 13] },
        { message: MSG('ARG', 'SECRET_PASSPHRASE'), range: [2, 4, 2, 21] },
        { message: MSG('ENV', 'SUPER_Secret'), range: [3, 4, 3, 16] },
        { message: MSG('ENV', 'password'), range: [4, 4, 4, 12] },
        { message: MSG('ENV', 'secret'), range: [4, 17, 4, 23] },
        { message: MSG('ARG', 'super_duper_secret_token'), range: [5, 4, 5, 28] },
        { message: MSG('ARG', 'auth'), range: [5, 33, 5, 37] },
        { message: MSG('ENV', 'apikey'), range: [6, 4, 6, 10] },
        { message: MSG('ENV', 'git_key'), range: [7, 4, 7, 11] },
      ],
    },
    {
      name: 'legacy ENV form, in a build stage',
      code: 'FROM alpine:3.20 AS build\nENV DB_PASSWORD hunter2\nFROM alpine:3.20\n',
      findings: [{ message: MSG('ENV', 'DB_PASSWORD'), range: [1, 4, 1, 15] }],
    },
    {
      name: 'extra names',
      code: 'FROM alpine:3.20\nARG DB_PASS\nENV SIGNING_PHRASE=x\n',
      options: { 'extra-names': ['db_pass', 'SIGNING_PHRASE'] },
      findings: [
        { message: MSG('ARG', 'DB_PASS'), range: [1, 4, 1, 11] },
        { message: MSG('ENV', 'SIGNING_PHRASE'), range: [2, 4, 2, 18] },
      ],
    },
  ],
});
