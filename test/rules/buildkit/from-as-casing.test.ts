import { fromAsCasing } from '../../../server/src/rules/buildkit/from-as-casing';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(fromAsCasing, {
  valid: [
    { name: 'both upper case', code: 'FROM alpine:3.20 AS build\n' },
    { name: 'both lower case', code: 'from alpine:3.20 as build\n' },
    { name: 'mixed-case FROM is left to instruction casing', code: 'From alpine:3.20 as build\nFrom alpine:3.20 AS other\n' },
    { name: 'no AS', code: 'FROM alpine:3.20\n' },
  ],
  invalid: [
    {
      name: 'FROM with as',
      code: 'FROM alpine:3.20 as build\n',
      findings: [{ message: '"as" is cased differently from "FROM".', range: [0, 17, 0, 19] }],
      fixTitle: 'Write "AS"',
      output: 'FROM alpine:3.20 AS build\n',
    },
    {
      name: 'from with AS, and As',
      code: 'from alpine:3.20 AS build\nfrom build As final\n',
      findings: [
        { message: '"AS" is cased differently from "from".', range: [0, 17, 0, 19] },
        { message: '"As" is cased differently from "from".', range: [1, 11, 1, 13] },
      ],
      output: 'from alpine:3.20 as build\nfrom build as final\n',
    },
    {
      name: 'with --platform',
      code: 'FROM --platform=$BUILDPLATFORM alpine:3.20 aS build\n',
      findings: [{ message: '"aS" is cased differently from "FROM".', range: [0, 43, 0, 45] }],
      output: 'FROM --platform=$BUILDPLATFORM alpine:3.20 AS build\n',
    },
  ],
});
