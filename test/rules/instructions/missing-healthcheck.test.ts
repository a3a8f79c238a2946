import { missingHealthcheck } from '../../../server/src/rules/instructions/missing-healthcheck';
import { ruleTester } from '../../harness/rule-tester';

const M = 'The final stage has no HEALTHCHECK.';

ruleTester(missingHealthcheck, {
  valid: [
    { name: 'a HEALTHCHECK', code: 'FROM nginx:1.27\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\n' },
    { name: 'HEALTHCHECK NONE', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
    { name: 'inherited from a parent stage', code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nCOPY a /a\n' },
    { name: 'no stage at all', code: 'ARG X=1\n' },
  ],
  invalid: [
    {
      name: 'none in the file',
      code: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
      findings: [{ message: M, range: [0, 0, 0, 4], aliases: ['DL3057', 'DS-0026', 'DS026', 'AVD-DS-0026', 'CKV_DOCKER_2'] }],
    },
    {
      name: 'only in a build stage the final stage does not build on: the peers are satisfied',
      code: 'FROM golang:1.22 AS build\nHEALTHCHECK CMD true\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
      findings: [{ message: M, range: [2, 0, 2, 4], aliases: [] }],
    },
  ],
});
