import { trivy } from './aliases';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { parseExecForm, withCarried } from '../model/document';
import { del, replace } from '../model/edits';
import { hasVariables } from '../model/variables';
import type { Rule } from './types';

/** Flags ADD has and COPY does not. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tzst|tar\.(gz|bz2|xz|zst|lz|lzma|Z)|gz|bz2|xz|zst|lzma|Z)$/i;
const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

export const addInsteadOfCopy: Rule = {
  code: 'BH004',
  name: 'add-instead-of-copy',
  category: 'build-hygiene',
  severity: 'warning',
  aliases: [
    { tool: 'hadolint', id: 'DL3020' },
    ...trivy('0005'),
    { tool: 'checkov', id: 'CKV_DOCKER_4' },
  ],
  references: [
    { standard: 'CIS Docker Benchmark v1.6.0', id: '4.9', title: 'Ensure that COPY is used instead of ADD in Dockerfiles' },
    { standard: 'NIST SP 800-190', id: '4.1.2', title: 'Image configuration defects' },
  ],
  fixable: 'safe',
  docs: {
    summary: '`ADD` copies local files that are not archives.',
    what:
      'An `ADD` whose sources are all local paths with no archive extension. `ADD` of a URL or a git repository, and of local `.tar`, `.tar.gz`, `.tgz`, `.tar.xz` and similar archives, ' +
      'is what `ADD` is for and is not flagged; nor is a source that depends on a variable.',
    why:
      '`ADD` does more than copy: it unpacks local tar archives and fetches URLs. Using it for plain files hides that power where a reader does not expect it, ' +
      'and a file that happens to be a tar archive is silently extracted into the image. `COPY` does exactly one thing.',
    bad: 'FROM alpine:3.20\nADD config.yml /etc/app/config.yml\n',
    good: 'FROM alpine:3.20\nCOPY config.yml /etc/app/config.yml\n',
    useInstead: 'Use `COPY` for local files and folders. Keep `ADD` for local archives you want unpacked, and for remote files only with `--checksum`.',
    fixSafety:
      'Safe: `ADD` and `COPY` copy local files the same way, with the same `--chown`, `--chmod`, `--link` and `--exclude`. Flags only `ADD` has (`--checksum`, `--keep-git-dir`, `--unpack`) are dropped; ' +
      'they do nothing for local files.',
    limitations: '`ADD` decides to unpack by a file\'s content, not its name: a tar archive named without an archive extension is flagged, and the fix would stop it being unpacked.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'ADD') continue;
      const node = instr.node as unknown as { getFlags(): { getName(): string; getRange(): Range }[] };
      const args = instr.args;
      const first = args[0];
      if (!first || args.length < 2) continue;
      const argStart = model.lines.offsetAt(first.getRange().start);
      if (/^<</.test(first.getValue())) continue; // heredoc sources
      const exec = parseExecForm(model.text, argStart, instr.end);
      const values = exec ? exec.strings.map((s) => s.value) : args.map((a) => a.getValue());
      const sources = values.slice(0, -1);
      if (sources.length === 0) continue;
      if (sources.some((s) => REMOTE.test(s) || ARCHIVE.test(s) || hasVariables(s) || /[*?[]/.test(s) && !/\.\w+$/.test(s))) continue;
      const kw = instr.node.getInstructionRange();
      const [kwStart, kwEnd] = model.offsets(kw);
      const written = model.text.slice(kwStart, kwEnd);
      const copy = written === written.toLowerCase() ? 'copy' : 'COPY';
      const edits: TextEdit[] = [replace(model, kwStart, kwEnd, copy)];
      for (const flag of node.getFlags()) {
        if (!ADD_ONLY_FLAGS.has(flag.getName().toLowerCase())) continue;
        const [fs, fe] = model.offsets(flag.getRange());
        // The flag and the whitespace after it.
        let e = fe;
        while (e < model.text.length && (model.text[e] === ' ' || model.text[e] === '\t')) e++;
        edits.push(del(model, fs, e));
      }
      // Several sources into a destination that is not a folder fail to build with ADD and COPY alike: that is
      // for a person to mend first, not for a fix to carry over.
      const dest = values[values.length - 1] ?? '';
      const broken = sources.length > 1 && !/[/\\]$/.test(dest);
      report({
        message: `ADD copies local ${sources.length === 1 ? `"${sources[0]}"` : 'files'} that ${sources.length === 1 ? 'is not an archive' : 'are not archives'}; COPY says what it does.`,
        range: kw,
        instructionLine: instr.line,
        fixes: broken ? [] : [{ title: 'Use COPY instead of ADD', applicability: 'safe', edits }],
      });
    }
  },
};
