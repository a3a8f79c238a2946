import { onbuildForbiddenTrigger } from '../../../server/src/rules/instructions/onbuild-forbidden-trigger';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(onbuildForbiddenTrigger, {
  valid: [{ name: 'ordinary triggers', code: 'FROM alpine:3.20\nONBUILD COPY . /app/\nONBUILD RUN make\n' }],
  invalid: [
    {
      name: 'FROM, MAINTAINER and ONBUILD, in any casing',
      code: 'FROM alpine:3.20\nONBUILD FROM debian\nONBUILD maintainer jo\nonbuild ONBUILD RUN x\n',
      findings: [
        { message: 'ONBUILD cannot trigger FROM.', range: [1, 8, 1, 12] },
        { message: 'ONBUILD cannot trigger MAINTAINER.', range: [2, 8, 2, 18] },
        { message: 'ONBUILD cannot trigger ONBUILD.', range: [3, 8, 3, 15] },
      ],
    },
  ],
});
