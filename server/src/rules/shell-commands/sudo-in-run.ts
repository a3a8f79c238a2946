import { commandIndex } from '../../model/commands';
import { mayHold, withCarried } from '../../model/document';
import { del } from '../../model/edits';
import { basename } from '../../model/shell';
import type { ShellWord } from '../../model/shell';
import { trivy, trivyIds } from '../aliases';
import type { Fix, Rule } from '../types';
import { runsAsRoot, trivyPartStart } from './_shell';

/** sudo options that take no value and change nothing for a command that already runs as root. */
const HARMLESS = /^(-[EHnSk]+|--preserve-env(=.*)?|--set-home|--non-interactive|--stdin|--reset-timestamp)$/;

export const sudoInRun: Rule = {
  code: 'BH262',
  name: 'sudo-in-run',
  category: 'privileges',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3004' },
    ...trivy('0010'),
    { tool: 'checkov', id: 'CKV2_DOCKER_1', differs: 'Checkov looks for the text `sudo` anywhere in a RUN (a package named sudo, a path); Bulkhead flags only sudo run as a command.' },
  ],
  references: [
    { standard: 'CWE', id: 'CWE-250', title: 'Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'safe',
  docs: {
    summary: 'A RUN runs a command through `sudo`.',
    attack: '`sudo` in an image is a ready-made way back to root for anyone who gets a shell as the application user.',
    what:
      'A command of a `RUN` that is `sudo …` (also behind `env`, inside `sh -c "…"`, in exec form). A package named `sudo` being installed is not flagged.',
    why:
      'A build step runs as the stage\'s `USER`, root unless it says otherwise: `sudo` there is either useless or a way around a `USER` that was meant to drop ' +
      'privileges. It needs a sudo binary and a sudoers policy in the image, which any later process can use to become root again, and its terminal and ' +
      'environment handling (it resets the environment, may ask for a password) makes build steps behave unlike the same command without it.',
    bad: 'FROM debian:bookworm-slim\nRUN sudo apt-get update\n',
    good: 'FROM debian:bookworm-slim\nRUN apt-get update\n',
    useInstead:
      'Run root steps before switching users, or switch with `USER root` and back with `USER app` around them. To drop privileges when the container starts, use a ' +
      'tool made for it (`gosu`, `su-exec`, `setpriv`) in the entrypoint.',
    fixSafety:
      'Safe: the fix removes `sudo` (and options that take no value, such as `-E` or `-H`, or `-u root`) only where the step already runs as root, so the command runs as the same user. ' +
      'Where the step runs as another user, or sudo is asked for another user (`-u`), there is no fix: a `USER` change is for a person to place.',
    limitations: 'sudo\'s own environment reset (`secure_path`, dropped variables) no longer applies after the fix; a step that relied on it behaves differently.',
  },
  check({ model, report }) {
    const index = commandIndex(model);
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'RUN' || !mayHold(model, instr, (t) => t.includes('sudo'))) continue;
      for (const c of index.of(instr)) {
        const words = [c.command.name, ...c.command.args];
        const upTo = words.indexOf(c.nameWord);
        const at = words.slice(0, upTo < 0 ? 1 : upTo).findIndex((w) => w.value !== null && basename(w.value) === 'sudo');
        if (at < 0) continue;
        const sudo = words[at] as ShellWord;
        const written = at === 0;
        const aliases = [...(written && c.command.depth === 0 ? ['DL3004'] : []), ...(written && trivyPartStart(model, c) ? trivyIds('0010') : []), 'CKV2_DOCKER_1'];
        const fixes: Fix[] = [];
        let next = at + 1;
        for (;;) {
          const v = words[next]?.value ?? '';
          if (HARMLESS.test(v)) next++;
          // `-u root` (or 0) asks for the user the step already runs as.
          else if ((v === '-u' || v === '--user') && ['root', '0', '#0'].includes(words[next + 1]?.value ?? '')) next += 2;
          else if (/^--user=(root|0|#0)$/.test(v)) next++;
          else break;
        }
        if (words[next]?.value === '--') next++;
        const after = words[next];
        if (after && after.value !== null && !after.value.startsWith('-') && runsAsRoot(model, instr) === true) {
          fixes.push({ title: 'Remove sudo', applicability: 'safe', edits: [del(model, sudo.start, after.start)] });
        }
        report({
          message: 'RUN uses sudo; build steps run as the stage\'s USER.',
          range: model.lines.range(sudo.start, sudo.end),
          instructionLine: instr.line,
          aliases,
          fixes,
        });
      }
    }
  },
};
