import { pointlessCommandInRun } from '../../../server/src/rules/shell-commands/pointless-command-in-run';
import { ruleTester } from '../../harness/rule-tester';

const MSG = (name: string): string => `\`${name}\` has nothing to act on in a build step.`;

ruleTester(pointlessCommandInRun, {
  valid: [
    { name: 'installing ssh and vim', code: 'FROM debian:12\nRUN apt-get install -y ssh vim procps\n' },
    { name: 'as arguments', code: 'FROM debian:12\nRUN echo top ps free && which kill\n' },
    { name: 'ssh-keygen and other ssh tools', code: 'FROM debian:12\nRUN ssh-keygen -A && ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\n' },
    { name: 'in CMD and ENTRYPOINT', code: 'FROM debian:12\nCMD ["top"]\nENTRYPOINT service nginx start\n' },
    { name: 'systemctl and other commands', code: 'FROM debian:12\nRUN vi x; nano y; htop\n' },
    { name: 'RUN --mount is not mount', code: 'FROM debian:12\nRUN --mount=type=cache,target=/x ls\n' },
  ],
  invalid: [
    {
      name: 'each of hadolint\'s commands',
      code: 'FROM debian:12\nRUN free -m && kill 1 && mount && ps aux && service nginx start && shutdown -h now && ssh host && top -b && vim f\n',
      findings: [
        { message: MSG('free'), range: [1, 4, 1, 8], aliases: ['DL3001'] },
        { message: MSG('kill'), range: [1, 15, 1, 19], aliases: ['DL3001'] },
        { message: MSG('mount'), range: [1, 25, 1, 30], aliases: ['DL3001'] },
        { message: MSG('ps'), range: [1, 34, 1, 36], aliases: ['DL3001'] },
        { message: MSG('service'), range: [1, 44, 1, 51], aliases: ['DL3001'] },
        { message: MSG('shutdown'), range: [1, 67, 1, 75], aliases: ['DL3001'] },
        { message: MSG('ssh'), range: [1, 86, 1, 89], aliases: ['DL3001'] },
        { message: MSG('top'), range: [1, 98, 1, 101], aliases: ['DL3001'] },
        { message: MSG('vim'), range: [1, 108, 1, 111], aliases: ['DL3001'] },
      ],
    },
    {
      name: 'ifconfig: Bulkhead only',
      code: 'FROM debian:12\nRUN ifconfig\n',
      findings: [{ message: MSG('ifconfig'), range: [1, 4, 1, 12], aliases: [] }],
    },
    {
      name: 'behind sudo, in a pipe, inside sh -c',
      code: 'FROM debian:12\nRUN sudo service x start; ps aux | grep x\nRUN sh -c "vim x"\n',
      findings: [
        { message: MSG('service'), range: [1, 9, 1, 16], aliases: [] },
        { message: MSG('ps'), range: [1, 26, 1, 28], aliases: ['DL3001'] },
        { message: MSG('vim'), range: [2, 11, 2, 14], aliases: [] },
      ],
    },
    {
      name: 'exec form with a path, heredoc, continuation, later stage',
      code: 'FROM debian:12 AS a\nRUN ["/usr/bin/kill", "1"]\nFROM a\nRUN <<EOF\ntop -b\nEOF\nRUN true \\\n  && free\n',
      findings: [
        { message: MSG('kill'), range: [1, 5, 1, 20], aliases: ['DL3001'] },
        { message: MSG('top'), range: [4, 0, 4, 3], aliases: ['DL3001'] },
        { message: MSG('free'), range: [7, 5, 7, 9], aliases: ['DL3001'] },
      ],
    },
  ],
});
