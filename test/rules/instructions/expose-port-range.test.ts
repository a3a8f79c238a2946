import { exposePortRange } from '../../../server/src/rules/instructions/expose-port-range';
import { ruleTester } from '../../harness/rule-tester';

const BOTH = ['DL3011', 'DS-0008', 'DS008', 'AVD-DS-0008'];

ruleTester(exposePortRange, {
  valid: [
    { name: 'ports in range', code: 'FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 0 65535\n' },
    { name: 'a range in range', code: 'FROM nginx:1.27\nEXPOSE 8000-8100/tcp\n' },
    { name: 'a variable with no known value', code: 'FROM nginx:1.27\nEXPOSE $PORT\n' },
    { name: 'an ARG in range', code: 'FROM nginx:1.27\nARG PORT=8080\nEXPOSE ${PORT}/tcp\n' },
    { name: 'not a number', code: 'FROM nginx:1.27\nEXPOSE http\n' },
  ],
  invalid: [
    {
      name: 'a single port',
      code: 'FROM nginx:1.27\nEXPOSE 80 80800\n',
      findings: [{ message: 'Port 80800 is outside 0-65535.', range: [1, 10, 1, 15], aliases: BOTH }],
    },
    {
      name: 'with a protocol',
      code: 'FROM nginx:1.27\nEXPOSE 70000/udp\n',
      findings: [{ message: 'Port 70000 is outside 0-65535.', range: [1, 7, 1, 16], aliases: BOTH }],
    },
    {
      name: 'a range: Trivy does not read ranges',
      code: 'FROM nginx:1.27\nEXPOSE 65000-65536\n',
      findings: [{ message: 'Port range 65000-65536 is outside 0-65535.', range: [1, 7, 1, 18], aliases: ['DL3011'] }],
    },
    {
      name: 'an ARG resolved: no peer expands it',
      code: 'FROM nginx:1.27\nARG PORT=70000\nEXPOSE $PORT\n',
      findings: [{ message: 'Port 70000 is outside 0-65535.', range: [2, 7, 2, 12], aliases: [] }],
    },
    {
      name: 'in a build stage and on a continued line',
      code: 'FROM nginx:1.27 AS a\nEXPOSE 80 \\\n  99999\nFROM nginx:1.27\nEXPOSE 80\n',
      findings: [{ message: 'Port 99999 is outside 0-65535.', range: [2, 2, 2, 7], aliases: BOTH }],
    },
  ],
});
