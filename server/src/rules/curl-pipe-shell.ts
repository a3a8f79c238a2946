import { basename, isShell, unwrapCommand } from '../model/shell';
import type { ShellCommand } from '../model/shell';
import type { Rule } from './types';

const INTERPRETERS = new Set(['python', 'python3', 'perl', 'ruby', 'node', 'php']);
/** A pipe followed, before the next `|`, `;` or `&`, by a word naming a shell or an interpreter. */
const PIPE_TO_RUNNER = /\|[^|;&]*?\b(?:sh|bash|dash|ash|zsh|ksh|mksh|busybox|python[\d.]*|perl|ruby|node|php)\b/;

/** Whether a curl or wget command writes what it downloads to standard output. */
export function downloadsToStdout(cmd: ShellCommand): boolean {
  const name = basename(cmd.name.value ?? '');
  const args = cmd.args.map((a) => a.value ?? '');
  if (name === 'curl') {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      if (a === '-o' || a === '--output') return args[i + 1] === '-';
      if (a === '-O' || a === '--remote-name' || a === '--remote-name-all' || a.startsWith('--output=')) return a === '--output=-';
      if (/^-[a-zA-Z]*[oO]/.test(a) && !a.startsWith('--')) {
        // Combined short flags: -fsSLo file / -fsSLO
        return /o$/.test(a) && args[i + 1] === '-';
      }
    }
    return true;
  }
  if (name === 'wget') {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      if (a === '-O' || a === '--output-document') return args[i + 1] === '-';
      if (a === '-O-' || a === '--output-document=-') return true;
      if (/^-[a-zA-Z]*O$/.test(a)) return args[i + 1] === '-';
      if (/^-[a-zA-Z]*O-$/.test(a)) return true;
    }
    return false;
  }
  return false;
}

function isDownloader(cmd: ShellCommand): boolean {
  const name = basename(cmd.name.value ?? '');
  return (name === 'curl' || name === 'wget') && downloadsToStdout(cmd);
}

/** A shell or interpreter that runs what it reads on standard input (or sudo running one). */
function runsStdin(cmd: ShellCommand): string | undefined {
  const { name, args } = unwrapCommand(cmd);
  if (name === null) return undefined;
  const base = basename(name);
  if (isShell(name)) {
    // `sh -c "…"` runs its argument, not stdin; `sh`, `sh -s`, `sh -` and `sh -x` read stdin.
    if (args.some((a) => /^-[a-z]*c[a-z]*$/.test(a.value ?? ''))) return undefined;
    const positional = args.find((a) => a.value !== null && !a.value.startsWith('-'));
    return positional ? undefined : base;
  }
  if (INTERPRETERS.has(base.replace(/[\d.]+$/, '')) || INTERPRETERS.has(base)) {
    const positional = args.find((a) => a.value !== null && !a.value.startsWith('-') && a.value !== '-');
    return positional ? undefined : base;
  }
  return undefined;
}

export const curlPipeShell: Rule = {
  code: 'BH005',
  name: 'curl-pipe-shell',
  category: 'supply-chain',
  severity: 'warning',
  aliases: [],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.3', title: 'Embedded malware' },
    { standard: 'NIST SP 800-190', id: '4.1.5', title: 'Use of untrusted images' },
    { standard: 'CWE', id: 'CWE-494', title: 'Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A downloaded script is piped straight into a shell.',
    what:
      'A `RUN` pipes `curl` or `wget` output into `sh`, `bash` or another shell or interpreter (`curl … | sh`, `wget -qO- … | sudo bash`), ' +
      'or runs a downloaded script through command or process substitution (`sh -c "$(curl …)"`, `bash <(curl …)`). Commands inside `sh -c "…"` are checked too.',
    why:
      'Whatever the server returns at build time runs as root in the build, with no integrity check: a compromised host, a hijacked DNS name or a changed script ' +
      'ends up in the image, and the next build may run something else than the last one. A connection cut halfway can also run half a script.',
    bad: 'FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n',
    good:
      'FROM debian:bookworm-slim\n' +
      'ADD --checksum=sha256:0e2f5a8d0a3b9d5c1c4f8e7a6b5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d https://example.com/install.sh /tmp/install.sh\n' +
      'RUN sh /tmp/install.sh && rm /tmp/install.sh\n',
    useInstead:
      'Download to a file, verify it against a checksum you recorded (`ADD --checksum=sha256:… URL /path`, or `curl -fsSLo f URL && echo "SHA256  f" | sha256sum -c -`), then run it. ' +
      'Better still, install the tool from the distribution\'s signed packages or copy it from an official image with `COPY --from=`.',
    fixSafety: 'No automatic fix: the checksum has to come from a source you trust, and only you can record it.',
    limitations: 'Downloads saved to a file and run in a later command are not followed; nor are scripts fetched by other tools (`python -c "urllib…"`).',
  },
  check({ model, report }) {
    for (const instr of model.instructions) {
      if (instr.keyword !== 'RUN') continue;
      // Literal prefilter: without a downloader, and a pipe into a shell or interpreter or a substitution,
      // there is nothing to parse.
      const text = model.text.slice(instr.start, instr.end);
      if (!/curl|wget/.test(text) || !(PIPE_TO_RUNNER.test(text) || /`|\$\(|<\(/.test(text))) continue;
      const script = model.shell(instr);
      if (!script) continue;
      const seen = new Set<ShellCommand>();
      for (const cmd of script.commands) {
        if (seen.has(cmd)) continue;
        // curl … | sh
        const runner = runsStdin(cmd);
        if (runner && cmd.pipelineIndex > 0) {
          const source = cmd.pipeline.slice(0, cmd.pipelineIndex).find(isDownloader);
          if (source) {
            seen.add(cmd);
            report({
              message: `A download from ${basename(source.name.value ?? '')} is piped into ${runner} without an integrity check.`,
              range: model.lines.range(source.start, cmd.end),
              instructionLine: instr.line,
            });
            continue;
          }
        }
        // sh -c "$(curl …)" / bash <(curl …)
        if ((isShell(cmd.name.value) || runner) && cmd.hasSubstitutionArgs) {
          const inner = script.commands.find((c) => c !== cmd && c.inSubstitution && c.start >= cmd.start && c.end <= cmd.end && isDownloader(c));
          if (inner) {
            seen.add(cmd);
            report({
              message: `${basename(cmd.name.value ?? 'A shell')} runs a script downloaded by ${basename(inner.name.value ?? '')} without an integrity check.`,
              range: model.lines.range(cmd.start, cmd.end),
              instructionLine: instr.line,
            });
          }
        }
      }
    }
  },
};
