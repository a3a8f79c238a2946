#!/usr/bin/env node
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { stringify as toYaml } from 'yaml';
import { version } from '../../package.json';
import { ConfigError, findConfigFile, findConfigFor, readConfigFile } from './config/config-file';
import { DEFAULT_SETTINGS, resolveSettings } from './config/settings';
import type { ResolvedSettings } from './config/settings';
import { lintText } from './engine';
import { UrlDigests } from './integrity/url-digests';
import { parseDockerfile } from './model/document';
import type { DocumentFacts } from './model/document';
import { urlsWithoutChecksum } from './rules/integrity/add-url-without-checksum';
import { fixText } from './features/fix';
import { buildManifest } from './features/manifest';
import { formatJson } from './features/output/json';
import type { FileReport } from './features/output/report';
import { formatSarif } from './features/output/sarif';
import { formatText } from './features/output/text';
import { initEngineForNode, keepHeapSmall } from './node-init';
import { orderedPool, serveOrderedPool } from './ordered-pool';
import { RULES } from './rules/index';
import { SEVERITIES } from './rules/types';
import type { Severity } from './rules/types';

const USAGE = `Usage:
  bulkhead lint [paths…] [--format text|json|sarif] [--fix [--unsafe-fixes]] [--config FILE] [--fail-on LEVEL] [--context DIR] [--jobs N] [--online]
  bulkhead manifest <Dockerfile> [--format json|yaml] [--config FILE] [--context DIR]
  bulkhead rules [--format text|json]
  bulkhead --help | --version

lint      Lint Dockerfiles. Folders are searched for Dockerfile, *.Dockerfile, *.dockerfile, Dockerfile.*,
          Containerfile and Containerfile.* (not in node_modules or .git); no path means the current folder.
          --fix applies safe fixes in place; --unsafe-fixes adds fixes that change what is built or run.
          --fail-on error|warning|info|hint|none: the lowest severity that fails (default: warning).
          --config FILE: rules, ignore and failOn in JSON or YAML, for every file. Without it, each Dockerfile
          takes the nearest .bulkhead.json, .bulkhead.yaml, .bulkhead.yml, .hadolint.yaml or .hadolint.yml
          from its folder upwards (Bulkhead's before hadolint's in a folder), else the current folder's.
          --context DIR: the build context, whose .dockerignore applies when <Dockerfile>.dockerignore is
          absent (default: each Dockerfile's folder).
          --jobs N: lint on N threads (default: one per core); the output is the same, in the same order.
          --online: download what ADD fetches without --checksum (5 s and 200 MB at most each) so that
          --fix --unsafe-fixes can pin it with --checksum=sha256:…; without it nothing is downloaded.
manifest  Print what the final stage runs as: user, ports, volumes, entrypoint, cmd, healthcheck, env, labels, secrets and trust.
rules     List every rule.

Exit status: 0 nothing at or above the threshold, 1 findings at or above it, 2 usage, config or I/O error.`;

/** Bad arguments: one line on stderr, exit 2. */
class UsageError extends Error {}
/** A path that cannot be found, read or written: reported, the other files are still linted, exit 2. */
class IoError extends Error {}

/** Files Dockerfiles are fed from at that size are not Dockerfiles, and parsing them would take minutes. */
const MAX_BYTES = 32 * 1024 * 1024;

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)$|^(Dockerfile|Containerfile)\..+|\.(Dockerfile|dockerfile)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Docker's default file names; `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not one. */
function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name) && !name.endsWith('.dockerignore');
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Dockerfiles under the paths, each once: files as given, folders searched in code-point order so output is
 * stable. Symlinked files are followed, symlinked folders are not (no cycles).
 */
function discover(paths: readonly string[], problems: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    const key = path.resolve(p);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`cannot read folder ${display(dir)}: ${errno(e)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (isDockerfileName(e.name) && (e.isFile() || (e.isSymbolicLink() && isFile(p)))) {
        add(p);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      problems.push(errno(e) === 'ENOENT' ? `no such file or folder: ${p}` : `cannot read ${p}: ${errno(e)}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else {
      add(p);
      knownSize.set(p, st.size);
    }
  }
  return out;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** How a path is shown: relative to the current folder with forward slashes, or absolute when outside it. */
