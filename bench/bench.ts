/**
 * Lint-speed benchmark over the real-world corpus (../shared/corpus/dockerfiles), in one process and one run:
 * Bulkhead's full lint (parse + shell analysis + every rule) against the dockerfile-ast parse alone (the floor)
 * and the peers installable from npm. Prints per-file medians over several rounds; it measures, never asserts.
 *
 *   npm run bench [-- --rounds 5] [--corpus DIR] [--json] [--no-lsp] [--no-scaling] [--no-process] [--rules]
 *                    [--only bulkhead,floor,…,process,rules] [--process-files 2000] [--process-rounds 3] [--compare-cli FILE]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { lintText, parseDockerfile } from '../server/src/engine';
import { initEngineForNode } from '../server/src/node-init';
import { measureProcesses } from './process';
import type { ProcessRow } from './process';
import { printEditorReport, runEditorBench } from './editor';
import { measureRules } from './rules';
import type { RuleCosts } from './rules';

interface Options {
  rounds: number;
  corpus: string;
  json: boolean;
  lsp: boolean;
  scaling: boolean;
  /** In-process tools to run (keys of TOOLS, or `process`, `rules`); all when undefined. Handy with `node --cpu-prof`. */
  only: Set<string> | undefined;
  /** The whole-process row: the CLI as a process over many files against the peers as processes. */
  process: boolean;
  processFiles: number;
  processRounds: number;
  /** Other CLI bundles to run in the whole-process row (a copy of an earlier dist/cli.js, with its .wasm files). */
  compareCli: string[];
  /** Print each rule's own time over the corpus. */
  rules: boolean;
  /** Only the editor rows (`--lsp`): typing latency, didOpen over the corpus, start-up and memory of both servers. */
  editor: boolean;
}

// dist/bench.js and bench/bench.ts both sit one level below the repository root.
const repoRoot = path.resolve(__dirname, '..');

