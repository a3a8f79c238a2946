import { workdirSystemDirectory } from '../../../server/src/rules/instructions/workdir-system-directory';
import { ruleTester } from '../../harness/rule-tester';

const TRIVY = ['DS-0030', 'DS030', 'AVD-DS-0030'];

ruleTester(workdirSystemDirectory, {
  valid: [
    { name: 'an application directory', code: 'FROM alpine:3.20\nWORKDIR /app\n' },
    { name: 'a name that starts like a system directory', code: 'FROM alpine:3.20\nWORKDIR /processes\nWORKDIR /devices\nWORKDIR /bootstrap\n' },
    { name: 'a relative path', code: 'FROM alpine:3.20\nWORKDIR proc\n' },
    { name: 'a variable with no known value', code: 'FROM alpine:3.20\nWORKDIR $ROOT/proc\n' },
    { name: 'under /usr', code: 'FROM alpine:3.20\nWORKDIR /usr/src/dev\n' },
  ],
  invalid: [
    {
      name: 'Trivy\'s system directories',
      code: 'FROM alpine:3.20\nWORKDIR /proc\nWORKDIR /dev/app\nWORKDIR /boot/\nWORKDIR /lost+found\nWORKDIR /initrd\n',
      findings: [
        { message: 'WORKDIR "/proc" is inside /proc, a directory the kernel or the runtime owns.', range: [1, 8, 1, 13], aliases: TRIVY },
        { message: 'WORKDIR "/dev/app" is inside /dev, a directory the kernel or the runtime owns.', range: [2, 8, 2, 16], aliases: TRIVY },
        { message: 'WORKDIR "/boot/" is inside /boot, a directory the kernel or the runtime owns.', range: [3, 8, 3, 14], aliases: TRIVY },
        { message: 'WORKDIR "/lost+found" is inside /lost+found, a directory the kernel or the runtime owns.', range: [4, 8, 4, 19], aliases: TRIVY },
        { message: 'WORKDIR "/initrd" is inside /initrd, a directory the kernel or the runtime owns.', range: [5, 8, 5, 15], aliases: TRIVY },
      ],
    },
    {
      name: '/sys: not in Trivy\'s list',
      code: 'FROM alpine:3.20\nWORKDIR /sys/fs\n',
      findings: [{ message: 'WORKDIR "/sys/fs" is inside /sys, a directory the kernel or the runtime owns.', range: [1, 8, 1, 15], aliases: [] }],
    },
    {
      name: 'an ARG, quotes and a path to normalise, in a later stage',
      code: 'FROM alpine:3.20 AS build\nWORKDIR /src\nFROM alpine:3.20\nARG BASE=/opt/../proc\nWORKDIR "$BASE/x"\n',
      findings: [{ message: 'WORKDIR "/opt/../proc/x" is inside /proc, a directory the kernel or the runtime owns.', range: [4, 8, 4, 17], aliases: TRIVY }],
    },
  ],
});
