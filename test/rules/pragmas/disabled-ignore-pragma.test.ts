import { disabledIgnorePragma } from '../../../server/src/rules/pragmas/disabled-ignore-pragma';
import { ruleTester } from '../../harness/rule-tester';

const OFF = { 'disable-ignore-pragma': true };
const MSG = (comment: string): string => `"${comment}" has no effect: the config turns inline hadolint ignores off.`;

ruleTester(disabledIgnorePragma, {
  valid: [
    { name: 'inline hadolint ignores allowed (the default)', code: 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\n' },
    { name: 'Bulkhead\'s own and other tools\' comments', code: '# bulkhead global ignore=DL3018\nFROM alpine:3.20\n# trivy:ignore:DS-0002\n# checkov:skip=CKV_DOCKER_3\nRUN apk add --no-cache curl\n', options: OFF },
    { name: 'a comment that only mentions hadolint', code: '# hadolint is run in CI\nFROM alpine:3.20\n', options: OFF },
    { name: 'no instruction at all', code: '# hadolint ignore=DL3018\n', options: OFF },
  ],
  invalid: [
    {
      name: 'ignore and global ignore, reported on the instruction they stand above',
      code: '# hadolint global ignore=DL3006\nFROM alpine:3.20\n  #hadolint ignore=DL3018,DL3019 pinned elsewhere\n# more\nRUN apk add curl\n',
      options: OFF,
      findings: [
        { message: MSG('# hadolint global ignore=DL3006'), range: [1, 0, 1, 4] },
        { message: MSG('#hadolint ignore=DL3018,DL3019 pinned elsewhere'), range: [4, 0, 4, 3] },
      ],
    },
    {
      name: 'after the last instruction: on the comment',
      code: 'FROM alpine:3.20\n# hadolint global ignore=DL3006 \n',
      options: OFF,
      findings: [{ message: MSG('# hadolint global ignore=DL3006'), range: [1, 0, 1, 31] }],
    },
  ],
});
