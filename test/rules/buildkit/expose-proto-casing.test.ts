import { exposeProtoCasing } from '../../../server/src/rules/buildkit/expose-proto-casing';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(exposeProtoCasing, {
  valid: [
    { name: 'no protocol', code: 'FROM nginx:1.27\nEXPOSE 80 443\n' },
    { name: 'lower-case protocols', code: 'FROM nginx:1.27\nEXPOSE 80/tcp 53/udp 9/sctp\n' },
    { name: 'a variable with an unknown value', code: 'FROM nginx:1.27\nARG P\nEXPOSE $P\n' },
  ],
  invalid: [
    {
      name: 'upper and mixed case',
      code: 'FROM nginx:1.27\nEXPOSE 80/TCP 53/Udp 8080\n',
      findings: [
        { message: 'Protocol "TCP" of port "80/TCP" should be lower case.', range: [1, 10, 1, 13] },
        { message: 'Protocol "Udp" of port "53/Udp" should be lower case.', range: [1, 17, 1, 20] },
      ],
      fixTitle: 'Lower-case the protocol',
      output: 'FROM nginx:1.27\nEXPOSE 80/tcp 53/udp 8080\n',
    },
    {
      name: 'a port range, in a build stage',
      code: 'FROM alpine:3.20 AS b\nexpose 8000-8010/TcP\nFROM b\n',
      findings: [{ message: 'Protocol "TcP" of port "8000-8010/TcP" should be lower case.', range: [1, 17, 1, 20] }],
      output: 'FROM alpine:3.20 AS b\nexpose 8000-8010/tcp\nFROM b\n',
    },
    {
      name: 'from a build argument: flagged, no fix',
      code: 'FROM nginx:1.27\nARG PORT=80/UDP\nEXPOSE ${PORT}\n',
      findings: [{ message: 'Protocol "UDP" of port "80/UDP" should be lower case.', range: [2, 7, 2, 14] }],
    },
  ],
});
