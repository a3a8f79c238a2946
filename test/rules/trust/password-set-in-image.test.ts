import { passwordSetInImage } from '../../../server/src/rules/trust/password-set-in-image';
import { ruleTester } from '../../harness/rule-tester';

const M = (what: string): string => `${what} sets a password that ships in the image.`;
const D = 'FROM debian:12\n';

ruleTester(passwordSetInImage, {
  valid: [
    { name: 'a user without a password', code: `${D}RUN useradd -m -u 10001 app\nUSER app\n` },
    { name: 'locking hashes and locking passwd options', code: `${D}RUN usermod -p '*' root && usermod -p '!' x && useradd -p '' y && passwd -l root && echo x | passwd -d app\n` },
    { name: 'the word as an argument', code: `${D}RUN echo chpasswd passwd --stdin && grep chpasswd /etc/x\n` },
    { name: 'passwd not reading a pipe', code: `${D}RUN passwd -S root\n` },
  ],
  invalid: [
    {
      name: 'chpasswd',
      code: `${D}RUN useradd -m app && echo "app:changeme" | chpasswd\n`,
      findings: [{ message: M('chpasswd'), range: [1, 44, 1, 52], aliases: ['CKV2_DOCKER_17'] }],
    },
    {
      name: 'chpasswd -e, in a build stage',
      code: 'FROM debian:12 AS build\nRUN echo "root:x" | chpasswd -e\nFROM scratch\n',
      findings: [{ message: M('chpasswd'), range: [1, 20, 1, 31] }],
    },
    {
      name: 'usermod and useradd with a password',
      code: `${D}RUN usermod -p "$(openssl passwd -1 pw)" root && useradd -p '$6$abc' bob && useradd --password='$1$x' al\n`,
      findings: [
        { message: M('usermod -p'), range: [1, 4, 1, 45], aliases: [] },
        { message: M('useradd -p'), range: [1, 49, 1, 72], aliases: [] },
        { message: M('useradd --password'), range: [1, 76, 1, 104], aliases: [] },
      ],
    },
    {
      name: 'passwd from a pipe',
      code: `FROM centos:7\nRUN echo pw | passwd --stdin root && printf "pw\\npw\\n" | passwd app\n`,
      findings: [
        { message: M('passwd --stdin'), range: [1, 14, 1, 33], aliases: [] },
        { message: M('passwd'), range: [1, 57, 1, 67], aliases: [] },
      ],
    },
    {
      name: 'exec form',
      code: `${D}RUN ["chpasswd"]\n`,
      findings: [{ message: M('chpasswd'), range: [1, 5, 1, 15] }],
    },
    {
      name: 'heredoc with sudo, across a continuation',
      code: `${D}RUN <<EOF\necho "root:pw" | sudo chpasswd\nEOF\nRUN echo "a:b" | \\\n    chpasswd\n`,
      findings: [
        { message: M('chpasswd'), range: [2, 22, 2, 30] },
        { message: M('chpasswd'), range: [5, 4, 5, 12] },
      ],
    },
  ],
});
