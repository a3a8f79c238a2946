import { wgetWithoutProgress } from '../../../server/src/rules/shell-commands/wget-without-progress';
import { ruleTester } from '../../harness/rule-tester';

const MSG = 'wget without --progress or -q floods the build log with progress dots.';

ruleTester(wgetWithoutProgress, {
  valid: [
    { name: '--progress', code: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a\n' },
    { name: '--progress with a separate value', code: 'FROM debian:12\nRUN wget --progress bar https://example.com/a\n' },
    { name: '-q', code: 'FROM debian:12\nRUN wget -q https://example.com/a\n' },
    { name: '--quiet', code: 'FROM debian:12\nRUN wget --quiet https://example.com/a\n' },
    { name: '-qO- in a cluster', code: 'FROM debian:12\nRUN wget -qO- https://example.com/a | tar -x\n' },
    { name: '-nv', code: 'FROM debian:12\nRUN wget -nv https://example.com/a\n' },
    { name: '--no-verbose', code: 'FROM debian:12\nRUN wget --no-verbose https://example.com/a\n' },
    { name: '-o log file', code: 'FROM debian:12\nRUN wget -o /tmp/log https://example.com/a\n' },
    { name: '--output-file', code: 'FROM debian:12\nRUN wget --output-file=/tmp/log https://example.com/a\n' },
    { name: '-a and --append-output', code: 'FROM debian:12\nRUN wget -a /tmp/log u && wget --append-output=/tmp/log v\n' },
    { name: 'installing wget', code: 'FROM debian:12\nRUN apt-get install -y wget\n' },
    { name: 'wget in CMD', code: 'FROM debian:12\nCMD wget https://example.com/a\n' },
  ],
  invalid: [
    {
      name: 'plain wget on Debian',
      code: 'FROM debian:12\nRUN wget https://example.com/a\n',
      findings: [{ message: MSG, range: [1, 4, 1, 8], aliases: ['DL3047'] }],
      fixTitle: 'Add --progress=dot:giga',
      output: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a\n',
    },
    {
      name: '-O file is not quiet; -nc is not -nv; a value after O is not an option',
      code: 'FROM ubuntu:24.04\nRUN wget -O f u && wget -nc u && wget -Oq u\n',
      findings: [
        { message: MSG, range: [1, 4, 1, 8], aliases: ['DL3047'] },
        { message: MSG, range: [1, 19, 1, 23], aliases: ['DL3047'] },
        { message: MSG, range: [1, 33, 1, 37], aliases: ['DL3047'] },
      ],
      output: 'FROM ubuntu:24.04\nRUN wget --progress=dot:giga -O f u && wget --progress=dot:giga -nc u && wget --progress=dot:giga -Oq u\n',
    },
    {
      name: 'Alpine: BusyBox wget has no --progress, no fix',
      code: 'FROM alpine:3.20\nRUN wget https://example.com/a\n',
      findings: [{ message: MSG, range: [1, 4, 1, 8], aliases: ['DL3047'] }],
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["wget", "https://example.com/a"]\n',
      findings: [{ message: MSG, range: [1, 5, 1, 11], aliases: ['DL3047'] }],
      output: 'FROM debian:12\nRUN ["wget", "--progress=dot:giga", "https://example.com/a"]\n',
    },
    {
      name: 'behind sudo and inside sh -c, Red Hat family',
      code: 'FROM fedora:40\nRUN sudo wget u\nRUN sh -c "wget u"\n',
      findings: [
        { message: MSG, range: [1, 9, 1, 13], aliases: [] },
        { message: MSG, range: [2, 11, 2, 15], aliases: [] },
      ],
      output: 'FROM fedora:40\nRUN sudo wget --progress=dot:giga u\nRUN sh -c "wget --progress=dot:giga u"\n',
    },
    {
      name: 'heredoc, continuation, later stage',
      code: 'FROM alpine:3.20 AS a\nRUN wget -q u\nFROM debian:12\nRUN <<EOF\nwget u\nEOF\nRUN true \\\n  && wget u\n',
      findings: [
        { message: MSG, range: [4, 0, 4, 4], aliases: ['DL3047'] },
        { message: MSG, range: [7, 5, 7, 9], aliases: ['DL3047'] },
      ],
      output: 'FROM alpine:3.20 AS a\nRUN wget -q u\nFROM debian:12\nRUN <<EOF\nwget --progress=dot:giga u\nEOF\nRUN true \\\n  && wget --progress=dot:giga u\n',
    },
  ],
});