function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel).split(path.sep).join('/');
}

/** Sizes `discover` already read for the paths given as arguments: one stat per file, not two. */
const knownSize = new Map<string, number>();

/** A file's bytes, or why it cannot be linted. */
function readBytes(file: string): Buffer {
  let size: number;
  try {
    size = knownSize.get(file) ?? fs.statSync(file).size;
  } catch (e) {
    throw new IoError(`cannot read ${display(file)}: ${errno(e)}`);
  }
  if (size > MAX_BYTES) throw new IoError(`${display(file)} is ${(size / 1024 / 1024).toFixed(0)} MiB; bulkhead lints files up to ${MAX_BYTES / 1024 / 1024} MiB`);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new IoError(`cannot read ${display(file)}: ${errno(e)}`);
  }
}

/** A NUL byte in the first 8 KiB, as git decides: no Dockerfile has one. */
function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

const BOM = '\uFEFF';

/** The text the engine sees: UTF-8 without a byte order mark, so that columns match what editors show. */
function textOf(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Applies fixes to a file's bytes and writes them back when they changed. UTF-8 files round-trip as text with
 * their BOM and line breaks; other files are edited as Latin-1 so that bytes no fix touched stay as they were.
 */
function fixFile(
  file: string,
  bytes: Buffer,
  options: { unsafe: boolean; settings: ResolvedSettings; facts: DocumentFacts; context: string | undefined },
  warn: (m: string) => void,
): { bytes: Buffer; applied: FileReport['fixed']; facts: DocumentFacts } {
  const encoding = isUtf8(bytes) ? 'utf8' : 'latin1';
  const decoded = bytes.toString(encoding);
  const bom = encoding === 'utf8' && decoded.startsWith(BOM) ? BOM : '';
  const before = decoded.slice(bom.length);
  const result = fixText(before, { unsafe: options.unsafe, settings: options.settings, facts: options.facts });
  if (!result.converged) warn(`fixes to ${display(file)} did not settle after 10 rounds; the last round is written`);
  // Other files first (the ignore file): the Dockerfile's findings are then computed against what is on disk.
  for (const other of result.files) writeOther(path.resolve(path.dirname(file), other.path), other.text);
  const facts = result.files.length > 0 ? factsFor(file, options.context) : options.facts;
  if (result.text === before) return { bytes, applied: result.applied.length > 0 ? result.applied : undefined, facts };
  // Not reached by today's fixes: their text is ASCII. A Latin-1 round trip cannot carry anything wider.
  if (encoding === 'latin1' && [...result.text].some((ch) => ch.charCodeAt(0) > 0xff)) {
    warn(`${display(file)} is not UTF-8 and a fix would add characters it cannot hold; not fixed`);
    return { bytes, applied: undefined, facts };
  }
  const after = Buffer.from(bom + result.text, encoding);
  try {
    fs.writeFileSync(file, after);
  } catch (e) {
    throw new IoError(`cannot write ${display(file)}: ${errno(e)}`);
  }
  return { bytes: after, applied: result.applied, facts };
}

/** Writes a file a fix edits besides the Dockerfile, keeping the byte order mark an existing one starts with. */
function writeOther(file: string, text: string): void {
  let bom = '';
  try {
    bom = fs.readFileSync(file, 'utf8').startsWith(BOM) ? BOM : '';
  } catch {
    // a new file
  }
  try {
    fs.writeFileSync(file, bom + text);
  } catch (e) {
    throw new IoError(`cannot write ${display(file)}: ${errno(e)}`);
  }
}

function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

interface Config {
  settings: ResolvedSettings;
  failOn: Severity | 'none' | undefined;
}

/**
 * The config of each Dockerfile: `--config` for all; else the nearest config file from the Dockerfile's folder
 * up to the file system root (Bulkhead's names before hadolint's in a folder), else the current folder's, else
 * the defaults. Each folder is looked at and each file read once; a config that does not parse stops the run.
 */
class Configs {
  private readonly folders = new Map<string, string | undefined>();
  private readonly files = new Map<string, { index: number; config: Config }>();
  private readonly fallback: string | undefined;
  /** Distinct configs in the order first used (what worker threads receive). */
  readonly list: Config[] = [];

  constructor(
    private readonly explicit: string | undefined,
    private readonly warn: (m: string) => void,
  ) {
    this.fallback = explicit === undefined ? findConfigFile('.', true) : undefined;
  }

  /** The index in `list` of the config for a Dockerfile. */
  indexFor(dockerfile: string): number {
    const file = this.explicit ?? findConfigFor(path.dirname(path.resolve(dockerfile)), undefined, (d) => this.inFolder(d)) ?? this.fallback;
    const key = file === undefined ? '' : path.resolve(file);
    let entry = this.files.get(key);
    if (!entry) {
      entry = { index: this.list.length, config: this.read(file) };
      this.files.set(key, entry);
      this.list.push(entry.config);
    }
    return entry.index;
  }

  forFile(dockerfile: string): Config {
    return this.list[this.indexFor(dockerfile)] as Config;
  }

  private inFolder(dir: string): string | undefined {
    if (!this.folders.has(dir)) this.folders.set(dir, findConfigFile(dir, true));
    return this.folders.get(dir);
  }

  private read(file: string | undefined): Config {
    if (file === undefined) return { settings: resolveSettings(DEFAULT_SETTINGS), failOn: undefined };
    const cfg = readConfigFile(this.explicit === undefined ? display(file) : file);
    for (const w of cfg.warnings) this.warn(w);
    return { settings: resolveSettings(cfg.settings), failOn: cfg.failOn };
  }
}

/**
 * The ignore file Docker would use for a Dockerfile: `<Dockerfile name>.dockerignore` beside it, else
 * `.dockerignore` in the build context (`--context`, else the Dockerfile's folder); null when neither exists,
 * and then fixes create the context's.
 */
function factsFor(dockerfile: string, context: string | undefined): DocumentFacts {
  const own = `${dockerfile}.dockerignore`;
  const shared = path.join(context ?? path.dirname(dockerfile), '.dockerignore');
  // Where fixes edit or create it, relative to the Dockerfile's folder.
  const relative = (p: string): string => path.relative(path.dirname(dockerfile), p).split(path.sep).join('/');
  for (const p of [own, shared]) {
    try {
      return { dockerignore: { path: display(p), text: textOf(fs.readFileSync(p)) }, ignoreFile: relative(p) };
    } catch {
      // absent or unreadable: Docker goes on without it too
    }
  }
  return { dockerignore: null, ignoreFile: relative(shared) };
}

function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--format must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not "${value}"`);
  return value as T;
}

function warn(message: string): void {
  process.stderr.write(`bulkhead: ${message}\n`);
}

/**
 * `--format json` written file by file as a valid document, byte for byte what `formatJson` gives for all the
 * reports at once, so that a run over thousands of files holds no report longer than it takes to print it.
 */
class JsonStream {
  private count = 0;
  private pending = '';

  add(report: FileReport): void {
    const one = formatJson([report]);
    const head = '{\n  "files": [\n';
    const tail = '\n  ]\n}';
    this.pending += (this.count === 0 ? head : ',\n') + one.slice(head.length, one.length - tail.length);
    this.count++;
    if (this.pending.length >= 1 << 16) this.flush();
  }

  end(): void {
    this.pending += this.count === 0 ? '{\n  "files": []\n}\n' : '\n  ]\n}\n';
    this.flush();
  }

  private flush(): void {
    process.stdout.write(this.pending);
    this.pending = '';
  }
}

/** What every thread of a lint run needs to lint file number i (plain data: it goes to the workers as it is). */
interface LintJob {
  files: string[];
  fix: boolean;
  unsafe: boolean;
  /** Distinct settings, and for each file the index of its own (from the config file that applies to it). */
  settings: ResolvedSettings[];
  settingsOf: number[];
  /** `--context`: where `.dockerignore` is looked for when a Dockerfile has no ignore file of its own. */
  context: string | undefined;
  /** `--online`: the digests of the files the Dockerfiles' ADDs download, by URL (the checksum fix pins them). */
  urlDigests?: Record<string, string>;
}

/** One file's part of the output, in the order the sequential run would print it. */
interface FileOutcome {
  report?: FileReport;
  warnings: string[];
  problem?: string;
}

function lintOne(job: LintJob, i: number): FileOutcome {
  const file = job.files[i] ?? '';
  const warnings: string[] = [];
  try {
    let bytes = readBytes(file);
    if (isBinary(bytes)) return { warnings: [`${display(file)} is a binary file; skipped`] };
    let fixed: FileReport['fixed'];
    const settings = job.settings[job.settingsOf[i] ?? 0] ?? resolveSettings(DEFAULT_SETTINGS);
    let facts = factsFor(file, job.context);
    if (job.urlDigests) facts = { ...facts, urlDigests: job.urlDigests };
    if (job.fix) ({ bytes, applied: fixed, facts } = fixFile(file, bytes, { unsafe: job.unsafe, settings, facts, context: job.context }, (m) => warnings.push(m)));
    const { findings, errors } = lintText(textOf(bytes), settings, facts);
    for (const e of errors) warnings.push(`rule ${e.code} failed on ${display(file)}: ${e.message.split('\n')[0] ?? ''}`);
    return { report: { path: display(file), findings, ...(fixed ? { fixed } : {}) }, warnings };
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    return { warnings, problem: e.message };
  }
}

/**
 * `--online`: downloads what the files' ADDs fetch without `--checksum` (each URL once, a few at a time, 5 s and
 * 200 MB each) and returns the SHA-256 of each, for the fix that pins it. A URL that cannot be fetched is reported
 * and keeps its finding without a fix.
 */
async function downloadDigests(files: readonly string[]): Promise<Record<string, string>> {
  const urls = new Set<string>();
  for (const file of files) {
    try {
      const bytes = readBytes(file);
      if (isBinary(bytes)) continue;
      for (const u of urlsWithoutChecksum(parseDockerfile(textOf(bytes)))) urls.add(u);
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
    }
  }
  const { digests, failures } = await new UrlDigests().forUrls(urls);
  for (const f of failures) warn(`--online: no digest for ${f.url}: ${f.error}`);
  return digests;
}

/** `--context DIR`: must be a folder. */
function contextOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let isDir = false;
  try {
    isDir = fs.statSync(value).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`--context must be a folder, not "${value}"`);
  return value;
}

/** The number of threads `--jobs` asks for (default: one per core). */
function parseJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, os.availableParallelism());
  if (!/^[1-9]\d*$/.test(value)) throw new UsageError(`--jobs must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}

