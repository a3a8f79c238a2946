import { legacyKeyValueFormat } from '../../../server/src/rules/buildkit/legacy-key-value-format';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (k: string, key: string): string => `${k} "${key}" uses the legacy "key value" form; write "key=value".`;

ruleTester(legacyKeyValueFormat, {
  valid: [
    { name: 'key=value', code: 'FROM alpine:3.20\nENV A=1 B="two words"\nLABEL a=b\n' },
    { name: 'ARG is not concerned', code: 'FROM alpine:3.20\nARG A\n' },
    { name: 'a lone key (a build error, not this rule)', code: 'FROM alpine:3.20\nENV A\n' },
  ],
  invalid: [
    {
      name: 'ENV and LABEL',
      code: 'FROM alpine:3.20\nENV APP_HOME /srv/app\nLABEL maintainer team\n',
      findings: [
        { message: MSG('ENV', 'APP_HOME'), range: [1, 4, 1, 12] },
        { message: MSG('LABEL', 'maintainer'), range: [2, 6, 2, 16] },
      ],
      fixTitle: 'Use the key=value form',
      output: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nLABEL maintainer=team\n',
    },
    {
      name: 'a value with spaces is one value',
      code: 'FROM alpine:3.20\nenv GREETING hello  big world\n',
      findings: [{ message: MSG('env', 'GREETING'), range: [1, 4, 1, 12] }],
      output: 'FROM alpine:3.20\nenv GREETING="hello  big world"\n',
    },
    {
      name: 'a quoted value and a variable',
      code: 'FROM alpine:3.20\nENV A "x y"\nENV PATH $PATH:/opt/bin\n',
      findings: [
        { message: MSG('ENV', 'A'), range: [1, 4, 1, 5] },
        { message: MSG('ENV', 'PATH'), range: [2, 4, 2, 8] },
      ],
      output: 'FROM alpine:3.20\nENV A="x y"\nENV PATH=$PATH:/opt/bin\n',
    },
    {
      name: 'quotes and spaces: flagged, no fix',
      code: 'FROM alpine:3.20\nENV A "x" y\n',
      findings: [{ message: MSG('ENV', 'A'), range: [1, 4, 1, 5] }],
    },
    {
      name: 'several lines: flagged, no fix',
      code: 'FROM alpine:3.20\nENV A x \\\n  y\n',
      findings: [{ message: MSG('ENV', 'A'), range: [1, 4, 1, 5] }],
    },
    {
      name: 'a value with = after a legacy key, in a build stage',
      code: 'FROM alpine:3.20 AS b\nENV OPTS a=b\nFROM b\n',
      findings: [{ message: MSG('ENV', 'OPTS'), range: [1, 4, 1, 8] }],
      output: 'FROM alpine:3.20 AS b\nENV OPTS=a=b\nFROM b\n',
    },
  ],
});
