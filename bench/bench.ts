/**
 * Lint-speed benchmark over the real-world corpus (../shared/corpus/dockerfiles), in one process and one run:
 * Bulkhead's full lint (parse + shell analysis + every rule) against the dockerfile-ast parse alone (the floor)
 * and the peers installable from npm. Prints a table of per-file medians over several rounds; never asserts.
 *
 *   npm run bench [-- --rounds 5] [--corpus DIR] [--json] [--no-lsp]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { lintText } from '../server/src/engine';
import { initEngineForNode } from '../server/src/node-init';

interface Options {
  rounds: number;
  corpus: string;
  json: boolean;
  lsp: boolean;
}

function parseOptions(argv: string[]): Options {
  const root = path.resolve(__dirname, '..');
  const opts: Options = {
    rounds: 5,
    corpus: process.env.BULKHEAD_CORPUS ?? path.resolve(root, '..', 'shared', 'corpus', 'dockerfiles'),
    json: false,
    lsp: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') opts.rounds = Math.max(1, Number(argv[++i]));
    else if (a === '--corpus') opts.corpus = path.resolve(argv[++i] ?? '');
    else if (a === '--json') opts.json = true;
    else if (a === '--no-lsp') opts.lsp = false;
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

interface Sample {
  tool: string;
  /** Per-file median time in ms, for the files the tool handled. */
  perFile: number[];
  crashes: { file: string; error: string }[];
  note?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Times fn on every file, `rounds` times after one warm-up pass; the per-file median of the rounds. */
function measure(tool: string, texts: { file: string; text: string }[], rounds: number, fn: (text: string) => unknown): Sample {
  const crashes: Sample['crashes'] = [];
  const crashed = new Set<number>();
  texts.forEach((t, i) => {
    try {
      fn(t.text);
    } catch (e) {
      crashed.add(i);
      crashes.push({ file: t.file, error: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '' });
    }
  });
  const times: number[][] = texts.map(() => []);
  for (let r = 0; r < rounds; r++) {
    texts.forEach((t, i) => {
      if (crashed.has(i)) return;
      const t0 = performance.now();
      fn(t.text);
      (times[i] as number[]).push(performance.now() - t0);
    });
  }
  return { tool, perFile: times.filter((_, i) => !crashed.has(i)).map(median), crashes };
}

/** A language server over stdio: open each file, wait for its diagnostics; time from didOpen to publish. */
async function measureLsp(tool: string, command: string[], texts: { file: string; text: string }[], timeoutMs: number): Promise<Sample> {
  const [cmd, ...args] = command;
  const proc = spawn(cmd ?? process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  let buffer = Buffer.alloc(0);
  const waiting = new Map<string, (t: number) => void>();
  const pending = new Map<number, (v: unknown) => void>();
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const m = /Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString());
      const len = Number(m?.[1] ?? 0);
      if (buffer.length < header + 4 + len) return;
      const msg = JSON.parse(buffer.subarray(header + 4, header + 4 + len).toString()) as { id?: number; method?: string; params?: { uri?: string }; result?: unknown };
      buffer = buffer.subarray(header + 4 + len);
      if (msg.method === 'textDocument/publishDiagnostics' && msg.params?.uri) waiting.get(msg.params.uri)?.(performance.now());
      else if (msg.method === 'workspace/configuration' && msg.id !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: [null] });
      else if (msg.id !== undefined && msg.method !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: null });
      else if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
    }
  });
  const send = (m: object): void => {
    const s = JSON.stringify(m);
    proc.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
  };
  const request = (id: number, method: string, params: object): Promise<unknown> =>
    new Promise((resolve) => {
      pending.set(id, resolve);
      send({ jsonrpc: '2.0', id, method, params });
    });
  const deadline = Date.now() + timeoutMs;
  const perFile: number[] = [];
  const crashes: Sample['crashes'] = [];
  try {
    await request(1, 'initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    // Warm up with the first file.
    let n = 0;
    for (const [i, t] of [texts[0], ...texts].entries()) {
      if (!t) continue;
      if (Date.now() > deadline) return { tool, perFile, crashes, note: `stopped at the ${timeoutMs / 1000}s time limit after ${perFile.length} files` };
      const uri = `file:///bench/${n++}/Dockerfile`;
      const done = new Promise<number>((resolve) => waiting.set(uri, resolve));
      const t0 = performance.now();
      send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'dockerfile', version: 1, text: t.text } } });
      const timer = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5000));
      const t1 = await Promise.race([done, timer]);
      waiting.delete(uri);
      send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri } } });
      if (t1 < 0) crashes.push({ file: t.file, error: 'no diagnostics within 5 s' });
      else if (i > 0) perFile.push(t1 - t0);
    }
  } finally {
    proc.kill();
  }
  return { tool, perFile, crashes };
}