function parseOptions(argv: string[]): Options {
  const opts: Options = {
    rounds: 5,
    corpus: process.env.BULKHEAD_CORPUS ? path.resolve(process.env.BULKHEAD_CORPUS) : path.resolve(repoRoot, '..', 'shared', 'corpus', 'dockerfiles'),
    json: false,
    lsp: true,
    scaling: true,
    only: undefined,
    process: true,
    processFiles: 2000,
    processRounds: 3,
    compareCli: [],
    rules: false,
    editor: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') opts.rounds = Math.max(1, Math.floor(Number(argv[++i])) || 1);
    else if (a === '--corpus') opts.corpus = path.resolve(argv[++i] ?? '');
    else if (a === '--json') opts.json = true;
    else if (a === '--no-lsp') opts.lsp = false;
    else if (a === '--no-scaling') opts.scaling = false;
    else if (a === '--only') opts.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (a === '--no-process') opts.process = false;
    else if (a === '--process-files') opts.processFiles = Math.max(1, Math.floor(Number(argv[++i])) || 1);
    else if (a === '--process-rounds') opts.processRounds = Math.max(1, Math.floor(Number(argv[++i])) || 1);
    else if (a === '--compare-cli') opts.compareCli.push(argv[++i] ?? '');
    else if (a === '--rules') opts.rules = true;
    else if (a === '--lsp') opts.editor = true;
    else if (a === '--help' || a === '-h') {
      console.log(
        'node dist/bench.js [--rounds N] [--corpus DIR] [--json] [--lsp] [--no-lsp] [--no-scaling] [--no-process] [--rules] [--process-files N] [--process-rounds N] [--compare-cli FILE] [--only ' +
          [...TOOLS.map((t) => t.key), 'process', 'rules'].join(',') +
          ']',
      );
      process.exit(0);
    } else {
      console.error(`Unknown option ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

interface Text {
  file: string;
  text: string;
}

interface Crash {
  file: string;
  error: string;
}

interface Sample {
  tool: string;
  /** Per-file median time in ms, indexed like the corpus; undefined where the tool crashed. */
  perFile: (number | undefined)[];
  crashes: Crash[];
  note?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Nearest-rank quantile. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const measured = (s: Sample): number[] => s.perFile.filter((t): t is number => t !== undefined);
const errorLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

interface Tool {
  key: string;
  name: string;
  run: (text: string) => unknown;
}

const dockerfilelintConfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-'));
// dockerfilelint has no types; `run(configDir, content)` is its documented in-process API (the CLI calls it).
// It looks for `.dockerfilelintrc` in configDir on every call: an empty directory means its default rules.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dockerfilelint = require('dockerfilelint') as { run(configDir: string, content: string): unknown[] };

const TOOLS: Tool[] = [
  { key: 'bulkhead', name: 'bulkhead lint', run: (t) => lintText(t) },
  { key: 'model', name: '  of which model (parseDockerfile)', run: (t) => parseDockerfile(t) },
  { key: 'floor', name: 'dockerfile-ast parse (floor)', run: (t) => DockerfileParser.parse(t) },
  { key: 'utils', name: 'dockerfile-utils validate', run: (t) => validate(t) },
  { key: 'dockerfilelint', name: 'dockerfilelint', run: (t) => dockerfilelint.run(dockerfilelintConfigDir, t) },
];

/**
 * Times every tool on every file: one warm-up pass (which also finds the files a tool crashes on), then
 * `rounds` timed passes. Rounds interleave the tools (in a rotating order) so that drift in machine load
 * during the run is spread over all of them rather than landing on whichever ran last.
 */
function measureInProcess(tools: Tool[], texts: Text[], rounds: number): Sample[] {
  const crashed = tools.map(() => new Set<number>());
  const crashes = tools.map((): Crash[] => []);
  tools.forEach((tool, k) => {
    texts.forEach((t, i) => {
      try {
        tool.run(t.text);
      } catch (e) {
        crashed[k]?.add(i);
        crashes[k]?.push({ file: t.file, error: errorLine(e) });
      }
    });
  });
  const times = tools.map(() => texts.map((): number[] => []));
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < tools.length; j++) {
      const k = (j + r) % tools.length;
      const tool = tools[k] as Tool;
      const skip = crashed[k] as Set<number>;
      const row = times[k] as number[][];
      for (let i = 0; i < texts.length; i++) {
        if (skip.has(i)) continue;
        const text = (texts[i] as Text).text;
        const t0 = performance.now();
        tool.run(text);
        (row[i] as number[]).push(performance.now() - t0);
      }
    }
  }
  return tools.map((tool, k) => ({
    tool: tool.name,
    perFile: texts.map((_, i) => (crashed[k]?.has(i) ? undefined : median(times[k]?.[i] ?? []))),
    crashes: crashes[k] ?? [],
  }));
}

/**
 * A language server over stdio: open each file, wait for its diagnostics, close it; the time from sending
 * didOpen to receiving publishDiagnostics, so it includes JSON-RPC in both directions. Bounded by `timeoutMs`.
 */
async function measureLsp(tool: string, command: string[], texts: Text[], timeoutMs: number): Promise<Sample> {
  const [cmd, ...args] = command;
  const proc = spawn(cmd ?? process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  let buffer = Buffer.alloc(0);
  const waiting = new Map<string, (t: number) => void>();
  const pending = new Map<number, (v: unknown) => void>();
  let exited: string | undefined;
  const exitedPromise = new Promise<void>((resolve) =>
    proc.on('exit', (code, signal) => {
      exited = `the server exited (${signal ?? code})`;
      resolve();
    }),
  );
  proc.stdin.on('error', () => undefined);
  const send = (m: object): void => {
    if (exited) return;
    const s = JSON.stringify(m);
    proc.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  };
  proc.stdout.on('data', (chunk: Buffer) => {
    const now = performance.now();
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const m = /Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString());
      const len = Number(m?.[1] ?? 0);
      if (buffer.length < header + 4 + len) return;
      const msg = JSON.parse(buffer.subarray(header + 4, header + 4 + len).toString()) as { id?: number; method?: string; params?: { uri?: string }; result?: unknown };
      buffer = buffer.subarray(header + 4 + len);
      if (msg.method === 'textDocument/publishDiagnostics' && msg.params?.uri) waiting.get(msg.params.uri)?.(now);
      else if (msg.method === 'workspace/configuration' && msg.id !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: [null] });
      else if (msg.id !== undefined && msg.method !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: null });
      else if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
    }
  });
  const within = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([p, exitedPromise.then(() => fallback), new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
  };
  const deadline = Date.now() + timeoutMs;
  const perFile: (number | undefined)[] = texts.map(() => undefined);
  const crashes: Crash[] = [];
  let note: string | undefined;
  try {
    const init = await within(
      new Promise<boolean>((resolve) => {
        pending.set(1, () => resolve(true));
        send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      }),
      10_000,
      false,
    );
    if (!init) return { tool, perFile, crashes, note: exited ?? 'no answer to initialize within 10 s' };
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    let n = 0;
    // Every file twice: a first, untimed pass warms the server up (as the in-process warm-up does).
    for (const [j0, t] of [...texts, ...texts].entries()) {
      const j = j0 - texts.length + 1;
      if (!t) continue;
      if (exited) {
        note = exited;
        break;
      }
      if (Date.now() > deadline) {
        note = `stopped at the ${timeoutMs / 1000} s limit after ${Math.max(0, j - 1)} timed files`;
        break;
      }
      const uri = `file:///bench/${n++}/Dockerfile`;
      const done = new Promise<number>((resolve) => waiting.set(uri, resolve));
      const t0 = performance.now();
      send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: t.text } } });
      const t1 = await within(done, 5000, -1);
      waiting.delete(uri);
      send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } });
      if (t1 < 0) {
        if (j > 0) crashes.push({ file: t.file, error: exited ?? 'no diagnostics within 5 s' });
      }
      else if (j > 0) perFile[j - 1] = t1 - t0;
    }
  } finally {
    proc.kill();
  }
  return { tool, perFile, crashes, ...(note ? { note } : {}) };
}

