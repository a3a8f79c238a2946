import { lnOverBinSh } from '../../../server/src/rules/shell-commands/ln-over-bin-sh';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(lnOverBinSh, {
  valid: [
    { name: 'SHELL', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n' },
    { name: 'other links', code: 'FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n' },
    { name: 'a link from /bin/sh elsewhere', code: 'FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/mysh\n' },
    { name: 'a single operand', code: 'FROM debian:12\nRUN ln -s /bin/sh\n' },
  ],
  invalid: [
    {
      name: 'ln -sf /bin/bash /bin/sh',
      code: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
      findings: [{ message: 'ln replaces /bin/sh; set the shell for RUN with SHELL instead.', range: [1, 21, 1, 28], aliases: ['DL4005'] }],
    },
    {
      name: '/usr/bin/sh, sudo, sh -c, exec form: not hadolint\'s',
      code: 'FROM debian:12\nRUN ln -sf bash /usr/bin/sh && sudo ln -sf bash /bin/sh\nRUN sh -c "ln -sfv /bin/bash /bin/sh"\nRUN ["ln", "-s", "/bin/dash", "/bin/sh"]\n',
      findings: [
        { message: 'ln replaces /usr/bin/sh; set the shell for RUN with SHELL instead.', range: [1, 16, 1, 27], aliases: [] },
        { message: 'ln replaces /bin/sh; set the shell for RUN with SHELL instead.', range: [1, 48, 1, 55], aliases: [] },
        { message: 'ln replaces /bin/sh; set the shell for RUN with SHELL instead.', range: [2, 29, 2, 36], aliases: [] },
        { message: 'ln replaces /bin/sh; set the shell for RUN with SHELL instead.', range: [3, 30, 3, 39], aliases: ['DL4005'] },
      ],
    },
    {
      name: 'heredoc, continuation',
      code: 'FROM debian:12\nRUN <<EOF\nln -sf /bin/bash /bin/sh\nEOF\nRUN true && \\\n  ln -sf /bin/bash \\\n  /bin/sh\n',
      findings: [
        { message: 'ln replaces /bin/sh; set the shell for RUN with SHELL instead.', range: [2, 17, 2, 24], aliases: ['DL4005'] },
        { message: 'ln replaces /bin/sh; set the shell for RUN with SHELL instead.', range: [6, 2, 6, 9], aliases: ['DL4005'] },
      ],
    },
  ],
});