async function lint(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      fix: { type: 'boolean' },
      'unsafe-fixes': { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'fail-on': { type: 'string' },
      context: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      online: { type: 'boolean' },
    },
  });
  const format = parseFormat(values.format, ['text', 'json', 'sarif'] as const, 'text');
  const jobs = parseJobs(values.jobs);
  if (values['unsafe-fixes'] && !values.fix) throw new UsageError('--unsafe-fixes needs --fix');
  const failOnArg = values['fail-on'];
  if (failOnArg !== undefined && failOnArg !== 'none' && !(SEVERITIES as readonly string[]).includes(failOnArg)) {
    throw new UsageError(`--fail-on must be error, warning, info, hint or none, not "${failOnArg}"`);
  }
  const context = contextOption(values.context);
  const configs = new Configs(values.config, warn);
  if (values.config !== undefined) configs.indexFor('.');
  const problems: string[] = [];
  const roots = positionals.length > 0 ? positionals : ['.'];
  const files = discover(roots, problems);
  if (files.length === 0 && problems.length === 0) warn(`no Dockerfiles found in ${roots.join(', ')}`);
  // JSON goes out file by file; text and SARIF need every report first (a summary line, one SARIF run).
  const stream = format === 'json' ? new JsonStream() : undefined;
  const reports: FileReport[] = [];
  const settingsOf = files.map((f) => configs.indexFor(f));
  // --fail-on wins over every config's failOn.
  const thresholds = configs.list.map((c) => {
    const failOn = (failOnArg as Severity | 'none' | undefined) ?? c.failOn ?? 'warning';
    return failOn === 'none' ? -1 : severityRank(failOn);
  });
  let failed = false;
  const urlDigests = values.online ? await downloadDigests(files) : undefined;
  const job: LintJob = { files, fix: values.fix ?? false, unsafe: values['unsafe-fixes'] ?? false, settings: configs.list.map((c) => c.settings), settingsOf, context, urlDigests };
  await orderedPool<FileOutcome>({
    count: files.length,
    jobs,
    workerFile: __filename,
    workerData: { bulkheadLintJob: job },
    work: (i) => lintOne(job, i),
    deliver: (i, outcome) => {
      for (const w of outcome.warnings) warn(w);
      if (outcome.problem !== undefined) problems.push(outcome.problem);
      const report = outcome.report;
      if (!report) return;
      const threshold = thresholds[settingsOf[i] ?? 0] ?? severityRank('warning');
      failed ||= report.findings.some((f) => severityRank(f.severity) <= threshold);
      if (stream) stream.add(report);
      else reports.push(report);
    },
  });
  if (stream) {
    stream.end();
  } else {
    const color = format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
    const output = format === 'sarif' ? formatSarif(reports, { version }) : formatText(reports, { color });
    process.stdout.write(`${output}\n`);
  }
  for (const p of problems) warn(p);
  if (problems.length > 0) return 2;
  return failed ? 1 : 0;
}

