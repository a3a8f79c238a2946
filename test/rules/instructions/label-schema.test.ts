import { labelSchema } from '../../../server/src/rules/instructions/label-schema';
import { ruleTester } from '../../harness/rule-tester';

const schema = {
  'org.opencontainers.image.source': 'url',
  'org.opencontainers.image.version': 'semver',
  'org.opencontainers.image.created': 'rfc3339',
  'org.opencontainers.image.licenses': 'spdx',
  'org.opencontainers.image.revision': 'hash',
  'org.opencontainers.image.authors': 'email',
  'org.opencontainers.image.title': 'text',
};
const GOOD_LABELS =
  'LABEL org.opencontainers.image.source="https://github.com/example/app" \\\n' +
  '      org.opencontainers.image.version="1.4.2-rc.1+build.5" \\\n' +
  '      org.opencontainers.image.created="2024-05-01T12:30:00Z" \\\n' +
  '      org.opencontainers.image.licenses="(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0" \\\n' +
  '      org.opencontainers.image.revision="0123456789abcdef0123456789abcdef01234567" \\\n' +
  '      org.opencontainers.image.authors="ops@example.com" \\\n' +
  '      org.opencontainers.image.title="app"\n';

ruleTester(labelSchema, {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL x=y\n' },
    { name: 'every label of its type', code: `FROM alpine:3.20\n${GOOD_LABELS}`, options: { schema } },
    { name: 'inherited from a parent stage', code: `FROM alpine:3.20 AS base\n${GOOD_LABELS}FROM base\nRUN echo\n`, options: { schema } },
    { name: 'a value from a build argument with no default', code: 'FROM alpine:3.20\nARG V\nLABEL version=$V\n', options: { schema: { version: 'semver' } } },
    { name: 'strict with every label in the schema', code: 'FROM alpine:3.20\nLABEL version=1.0.0\n', options: { schema: { version: 'semver' }, strict: true } },
  ],
  invalid: [
    {
      name: 'a missing label',
      code: 'FROM alpine:3.20 AS build\nLABEL version=1.0.0\nFROM alpine:3.20\nRUN echo\n',
      options: { schema: { version: 'semver' } },
      findings: [{ message: 'Label "version" of the label schema is missing from the final stage.', range: [2, 0, 2, 4], aliases: ['DL3049'] }],
    },
    {
      name: 'wrong types',
      code:
        'FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/example/app" org.opencontainers.image.version=v1.2 \\\n' +
        '  org.opencontainers.image.created="2024-05-01" org.opencontainers.image.licenses="MIT OR" \\\n' +
        '  org.opencontainers.image.revision=main org.opencontainers.image.authors="ops at example" \\\n' +
        '  org.opencontainers.image.title=""\n',
      options: { schema },
      findings: [
        { message: 'Label "org.opencontainers.image.source" is not an absolute URL: "github.com/example/app".', range: [1, 38, 1, 62], aliases: ['DL3052'] },
        { message: 'Label "org.opencontainers.image.version" is not a semantic version: "v1.2".', range: [1, 96, 1, 100], aliases: ['DL3056'] },
        { message: 'Label "org.opencontainers.image.created" is not an RFC 3339 date and time: "2024-05-01".', range: [2, 35, 2, 47], aliases: ['DL3053'] },
        { message: 'Label "org.opencontainers.image.licenses" is not an SPDX license expression: "MIT OR".', range: [2, 82, 2, 90], aliases: ['DL3054'] },
        { message: 'Label "org.opencontainers.image.revision" is not a git commit hash: "main".', range: [3, 36, 3, 40], aliases: ['DL3055'] },
        { message: 'Label "org.opencontainers.image.authors" is not an email address: "ops at example".', range: [3, 74, 3, 90], aliases: ['DL3058'] },
        { message: 'Label "org.opencontainers.image.title" is empty.', range: [4, 2, 4, 32], aliases: ['DL3051'] },
      ],
    },
    {
      name: 'strict: a label not in the schema, ARG-resolved types checked',
      code: 'FROM alpine:3.20\nARG V=1.0\nLABEL version=$V maintainer=jo\n',
      options: { schema: { version: 'semver' }, strict: true },
      findings: [
        { message: 'Label "version" is not a semantic version: "1.0".', range: [2, 14, 2, 16], aliases: ['DL3056'] },
        { message: 'Label "maintainer" is not in the label schema.', range: [2, 17, 2, 27], aliases: ['DL3050'] },
      ],
    },
  ],
});
