import { mayHold, withCarried } from '../model/document';
import { basename, isShell, shellScriptArgIndex, unwrapCommand } from '../model/shell';
import type { ShellCommand, ShellWord } from '../model/shell';
import type { Rule } from './types';

const INTERPRETERS = new Set(['python', 'python3', 'perl', 'ruby', 'node', 'php']);
/** A pipe followed, before the next `|`, `;` or `&`, by a word naming a shell or an interpreter. */
const PIPE_TO_RUNNER = /\|[^|;&]*?\b(?:sh|bash|dash|ash|zsh|ksh|mksh|busybox|python[\d.]*|perl|ruby|node|php)\b/;
/**
 * A shell, eval, source or `.` with a substitution among its arguments (`sh -c "$(curl …)"`, `bash <(wget …)`),
 * exec form included, read with quotes removed. Implied by every substitution finding; `$(dpkg --print-architecture)` in an assignment,
 * which most RUNs have, is not enough.
 */
const RUNNER_WITH_SUBSTITUTION = /(?:\b(?:sh|bash|dash|ash|zsh|ksh|mksh|busybox|eval|source)\b|(?:^|[\s;&|(])\.)[\s,][^|;&]*?(?:\$\(|`|<\()/;

function toStdout(file: string | undefined): boolean {
  return file === '-' || file === '/dev/stdout';
}

/** Whether a curl or wget command writes what it downloads to standard output. */
export function downloadsToStdout(cmd: ShellCommand): boolean {
  const name = basename(cmd.name.value ?? '');
  const args = cmd.args.map((a) => a.value ?? '');
  if (name === 'curl') {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      if (a === '-o' || a === '--output') return toStdout(args[i + 1]);
      if (a.startsWith('--output=')) return toStdout(a.slice('--output='.length));
      if (a === '-O' || a === '--remote-name' || a === '--remote-name-all') return false;
      if (/^-[a-zA-Z]+$/.test(a) && a.includes('O')) return false;
      // Combined short flags: `-fsSLo file`, or the value attached: `-fsSLo-`, `-o/tmp/x`.
      const m = /^-[a-zA-Z]*?o(.*)$/.exec(a);
      if (m && !a.startsWith('--')) return toStdout(m[1] === '' ? args[i + 1] : m[1]);
    }
    return true;
  }
  if (name === 'wget') {
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      if (a === '--output-document') return toStdout(args[i + 1]);
      if (a.startsWith('--output-document=')) return toStdout(a.slice('--output-document='.length));
      const m = /^-[a-zA-Z]*?O(.*)$/.exec(a);
      if (m) return toStdout(m[1] === '' ? args[i + 1] : m[1]);
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
  const values = args.map((a) => a.value);
  if (isShell(name)) {
    // `sh -c "…"` runs its argument, not stdin; `sh`, `sh -s args…`, `sh -` and `sh -x` read stdin.
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) return undefined;
      if (v === '-' || v === '/dev/stdin' || /^-[a-z]*s[a-z]*$/.test(v)) return base;
      if (/^-[a-z]*c[a-z]*$/.test(v)) return undefined;
      // After `--` the next word is a script file; with nothing after it, the script is stdin.
      if (v === '--') return values[i + 1] === '/dev/stdin' || i + 1 >= values.length ? base : undefined;
      if (!v.startsWith('-') && !v.startsWith('+')) return undefined;
    }
    return base;
  }
  if (INTERPRETERS.has(base.replace(/[\d.]+$/, '')) || INTERPRETERS.has(base)) {
    // The first argument that is not an option is the script; `-` or none means standard input.
    for (const v of values) {
      if (v === null) return undefined;
      if (v === '-' || v === '/dev/stdin') return base;
      if (v === '--') continue;
      if (v === '-c' || v === '-e' || v === '-E' || v === '-r' || v === '-m') return undefined;
      if (!v.startsWith('-')) return undefined;
    }
    return base;
  }
  return undefined;
}

/** Commands that run a script given as their argument: `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(curl …)"`. */
const SOURCE_RUNNERS = new Set(['eval', 'source', '.']);

/** The argument that holds the script a shell (or eval, source, `.`) runs, if it is a word of this command. */
function scriptArgument(cmd: ShellCommand): ShellWord | undefined {
  const { name, args } = unwrapCommand(cmd);
  if (name === null) return undefined;
  if (SOURCE_RUNNERS.has(basename(name))) return args[0];
  if (!isShell(name)) return undefined;
  const c = shellScriptArgIndex(args);
  if (c >= 0) return args[c];
  return args.find((a) => !(a.value ?? '').startsWith('-') && !(a.value ?? '').startsWith('+'));
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
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'RUN') continue;
      // Literal prefilter: without a downloader, and a pipe into a shell or interpreter or a substitution,
      // there is nothing to parse.
      if (!mayHold(model, instr, (t) => /curl|wget/.test(t) && (PIPE_TO_RUNNER.test(t) || RUNNER_WITH_SUBSTITUTION.test(t)))) continue;
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
        // sh -c "$(curl …)" / bash <(curl …) / eval "$(curl …)": the script is what a download printed.
        const scriptArg = cmd.hasSubstitutionArgs ? scriptArgument(cmd) : undefined;
        if (scriptArg && /^["']?(?:\$\(|`|<\()/.test(scriptArg.raw)) {
          const inner = script.commands.find((c) => c !== cmd && c.inSubstitution && c.start >= scriptArg.start && c.end <= scriptArg.end && isDownloader(c));
          if (inner) {
            seen.add(cmd);
            const runnerName = unwrapCommand(cmd).name ?? 'A shell';
            report({
              message: `${basename(runnerName)} runs a script downloaded by ${basename(inner.name.value ?? '')} without an integrity check.`,
              range: model.lines.range(cmd.start, cmd.end),
              instructionLine: instr.line,
            });
          }
        }
      }
    }
  },
};