function fmt(n: number, digits = 3): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(opts.corpus)) {
    console.log(`No corpus at ${opts.corpus}: nothing to measure (pass --corpus DIR or set BULKHEAD_CORPUS).`);
    return;
  }
  await initEngineForNode();
  const files = walk(opts.corpus);
  const texts = files.map((file) => ({ file: path.relative(opts.corpus, file), text: fs.readFileSync(file, 'utf8') }));
  const bytes = sum(texts.map((t) => t.text.length));
  console.log(`Corpus: ${texts.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${opts.rounds} rounds after a warm-up; node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'}`);

  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dockerfilelint = require('dockerfilelint') as { run(configDir: string, content: string): unknown };
  const samples: Sample[] = [
    measure('bulkhead lint', texts, opts.rounds, (t) => lintText(t)),
    measure('dockerfile-ast parse (floor)', texts, opts.rounds, (t) => DockerfileParser.parse(t)),
    measure('dockerfile-utils validate', texts, opts.rounds, (t) => validate(t)),
    measure('dockerfilelint', texts, opts.rounds, (t) => dockerfilelint.run(emptyDir, t)),
  ];
  fs.rmSync(emptyDir, { recursive: true, force: true });

  if (opts.lsp) {
    const ownServer = path.resolve(__dirname, 'server.js');
    const peerServer = require.resolve('dockerfile-language-server-nodejs/lib/server.js');
    if (fs.existsSync(ownServer)) samples.push(await measureLsp('bulkhead server (LSP)', [process.execPath, ownServer, '--stdio'], texts, 120_000));
    samples.push(await measureLsp('dockerfile-language-server (LSP)', [process.execPath, peerServer, '--stdio'], texts, 120_000));
  }

  const base = samples[0] as Sample;
  const floor = samples[1] as Sample;
  const lspBase = samples.find((s) => s.tool === 'bulkhead server (LSP)');
  const rows = samples.map((s) => {
    const total = sum(s.perFile);
    const ref = s.tool.endsWith('(LSP)') ? lspBase : base;
    return {
      tool: s.tool,
      files: s.perFile.length,
      totalMs: total,
      medianMs: median(s.perFile),
      p99Ms: quantile(s.perFile, 0.99),
      maxMs: Math.max(...s.perFile),
      vsBulkhead: ref ? total / sum(ref.perFile) : NaN,
      vsFloor: s.tool.endsWith('(LSP)') ? NaN : total / sum(floor.perFile),
      crashes: s.crashes.length,
      note: s.note,
    };
  });

  // One very large file, to show time grows linearly with size.
  const big = texts.map((t) => t.text).join('\n').repeat(Math.max(1, Math.ceil((5 * 1024 * 1024) / bytes)));
  const t0 = performance.now();
  lintText(big);
  const bigMs = performance.now() - t0;

  const slowest = texts
    .map((t, i) => ({ file: t.file, size: t.text.length, ms: base.perFile[i] ?? 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);

  const bulk = rows[0] as (typeof rows)[number];
  const utils = rows.find((r) => r.tool === 'dockerfile-utils validate');
  const targets = [
    { target: 'per-file p99 < 5 ms', value: `${fmt(bulk.p99Ms)} ms`, met: bulk.p99Ms < 5 },
    { target: 'total ≤ dockerfile-utils validate', value: `${fmt(bulk.totalMs, 1)} vs ${fmt(utils?.totalMs ?? NaN, 1)} ms`, met: bulk.totalMs <= (utils?.totalMs ?? Infinity) },
    { target: 'total ≤ 2.5 × parse floor', value: `${fmt(bulk.vsFloor, 2)} ×`, met: bulk.vsFloor <= 2.5 },
  ];

  if (opts.json) {
    console.log(JSON.stringify({ files: texts.length, rounds: opts.rounds, rows, bigFile: { bytes: big.length, ms: bigMs }, slowest, targets, crashes: samples.map((s) => ({ tool: s.tool, crashes: s.crashes })) }, null, 2));
    return;
  }
  console.log('');
  console.log(`${'tool'.padEnd(34)} ${'files'.padStart(5)} ${'total ms'.padStart(10)} ${'median'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'÷bulkhead'.padStart(10)} ${'÷floor'.padStart(8)} ${'crashes'.padStart(8)}`);
  for (const r of rows) {
    console.log(
      `${r.tool.padEnd(34)} ${String(r.files).padStart(5)} ${fmt(r.totalMs, 1).padStart(10)} ${fmt(r.medianMs).padStart(8)} ${fmt(r.p99Ms).padStart(8)} ${fmt(r.maxMs).padStart(8)} ${fmt(r.vsBulkhead, 2).padStart(10)} ${fmt(r.vsFloor, 2).padStart(8)} ${String(r.crashes).padStart(8)}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log('\n(÷bulkhead: this tool\'s total over Bulkhead\'s, in-process rows against in-process Bulkhead, LSP rows against Bulkhead\'s server; >1 means Bulkhead is faster.)');
  console.log(`\nOne ${(big.length / 1024 / 1024).toFixed(1)} MiB file: ${fmt(bigMs, 0)} ms (${fmt(bigMs / (big.length / 1024 / 1024), 0)} ms/MiB; the corpus runs at ${fmt(bulk.totalMs / (bytes / 1024 / 1024), 0)} ms/MiB).`);
  console.log('\nSlowest files for Bulkhead:');
  for (const s of slowest) console.log(`  ${fmt(s.ms)} ms  ${String(s.size).padStart(6)} B  ${s.file}`);
  for (const s of samples) {
    if (s.crashes.length === 0) continue;
    console.log(`\n${s.tool} failed on ${s.crashes.length} file(s):`);
    for (const c of s.crashes.slice(0, 10)) console.log(`  ${c.file}: ${c.error}`);
    if (s.crashes.length > 10) console.log(`  … and ${s.crashes.length - 10} more`);
  }
  console.log('\nTargets:');
  for (const t of targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
