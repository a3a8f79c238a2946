import { curlAndWget } from '../../../server/src/rules/shell-commands/curl-and-wget';
import { ruleTester } from '../../harness/rule-tester';

const ALL = ['DL4001', 'DS-0014', 'DS014', 'AVD-DS-0014'];

ruleTester(curlAndWget, {
  valid: [
    { name: 'curl only', code: 'FROM debian:12\nRUN curl -fsSLO u\nRUN curl -fsSLO v\n' },
    { name: 'wget only', code: 'FROM debian:12\nRUN wget -q u\n' },
    { name: 'installing both is not using both', code: 'FROM debian:12\nRUN apt-get install -y wget curl && curl -fsSLO u\n' },
    { name: 'different stages', code: 'FROM debian:12 AS a\nRUN wget -q u\nFROM debian:12\nRUN curl -fsSLO u\n' },
    { name: 'CMD is not a build step', code: 'FROM debian:12\nRUN curl -fsSLO u\nHEALTHCHECK CMD wget -q -O- http://localhost/\n' },
  ],
  invalid: [
    {
      name: 'curl then wget, separate RUNs',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/a u\nRUN wget -q -O /tmp/b v\n',
      findings: [{ message: 'This stage runs both curl and wget; one downloader is enough.', range: [2, 4, 2, 8], aliases: ALL }],
    },
    {
      name: 'wget then curl in one RUN after &&',
      code: 'FROM debian:12\nRUN wget -q u && curl -fsSLO v\nRUN curl w\n',
      findings: [{ message: 'This stage runs both wget and curl; one downloader is enough.', range: [1, 17, 1, 21], aliases: ALL }],
    },
    {
      name: 'after ; or behind sudo: Trivy does not see it',
      code: 'FROM debian:12\nRUN wget -q u\nRUN echo; sudo curl x\n',
      findings: [{ message: 'This stage runs both wget and curl; one downloader is enough.', range: [2, 15, 2, 19], aliases: [] }],
    },
    {
      name: 'after ;: hadolint only',
      code: 'FROM debian:12\nRUN wget -q u\nRUN echo; curl x\n',
      findings: [{ message: 'This stage runs both wget and curl; one downloader is enough.', range: [2, 10, 2, 14], aliases: ['DL4001'] }],
    },
    {
      name: 'a stage after a stage: each stage on its own; heredoc and exec form',
      code: 'FROM debian:12 AS a\nRUN curl u\nFROM a\nRUN <<EOF\nwget -q u\nEOF\nRUN ["curl", "v"]\n',
      findings: [{ message: 'This stage runs both wget and curl; one downloader is enough.', range: [6, 5, 6, 11], aliases: ['DL4001'] }],
    },
  ],
});
