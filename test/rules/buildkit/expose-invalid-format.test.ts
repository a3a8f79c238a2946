import { exposeInvalidFormat } from '../../../server/src/rules/buildkit/expose-invalid-format';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(exposeInvalidFormat, {
  valid: [
    { name: 'container ports', code: 'FROM nginx:1.27\nEXPOSE 80 443/tcp 8000-8010/udp\n' },
    { name: 'an empty host part', code: 'FROM nginx:1.27\nEXPOSE :80\n' },
    { name: 'a variable with no known value', code: 'FROM nginx:1.27\nARG PORT\nEXPOSE $PORT\n' },
  ],
  invalid: [
    {
      name: 'host port and ip address',
      code: 'FROM nginx:1.27\nEXPOSE 8080:80 127.0.0.1:8443:443/tcp\n',
      findings: [
        { message: 'EXPOSE should name only the container port, not a host port ("8080:80").', range: [1, 7, 1, 14] },
        { message: 'EXPOSE should name only the container port, not a host address ("127.0.0.1:8443:443/tcp").', range: [1, 15, 1, 37] },
      ],
      fixTitle: 'Keep only the container port',
      output: 'FROM nginx:1.27\nEXPOSE 80 443/tcp\n',
    },
    {
      name: 'an IPv6 address, in a build stage',
      code: 'FROM alpine:3.20 AS b\nEXPOSE [::1]:80:80\nFROM b\n',
      findings: [{ message: 'EXPOSE should name only the container port, not a host address ("[::1]:80:80").', range: [1, 7, 1, 18] }],
      output: 'FROM alpine:3.20 AS b\nEXPOSE 80\nFROM b\n',
    },
    {
      name: 'from a build argument: flagged, no fix',
      code: 'FROM nginx:1.27\nARG MAP=8080:80\nEXPOSE $MAP\n',
      findings: [{ message: 'EXPOSE should name only the container port, not a host port ("8080:80").', range: [2, 7, 2, 11] }],
    },
    {
      name: 'a host part that does not parse: flagged, no fix',
      code: 'FROM nginx:1.27\nEXPOSE web:80\n',
      findings: [{ message: 'EXPOSE should name only the container port, not a host port ("web:80").', range: [1, 7, 1, 13] }],
    },
  ],
});