/** A Dockerfile of at least `bytes` characters made of whole corpus files, one after another. */
function syntheticFile(texts: Text[], bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = (texts[i % texts.length] as Text).text;
    parts.push(t.endsWith('\n') ? t : `${t}\n`);
    size += (parts[parts.length - 1] as string).length;
  }
  return parts.join('');
}

interface ScalePoint {
  bytes: number;
  bulkheadMs: number;
  floorMs: number;
}

/** Bulkhead and the parse floor on ever larger files, once each: how time grows with size. */
function measureScaling(texts: Text[], maxMiB: number, budgetMs: number): ScalePoint[] {
  const points: ScalePoint[] = [];
  const started = performance.now();
  for (const mib of [maxMiB / 8, maxMiB / 4, maxMiB / 2, maxMiB]) {
    if (performance.now() - started > budgetMs) break;
    const big = syntheticFile(texts, mib * 1024 * 1024);
    let t0 = performance.now();
    DockerfileParser.parse(big);
    const floorMs = performance.now() - t0;
    t0 = performance.now();
    lintText(big);
    points.push({ bytes: big.length, bulkheadMs: performance.now() - t0, floorMs });
  }
  return points;
}

function fmt(n: number, digits = 3): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(opts.corpus) || !fs.statSync(opts.corpus).isDirectory()) {
    console.log(`No corpus at ${opts.corpus}: nothing to measure (pass --corpus DIR or set BULKHEAD_CORPUS).`);
    return;
  }
  await initEngineForNode();
  const texts: Text[] = walk(opts.corpus).map((file) => ({ file: path.relative(opts.corpus, file), text: fs.readFileSync(file, 'utf8') }));
  if (texts.length === 0) {
    console.log(`The corpus at ${opts.corpus} has no files: nothing to measure.`);
    return;
  }
  const bytes = sum(texts.map((t) => t.text.length));
  const env = {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cpus: os.cpus().length,
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  if (!opts.json) {
    console.log(`Corpus: ${texts.length} files, ${(bytes / 1024).toFixed(0)} KiB from ${opts.corpus}`);
    console.log(`${opts.rounds} rounds after a warm-up pass, per-file medians; node ${env.node}, ${env.cpus} × ${env.cpu}, load average ${env.loadavg.join(' ')}`);
  }

  if (opts.editor) return editorBench(texts, opts.json);

  const tools = TOOLS.filter((t) => !opts.only || opts.only.has(t.key));
  const samples = measureInProcess(tools, texts, opts.rounds);
  fs.rmSync(dockerfilelintConfigDir, { recursive: true, force: true });

  const lspSamples: Sample[] = [];
  let lspNote: string | undefined;
  if (opts.lsp && !opts.only) {
    const ownServer = path.resolve(repoRoot, 'dist', 'server.js');
    const peerServer = require.resolve('dockerfile-language-server-nodejs/lib/server.js');
    if (fs.existsSync(ownServer)) lspSamples.push(await measureLsp('bulkhead server (LSP)', [process.execPath, ownServer, '--stdio'], texts, 120_000));
    else lspNote = `${ownServer} is not built (npm run build): the language servers were not compared.`;
    // dockerfile-language-server-nodejs exports no validation API of its own: its diagnostics are
    // dockerfile-utils' validate (measured in process above), so over stdio it shows the protocol's cost.
    if (lspSamples.length > 0) lspSamples.push(await measureLsp('dockerfile-language-server (LSP)', [process.execPath, peerServer, '--stdio'], texts, 120_000));
  }

  const find = (name: string): Sample | undefined => samples.find((s) => s.tool === name);
  const base = find('bulkhead lint');
  const floor = find('dockerfile-ast parse (floor)');
  const lspBase = lspSamples[0];
  const rows = [...samples, ...lspSamples].map((s) => {
    const xs = measured(s);
    const total = sum(xs);
    const lsp = s.tool.endsWith('(LSP)');
    const ref = lsp ? lspBase : base;
    return {
      tool: s.tool,
      files: xs.length,
      totalMs: total,
      medianMs: median(xs),
      p99Ms: quantile(xs, 0.99),
      maxMs: xs.length ? Math.max(...xs) : NaN,
      vsBulkhead: ref ? total / sum(measured(ref)) : NaN,
      vsFloor: !lsp && floor ? total / sum(measured(floor)) : NaN,
      crashes: s.crashes.length,
      ...(s.note ? { note: s.note } : {}),
    };
  });

  const scaling = opts.scaling && base ? measureScaling(texts, 5, 60_000) : [];

  const ruleCosts = !opts.only || opts.only.has('rules') ? measureRules(texts.map((t) => t.text), opts.rounds) : undefined;

  const wantProcess = opts.process && (!opts.only || opts.only.has('process'));
  const whole = wantProcess
    ? measureProcesses({ corpus: opts.corpus, repoRoot, files: opts.processFiles, rounds: opts.processRounds, compare: opts.compareCli })
    : undefined;

  const slowest = base
    ? texts
        .map((t, i) => ({ file: t.file, bytes: t.text.length, ms: base.perFile[i] ?? 0, floorMs: floor?.perFile[i] ?? NaN }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
    : [];

  const bulk = rows.find((r) => r.tool === 'bulkhead lint');
  const utils = rows.find((r) => r.tool === 'dockerfile-utils validate');
  const targets = bulk
    ? [
        { target: 'Bulkhead per-file p99 < 5 ms', value: `${fmt(bulk.p99Ms)} ms`, met: bulk.p99Ms < 5 },
        { target: 'Bulkhead total ≤ dockerfile-utils validate total', value: `${fmt(bulk.totalMs, 1)} vs ${fmt(utils?.totalMs ?? NaN, 1)} ms`, met: utils ? bulk.totalMs <= utils.totalMs : undefined },
        { target: 'Bulkhead total ≤ 2.5 × parse floor', value: `${fmt(bulk.vsFloor, 2)} ×`, met: floor ? bulk.vsFloor <= 2.5 : undefined },
      ]
    : [];
  const wholeCli = whole?.rows[0];
  if (wholeCli) {
    targets.push(
      { target: 'Whole process: bulkhead wall time ≤ dockerfile-utils validate process', value: `${fmt(wholeCli.vsValidate, 2)} ×`, met: Number.isFinite(wholeCli.vsValidate) ? wholeCli.vsValidate <= 1 : undefined },
      { target: 'Whole process: bulkhead peak RSS ≤ 100 MB', value: `${fmt(wholeCli.peakRssMiB * 1.048576, 0)} MB`, met: Number.isFinite(wholeCli.peakRssMiB) ? wholeCli.peakRssMiB * 1.048576 <= 100 : undefined },
    );
    const single = whole?.rows.find((r) => r.name.endsWith('--jobs 1'));
    const cores = os.availableParallelism();
    if (single && cores >= 2) {
      const speedup = single.wallMs / wholeCli.wallMs;
      targets.push({ target: `Whole process: --jobs ${cores} (the default) ≥ 1.7 × --jobs 1`, value: `${fmt(speedup, 2)} ×`, met: Number.isFinite(speedup) ? speedup >= 1.7 : undefined });
    }
  }

  if (opts.json) {
    console.log(
      JSON.stringify(
        {
          corpus: opts.corpus,
          files: texts.length,
          bytes,
          rounds: opts.rounds,
          env,
          rows,
          ...(lspNote ? { lspNote } : {}),
          scaling,
          ...(whole ? { process: whole } : {}),
          ...(ruleCosts ? { rules: ruleCosts } : {}),
          slowest,
          targets,
          crashes: [...samples, ...lspSamples].filter((s) => s.crashes.length > 0).map((s) => ({ tool: s.tool, crashes: s.crashes })),
        },
        null,
        2,
      ),
    );
    return;
  }

  if (rows.length > 0) {
    console.log('');
    console.log(
      `${'tool'.padEnd(36)} ${'files'.padStart(5)} ${'total ms'.padStart(9)} ${'median'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)} ${'÷bulkhead'.padStart(9)} ${'÷floor'.padStart(7)} ${'crashes'.padStart(7)}`,
    );
    for (const r of rows) {
      console.log(
        `${r.tool.padEnd(36)} ${String(r.files).padStart(5)} ${fmt(r.totalMs, 1).padStart(9)} ${fmt(r.medianMs).padStart(7)} ${fmt(r.p99Ms).padStart(7)} ${fmt(r.maxMs).padStart(7)} ${fmt(r.vsBulkhead, 2).padStart(9)} ${fmt(r.vsFloor, 2).padStart(7)} ${String(r.crashes).padStart(7)}${r.note ? `  (${r.note})` : ''}`,
      );
    }
    console.log('');
    console.log('Times in ms. ÷bulkhead: the tool\'s total over Bulkhead\'s (in-process rows against `bulkhead lint`,');
    console.log('LSP rows against Bulkhead\'s server, timed didOpen → publishDiagnostics after a warm-up pass); ÷floor: over the dockerfile-ast parse.');
  }
  if (lspNote) console.log(lspNote);

  if (scaling.length > 0) {
    console.log('\nOne large file made of corpus files (Bulkhead lint vs the parse floor, once each):');
    scaling.forEach((p, i) => {
      const mib = p.bytes / 1024 / 1024;
      const prev = scaling[i - 1];
      const growth = prev ? `  ×${fmt(p.bulkheadMs / prev.bulkheadMs, 2)} bulkhead, ×${fmt(p.floorMs / prev.floorMs, 2)} floor for ×${fmt(p.bytes / prev.bytes, 2)} the size` : '';
      console.log(`  ${fmt(mib, 2).padStart(5)} MiB: bulkhead ${fmt(p.bulkheadMs, 0).padStart(6)} ms (${fmt(p.bulkheadMs / mib, 0).padStart(4)} ms/MiB), floor ${fmt(p.floorMs, 0).padStart(6)} ms (${fmt(p.floorMs / mib, 0).padStart(4)} ms/MiB)${growth}`);
    });
    if (bulk) console.log(`  (the corpus, file by file: ${fmt(bulk.totalMs / (bytes / 1024 / 1024), 0)} ms/MiB)`);
  }

  if (ruleCosts) printRules(ruleCosts, opts.rounds, opts.rules);
  if (whole) printProcesses(whole, opts.processRounds);

  if (slowest.length > 0) {
    console.log('\nSlowest files for Bulkhead:');
    for (const s of slowest) console.log(`  ${fmt(s.ms)} ms (floor ${fmt(s.floorMs)})  ${String(s.bytes).padStart(6)} B  ${s.file}`);
  }
  for (const s of [...samples, ...lspSamples]) {
    if (s.crashes.length === 0) continue;
    console.log(`\n${s.tool} failed on ${s.crashes.length} file(s) (left out of its row):`);
    for (const c of s.crashes.slice(0, 10)) console.log(`  ${c.file}: ${c.error}`);
    if (s.crashes.length > 10) console.log(`  … and ${s.crashes.length - 10} more`);
  }
  if (targets.length > 0) {
    console.log('\nTargets:');
    for (const t of targets) console.log(`  ${t.met === undefined ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value}`);
  }
}

function printRules(c: RuleCosts, rounds: number, table: boolean): void {
  console.log(`\nRules over the corpus (lintModel alone, each set on fresh models; medians of ${rounds} rounds):`);
  console.log(`  real rule set (${c.rules.length} rules)            ${fmt(c.realMs, 1).padStart(8)} ms`);
  console.log(`  100 synthetic command-index rules  ${fmt(c.syntheticMs, 1).padStart(8)} ms  (${fmt(c.syntheticMs / c.realMs, 2)} × the real set)`);
  console.log(`  both together                      ${fmt(c.bothMs, 1).padStart(8)} ms  (${fmt(c.bothMs / c.realMs, 2)} × the real set)`);
  console.log(`  100 synthetic rules, queries alone ${fmt(c.queriesMs, 1).padStart(8)} ms  (every shell parsed and indexed beforehand)`);
  console.log(`  (the model, parsed before the rules: ${fmt(c.parseMs, 1)} ms)`);
  if (!table) {
    console.log('  --rules prints each rule\'s own time.');
    return;
  }
  const realTotal = c.rules.reduce((n, r) => n + r.totalMs, 0);
  console.log(`\nEach rule's own time over the corpus (shared work, a shell parse or the command index, counts for the first rule that asks):`);
  console.log(`  ${'code'.padEnd(7)} ${'name'.padEnd(24)} ${'total ms'.padStart(9)} ${'share'.padStart(6)} ${'max/file'.padStart(9)} ${'findings'.padStart(8)}`);
  for (const r of c.rules) {
    console.log(`  ${r.code.padEnd(7)} ${r.name.padEnd(24)} ${fmt(r.totalMs, 1).padStart(9)} ${`${fmt((100 * r.totalMs) / realTotal, 0)}%`.padStart(6)} ${fmt(r.maxMs).padStart(9)} ${String(r.findings).padStart(8)}`);
  }
  const synthTotal = c.synthetic.reduce((n, r) => n + r.totalMs, 0);
  console.log(`  slowest synthetic rules (of ${fmt(synthTotal, 1)} ms for all 100):`);
  for (const r of c.synthetic.slice(0, 5)) {
    console.log(`  ${r.code.padEnd(7)} ${r.name.padEnd(24)} ${fmt(r.totalMs, 1).padStart(9)} ${`${fmt((100 * r.totalMs) / synthTotal, 0)}%`.padStart(6)} ${fmt(r.maxMs).padStart(9)} ${String(r.findings).padStart(8)}`);
  }
}

function printProcesses(whole: { files: number; bytes: number; rows: ProcessRow[] }, rounds: number): void {
  console.log(`\nWhole process over ${whole.files} paths (${(whole.bytes / 1024 / 1024).toFixed(1)} MiB; the corpus repeated into distinct folders), median of ${rounds} alternating rounds:`);
  console.log(`${'process'.padEnd(36)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)} ${'peak RSS'.padStart(9)} ${'output'.padStart(8)} ${'÷validate'.padStart(9)} ${'CPU÷val'.padStart(8)} ${'÷floor'.padStart(7)} exit`);
  const validate = whole.rows.find((r) => r.name.startsWith('dockerfile-utils'));
  for (const r of whole.rows) {
    const cpuRatio = validate ? r.cpuMs / validate.cpuMs : NaN;
    console.log(
      `${r.name.padEnd(36)} ${fmt(r.wallMs, 0).padStart(8)} ${fmt(r.cpuMs, 0).padStart(8)} ${`${fmt(r.peakRssMiB * 1.048576, 0)} MB`.padStart(9)} ${`${fmt(r.outputBytes / 1024, 0)} K`.padStart(8)} ${fmt(r.vsValidate, 2).padStart(9)} ${fmt(cpuRatio, 2).padStart(8)} ${fmt(r.vsFloor, 2).padStart(7)} ${r.statuses}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log('Wall time from spawn to exit; CPU is user + system of the process itself; peak RSS in MB (10^6 bytes) as the process reports it.');
}

const EDITOR = { changes: 200, intervalMs: 60, starts: 5, open: 500, cycles: 10_000 };

/** `--lsp`: what a person in an editor meets, Bulkhead's server against dockerfile-language-server-nodejs. */
async function editorBench(texts: Text[], json: boolean): Promise<void> {
  const ownServer = path.resolve(repoRoot, 'dist', 'server.js');
  if (!fs.existsSync(ownServer)) {
    console.log(`${ownServer} is not built (npm run build): nothing to measure.`);
    return;
  }
  const servers = [
    { name: 'bulkhead server', command: [process.execPath, ownServer, '--stdio'] },
    { name: 'dockerfile-language-server', command: [process.execPath, require.resolve('dockerfile-language-server-nodejs/lib/server.js'), '--stdio'] },
  ];
  const opened: { server: string; totalMs: number; p99Ms: number; files: number; note?: string }[] = [];
  for (const s of servers) {
    const sample = await measureLsp(s.name, s.command, texts, 120_000);
    const xs = measured(sample);
    opened.push({ server: s.name, totalMs: sum(xs), p99Ms: quantile(xs, 0.99), files: xs.length, ...(sample.note ? { note: sample.note } : {}) });
  }
  const report = await runEditorBench(
    texts.map((t) => t.text),
    servers,
    EDITOR,
  );
  const [a, b] = opened;
  if (a && b) report.targets.unshift({ target: 'didOpen → diagnostics over the corpus ≤ dockerfile-language-server', value: `${fmt(a.totalMs, 0)} vs ${fmt(b.totalMs, 0)} ms (${fmt(a.totalMs / b.totalMs, 2)} ×)`, met: a.files === b.files ? a.totalMs <= b.totalMs : undefined });
  if (json) {
    console.log(JSON.stringify({ date: new Date().toISOString(), loadavg: os.loadavg(), opened, ...report }, null, 2));
    return;
  }
  console.log(`\ndidOpen → publishDiagnostics over ${texts.length} corpus files (after a warm-up pass):`);
  for (const o of opened) console.log(`  ${o.server.padEnd(34)} total ${fmt(o.totalMs, 0).padStart(6)} ms   p99 ${fmt(o.p99Ms)} ms${o.note ? `  ${o.note}` : ''}`);
  printEditorReport(report, EDITOR);
  console.log('\nTargets:');
  for (const t of report.targets) console.log(`  ${t.met === undefined ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
