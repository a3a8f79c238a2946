import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import { trivy, trivyIds } from '../aliases';
import type { Rule } from '../types';
import { hadolintSees, trivyPartStart } from './_shell';

export const curlAndWget: Rule = {
  code: 'BH267',
  name: 'curl-and-wget',
  category: 'attack-surface',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL4001' },
    ...trivy('0014', 'Trivy compares every RUN of the file, stages included, and sees only commands at the start of the RUN or after `&&`; Bulkhead compares the RUNs of one stage, where the tools end up in the same image.'),
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.3', title: 'Ensure that unnecessary packages are not installed in the container' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A stage downloads with both `curl` and `wget`.',
    attack: 'Two download tools in the image give an attacker with a shell two ways to fetch their own tools.',
    what: 'A stage whose `RUN` instructions run both `curl` and `wget` (past `sudo` and `env`, inside `sh -c "…"` too). The finding is on the first use of the tool that came second.',
    why:
      'Two downloaders do the same job with different defaults for redirects, retries, TLS and failures, so the same download behaves differently from one step to ' +
      'the next, and both tools (with their libraries) end up in the image as extra attack surface.',
    bad: 'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN wget -q -O /tmp/b.tgz https://example.com/b.tgz\n',
    good: 'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz\n',
    useInstead: 'Pick one tool per image (curl with `-fsSL`, or wget), or fetch files with `ADD --checksum=… URL` and need neither.',
    fixSafety: 'No automatic fix: the two tools\' options differ and rewriting one into the other is a change to review.',
    limitations: 'Stages are compared one at a time: a build stage that uses wget and a final stage that uses curl are not flagged.',
  },
  check({ model, report }) {
    const uses = commandIndex(model).named(['curl', 'wget'], { keywords: ['RUN'] });
    if (uses.length < 2) return;
    const byStage = new Map<unknown, IndexedCommand[]>();
    for (const c of uses) {
      const list = byStage.get(c.stage);
      if (list) list.push(c);
      else byStage.set(c.stage, [c]);
    }
    for (const stage of model.stages) {
      const mine = byStage.get(stage) ?? [];
      const firstCurl = mine.find((c) => c.name === 'curl');
      const firstWget = mine.find((c) => c.name === 'wget');
      if (!firstCurl || !firstWget) continue;
      const second: IndexedCommand = firstCurl.start < firstWget.start ? firstWget : firstCurl;
      const both = (test: (c: IndexedCommand) => boolean): boolean => mine.some((c) => c.name === 'curl' && test(c)) && mine.some((c) => c.name === 'wget' && test(c));
      const other = second.name === 'curl' ? 'wget' : 'curl';
      report({
        message: `This stage runs both ${other} and ${second.name ?? ''}; one downloader is enough.`,
        range: model.lines.range(second.nameWord.start, second.nameWord.end),
        instructionLine: second.instr.line,
        aliases: [...(both(hadolintSees) ? ['DL4001'] : []), ...(both((c) => trivyPartStart(model, c)) ? trivyIds('0014') : [])],
      });
    }
  },
};
