import { mayHold, withCarried } from '../model/document';
import type { Instr } from '../model/document';
import { wordValue } from '../model/run-context';
import { basename, isShell, shellScriptArgIndex, unwrapCommand } from '../model/shell';
import type { ShellCommand, ShellScript, ShellWord } from '../model/shell';
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

/**
 * A word that runs a file a download may have written: a shell, an interpreter, `source` or `.`, or `chmod`, without
 * which a downloaded file cannot be run by its path. Implied by every download-then-run finding.
 */
const RUNS_FILE = /\b(?:sh|bash|dash|ash|zsh|ksh|mksh|busybox|python[\d.]*|perl|ruby|node|php|source|chmod)\b|(?:^|[\s;&|(])\.\s/;

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

/** What a curl or wget command downloads and where it puts it. */
export interface Download {
  cmd: ShellCommand;
  tool: 'curl' | 'wget';
  /** The first URL among the arguments (ARG and ENV substituted), with its word. */
  url: { value: string; word: ShellWord } | undefined;
  /** The file written (`/tmp/i.sh`, `install.sh`, `./` removed); null for standard output not redirected to a file; undefined when not known. */
  file: string | null | undefined;
}

const URL = /^(?:https?|ftp):\/\//i;
const DOWNLOADER_OR_PREFIX = /(?:^|\/)(?:curl|wget|sudo|env)$/;

/** The last segment of a URL's path, as `curl -O` and `wget` name the file they write. */
function remoteName(url: string): string | undefined {
  const path = url.replace(/[?#].*$/s, '').replace(/^[a-z]+:\/\/[^/]*/i, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === '' ? undefined : name;
}

function normalize(path: string): string {
  return path.replace(/^(?:\.\/)+/, '');
}

function joinDir(dir: string | undefined, name: string): string {
  return dir === undefined || dir === '' || dir === '.' ? name : `${dir.replace(/\/+$/, '')}/${name}`;
}

/** What a curl or wget command (past sudo and env) downloads and where it writes it; undefined for other commands. */
export function downloadOf(instr: Instr, cmd: ShellCommand): Download | undefined {
  const { name, args } = unwrapCommand(cmd);
  const tool = name === null ? '' : basename(name);
  if (tool !== 'curl' && tool !== 'wget') return undefined;
  const values = args.map((a) => wordValue(instr, a) ?? a.raw);
  const at = values.findIndex((v) => URL.test(v));
  const url = at >= 0 ? { value: values[at] ?? '', word: args[at] as ShellWord } : undefined;
  let file: string | undefined;
  let remote = tool === 'wget';
  let dir: string | undefined;
  let stdout = tool === 'curl';
  for (let i = 0; i < values.length; i++) {
    const a = values[i] ?? '';
    const next = values[i + 1];
    if (tool === 'curl') {
      if (a === '-o' || a === '--output') [file, stdout] = [next, next === '-'];
      else if (a.startsWith('--output=')) [file, stdout] = [a.slice(9), a.slice(9) === '-'];
      else if (a === '-O' || a === '--remote-name') [remote, stdout] = [true, false];
      else if (a === '--output-dir') dir = next;
      else if (/^-[a-zA-Z]+/.test(a) && !a.startsWith('--')) {
        const m = /^-[a-zA-Z]*?([oO])(.*)$/.exec(a);
        if (m?.[1] === 'O') [remote, stdout] = [true, false];
        else if (m) {
          const f = m[2] === '' ? next : m[2];
          [file, stdout] = [f, f === '-'];
        }
      }
    } else {
      if (a === '-O' || a === '--output-document') [file, remote] = [next, false];
      else if (a.startsWith('--output-document=')) [file, remote] = [a.slice(18), false];
      else if (a === '-P' || a === '--directory-prefix') dir = next;
      else if (a.startsWith('--directory-prefix=')) dir = a.slice(19);
      else if (/^-[a-zA-Z]*O/.test(a)) {
        const m = /^-[a-zA-Z]*?O(.*)$/.exec(a);
        const f = m?.[1] === '' ? next : m?.[1];
        [file, remote] = [f, false];
      }
      stdout = file === '-' || file === '/dev/stdout';
    }
  }
  if (stdout || file === '-' || file === '/dev/stdout') {
    const r = cmd.redirects?.find((x) => (x.op === '>' || x.op === '>|') && (x.fd === null || x.fd === '1'));
    const target = r ? (wordValue(instr, r.target) ?? r.target.raw) : undefined;
    return { cmd, tool, url, file: r ? (target === undefined ? undefined : normalize(target)) : null };
  }
  if (file !== undefined) return { cmd, tool, url, file: normalize(tool === 'curl' ? joinDir(dir, file) : file) };
  const n = remote && url ? remoteName(url.value) : undefined;
  return { cmd, tool, url, file: n === undefined ? undefined : normalize(joinDir(dir, n)) };
}

/** The file a command runs as a script or program, and what runs it (`sh`, `python3`, or null when run by its path). */
function runFile(instr: Instr, cmd: ShellCommand): { file: string; runner: string | null } | undefined {
  const { name, args } = unwrapCommand(cmd);
  if (name === null) return undefined;
  const base = basename(name);
  const value = (w: ShellWord | undefined): string | undefined => (w ? normalize(wordValue(instr, w) ?? w.raw) : undefined);
  if (SOURCE_RUNNERS.has(base)) {
    const f = value(args[0]);
    return f ? { file: f, runner: base } : undefined;
  }
  const shell = isShell(name);
  if (shell || INTERPRETERS.has(base.replace(/[\d.]+$/, '')) || INTERPRETERS.has(base)) {
    for (const a of args) {
      const v = wordValue(instr, a);
      if (v === null) return undefined;
      if (v === '--') continue;
      // `sh -c '…'` runs its argument; `python -c`, `perl -e`, `node -e`, `python -m` run no file; `-` is stdin.
      if (v === '-' || (shell ? /^-[a-zA-Z]*c[a-zA-Z]*$/.test(v) : /^-(?:c|e|E|r|m)$/.test(v))) return undefined;
      if (v.startsWith('-') || v.startsWith('+')) continue;
      const f = value(a);
      return f ? { file: f, runner: base } : undefined;
    }
    return undefined;
  }
  return { file: normalize(name), runner: null };
}

/** Programs whose run between a download and its use checks the file (a checksum or a signature). */
const CHECKERS = /^(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|cksum|gpgv2?|cosign|minisign|signify)$/;

function checks(cmd: ShellCommand): boolean {
  const { name, args } = unwrapCommand(cmd);
  if (name === null) return false;
  const base = basename(name);
  if (CHECKERS.test(base)) return true;
  if (base === 'gpg' || base === 'gpg2') return args.some((a) => a.value === '--verify');
  if (base === 'openssl') return args.some((a) => a.value === 'dgst' || /^sha\d+$/.test(a.value ?? ''));
  return false;
}

/** Whether a `chmod` between two offsets names the file. */
function madeExecutable(instr: Instr, script: ShellScript, file: string, from: number, to: number): boolean {
  return script.commands.some((c) => {
    if (c.start < from || c.end > to) return false;
    const { name, args } = unwrapCommand(c);
    return name !== null && basename(name) === 'chmod' && args.some((a) => normalize(wordValue(instr, a) ?? a.raw) === file);
  });
}

/** `curl -o x.sh URL && sh x.sh`: a downloaded file run later in the same RUN with no check in between. */
function downloadThenRun(instr: Instr, script: ShellScript, report: (cmd: ShellCommand, message: string, from: number) => void): void {
  const downloads: Download[] = [];
  for (const cmd of script.commands) {
    // Only a downloader, or sudo or env running one, can be one: skip the rest without unwrapping them.
    const n = cmd.name.value;
    if (n === null || !DOWNLOADER_OR_PREFIX.test(n)) continue;
    const d = downloadOf(instr, cmd);
    if (d && typeof d.file === 'string') downloads.push(d);
  }
  const first = downloads[0];
  if (!first) return;
  const reported = new Set<ShellCommand>();
  for (const cmd of script.commands) {
    if (cmd.start < first.cmd.end || reported.has(cmd)) continue;
    const run = runFile(instr, cmd);
    if (!run) continue;
    // The latest download of that file before the command.
    const d = downloads.filter((x) => x.file === run.file && x.cmd.end <= cmd.start).pop();
    if (!d) continue;
    if (script.commands.some((c) => c.start >= d.cmd.end && c.end <= cmd.start && checks(c))) continue;
    if (run.runner === null && !madeExecutable(instr, script, run.file, d.cmd.end, cmd.start)) continue;
    reported.add(cmd);
    const message =
      run.runner === null
        ? `${run.file}, downloaded by ${d.tool}, is run without an integrity check.`
        : `${run.runner} runs ${run.file}, downloaded by ${d.tool}, without an integrity check.`;
    report(cmd, message, d.cmd.start);
  }
}

export const curlPipeShell: Rule = {
  code: 'BH005',
  name: 'curl-pipe-shell',
  category: 'supply-chain',
  severity: 'warning',
  trust: 'insecure',
  aliases: [],
  references: [
    { standard: 'NIST SP 800-190', id: '4.1.3', title: 'Embedded malware' },
    { standard: 'NIST SP 800-190', id: '4.1.5', title: 'Use of untrusted images' },
    { standard: 'CWE', id: 'CWE-494', title: 'Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
  ],
  fixable: 'none',
  docs: {
    summary: 'A downloaded script is piped straight into a shell, or saved and run with no check in between.',
    attack: 'Whoever controls the download server, its DNS name or the network path runs code of their choosing as root in the build, and it ends up in the image.',
    what:
      'A `RUN` pipes `curl` or `wget` output into `sh`, `bash` or another shell or interpreter (`curl … | sh`, `wget -qO- … | sudo bash`), ' +
      'or runs a downloaded script through command or process substitution (`sh -c "$(curl …)"`, `bash <(curl …)`), or saves a download to a file and runs it later in the same `RUN` ' +
      '(`curl -o x.sh URL && sh x.sh`, `wget URL/install.sh; bash install.sh`, `curl -fsSLO URL/install && chmod +x install && ./install`) with no checksum or signature check of it in between ' +
      '(`sha256sum -c`, `echo "<hex>  x.sh" | sha256sum -c -`, `gpg --verify`, `cosign verify-blob`). Commands inside `sh -c "…"` are checked too; the file names are read with ARG and ENV values substituted.',
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
    limitations:
      'A download saved in one `RUN` and run in another is not followed; nor are scripts fetched by other tools (`python -c "urllib…"`). Any checksum or signature command between ' +
      'the download and the run counts as the check, whatever it compares. A file run by its path must be made executable with `chmod` in between to count as run.',
  },
  check({ model, report }) {
    for (const instr of withCarried(model)) {
      if (instr.keyword !== 'RUN') continue;
      // Literal prefilter: without a downloader, and a pipe into a shell or interpreter or a substitution,
      // there is nothing to parse.
      if (!mayHold(model, instr, (t) => /curl|wget/.test(t) && (PIPE_TO_RUNNER.test(t) || RUNNER_WITH_SUBSTITUTION.test(t) || RUNS_FILE.test(t)))) continue;
      const script = model.shell(instr);
      if (!script) continue;
      downloadThenRun(instr, script, (cmd, message, from) => report({ message, range: model.lines.range(from, cmd.end), instructionLine: instr.line }));
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