function manifest(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', short: 'f' }, config: { type: 'string', short: 'c' }, context: { type: 'string' } } });
  const format = parseFormat(values.format, ['json', 'yaml'] as const, 'json');
  if (positionals.length !== 1) throw new UsageError('manifest takes exactly one Dockerfile');
  const file = positionals[0] ?? '';
  if (!isFile(file)) throw new IoError(fs.existsSync(file) ? `${file} is not a file` : `no such file: ${file}`);
  const { settings } = new Configs(values.config, warn).forFile(file);
  const { model, findings } = lintText(textOf(readBytes(file)), settings, factsFor(file, contextOption(values.context)));
  const m = buildManifest(model, findings);
  process.stdout.write(format === 'yaml' ? toYaml(m, { aliasDuplicateObjects: false }) : `${JSON.stringify(m, null, 2)}\n`);
  return 0;
}

function rules(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', short: 'f' } } });
  if (positionals.length > 0) throw new UsageError(`rules takes no argument, got "${positionals[0] ?? ''}"`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const list = RULES.map((r) => ({
    code: r.code,
    name: r.name,
    category: r.category,
    severity: r.severity,
    aliases: r.aliases.map((a) => a.id),
    fixable: r.fixable,
    summary: r.docs.summary,
  }));
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  for (const r of list) {
    process.stdout.write(`${r.code}  ${r.name.padEnd(22)} ${r.severity.padEnd(8)} fix: ${r.fixable.padEnd(7)} ${r.summary}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const commands: Record<string, (args: string[]) => number | Promise<number>> = { lint, manifest, rules };
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!run) throw new UsageError(`unknown command "${command}"; expected lint, manifest or rules`);
  await initEngineForNode();
  return await run(rest);
}

/** A worker thread of `bulkhead lint --jobs N`: lints the files the main thread hands it. */
async function lintWorker(port: MessagePort, job: LintJob): Promise<void> {
  await initEngineForNode();
  serveOrderedPool(port, (i) => lintOne(job, i));
}

// A reader that stops early (`bulkhead lint | head`) is not an error: the run ends with its own status.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

// A CLI run is short and reads every file once, so V8's defaults for long-lived processes cost more than they
// give (measured with `npm run bench`, whole-process row). Optimising tree-sitter-bash's 160 KB lexer function
// with TurboFan takes over a second of CPU and 40 MB on a background thread, more than it saves on a run over
// thousands of files: the baseline compiler's code is fast enough. Set before the grammar is compiled.
setFlagsFromString('--liftoff-only');
keepHeapSmall();

const poolJob = (workerData as { bulkheadLintJob?: LintJob } | null)?.bulkheadLintJob;
if (!isMainThread && parentPort && poolJob) void lintWorker(parentPort, poolJob);
else runMain();

function runMain(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      const parseArgsError = e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true;
      if (e instanceof UsageError || parseArgsError) warn(`${message} (bulkhead --help shows usage)`);
      else if (e instanceof IoError || e instanceof ConfigError) warn(message);
      else if (process.env.BULKHEAD_DEBUG) warn(`internal error: ${e instanceof Error ? (e.stack ?? message) : message}`);
      else warn(`internal error: ${message.split('\n')[0] ?? ''} (BULKHEAD_DEBUG=1 shows the stack)`);
      process.exitCode = 2;
    },
  );
}
