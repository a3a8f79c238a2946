import { privilegedPortNonRoot } from '../../../server/src/rules/permissions/privileged-port-non-root';
import { ruleTester } from '../../harness/rule-tester';

const M = (ports: string, user: string, high: string): string =>
  `EXPOSE ${ports} ${ports.startsWith('ports') ? 'start' : 'is'} below 1024 but the container runs as ${user}: listen on ${high} instead, or the container needs the NET_BIND_SERVICE capability.`;

ruleTester(privilegedPortNonRoot, {
  valid: [
    { name: 'high ports as a non-root user', code: 'FROM nginx:1.27\nUSER nginx\nEXPOSE 8080 8443/tcp 1024 5353/udp 9000-9100\n' },
    { name: 'a privileged port as root (root-user reports that)', code: 'FROM nginx:1.27\nEXPOSE 80 443\n' },
    { name: 'USER root last', code: 'FROM nginx:1.27\nUSER nginx\nRUN true\nUSER 0\nEXPOSE 80\n' },
    { name: 'a user whose value is unknown', code: 'FROM nginx:1.27\nARG APP_USER\nUSER $APP_USER\nEXPOSE 80\n' },
    { name: 'a base image known to run as non-root: out of scope', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nEXPOSE 80\n' },
    { name: 'a port whose value is unknown', code: 'FROM nginx:1.27\nARG PORT\nUSER nginx\nEXPOSE $PORT\n' },
    { name: 'a build stage that runs as non-root', code: 'FROM nginx:1.27 AS test\nUSER nginx\nEXPOSE 80\nFROM nginx:1.27\nEXPOSE 80\n' },
    { name: 'port 0 and malformed ports (other rules)', code: 'FROM nginx:1.27\nUSER nginx\nEXPOSE 0 eighty\n' },
  ],
  invalid: [
    {
      name: 'EXPOSE 80 as nginx',
      code: 'FROM nginx:1.27\nUSER nginx\nEXPOSE 80\n',
      findings: [{ message: M('port 80', 'nginx', '8080'), range: [2, 7, 2, 9], aliases: [] }],
    },
    {
      name: 'protocols, ranges, ports from an ARG and an ENV; port 22 is the sshd rule\'s',
      code: 'FROM nginx:1.27\nARG PORT=443\nENV DNS=53\nUSER 101:101\nEXPOSE $PORT/tcp ${DNS}/udp 8080 1000-1100 22\n',
      findings: [
        { message: M('port 443', '101:101', '8443'), range: [4, 7, 4, 16] },
        { message: M('port 53', '101:101', '8053'), range: [4, 17, 4, 27] },
        { message: M('ports 1000-1100', '101:101', '9000-9100'), range: [4, 33, 4, 42] },
      ],
    },
    {
      name: 'multi-stage: EXPOSE and USER inherited from the parent stage',
      code: 'FROM nginx:1.27 AS base\nEXPOSE 443\nUSER nginx\nFROM base\nEXPOSE 80\n',
      findings: [
        { message: M('port 443', 'nginx', '8443'), range: [1, 7, 1, 10] },
        { message: M('port 80', 'nginx', '8080'), range: [4, 7, 4, 9] },
      ],
    },
    {
      name: 'a USER from an ARG with a default, EXPOSE across a continuation',
      code: 'FROM nginx:1.27\nARG APP_USER=app\nUSER $APP_USER\nEXPOSE 8080 \\\n  80\n',
      findings: [{ message: M('port 80', 'app', '8080'), range: [4, 2, 4, 4] }],
    },
  ],
});
