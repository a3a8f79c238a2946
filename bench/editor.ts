import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { LspProcess } from './lsp-process';

/**
 * What a person in an editor meets, measured on a language server over stdio: how long after a keystroke the
 * diagnostics come back while typing, how long after start the first ones come, and how much memory open
 * documents and a long editing session take.
 */

/** What is typed, one character per change, at the end of the file. */
const TYPED = 'RUN apt-get update && apt-get install -y --no-install-recommends curl\n';

export interface Typing {
  /** didChange → publishDiagnostics, ms, one per change that got an answer. */
  latencies: number[];
  /** Changes that got no diagnostics before the next keystroke was due five times over. */
  missed: number;
  note?: string;
}

function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
}

/** Types `changes` characters, one every `intervalMs`, at the end of `text`. */
export async function measureTyping(command: readonly string[], text: string, changes: number, intervalMs: number): Promise<Typing> {
  const server = new LspProcess(command);
  const uri = 'file:///bench/typing/Dockerfile';
  const latencies: number[] = [];
  let missed = 0;
  try {
    if (!(await server.initialize())) return { latencies, missed, note: server.exited ?? 'no answer to initialize' };
    const diagnostics = (): Promise<number> => server.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri);
    const opened = diagnostics();
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    if ((await server.within(opened, 10_000, -1)) < 0) return { latencies, missed, note: server.exited ?? 'no diagnostics for the opened file within 10 s' };
    let current = text;
    for (let i = 0; i < changes && !server.exited; i++) {
      const ch = TYPED[i % TYPED.length] ?? ' ';
      const at = endOf(current);
      current += ch;
      const answered = diagnostics();
      const sent = performance.now();
      server.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: at, end: at }, text: ch }] });
      const got = await server.within(answered, intervalMs * 5, -1);
      if (got < 0) missed++;
      else latencies.push(got - sent);
      const rest = intervalMs - (performance.now() - sent);
      if (rest > 0) await wait(rest);
    }
    return { latencies, missed, ...(server.exited ? { note: server.exited } : {}) };
  } finally {
    await server.stop();
  }
}

/** From spawning the server to the first diagnostics of a small file, ms. */
export async function measureFirstDiagnostics(command: readonly string[], text: string): Promise<number | undefined> {
  const started = performance.now();
  const server = new LspProcess(command);
  try {
    if (!(await server.initialize())) return undefined;
    const uri = 'file:///bench/first/Dockerfile';
    const got = server.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    const at = await server.within(got, 10_000, -1);
    return at < 0 ? undefined : at - started;
  } finally {
    await server.stop();
  }
}

export interface Memory {
  /** Resident set after opening the documents and receiving their diagnostics, MB. */
  openRss: number;
  /** Resident set after a warm-up of open/edit/close cycles, and after all of them, MB. */
  cyclesStartRss: number;
  cyclesEndRss: number;
  cycles: number;
  note?: string;
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Opens `open` documents (the texts, cycled) and waits for all their diagnostics; then runs `cycles` cycles of
 * open, one edit, close, each waiting for its diagnostics, and compares the resident set after the first tenth
 * (the warm-up) with the end.
 */
export async function measureMemory(command: readonly string[], texts: readonly string[], open: number, cycles: number): Promise<Memory> {
  const server = new LspProcess(command);
  const result: Memory = { openRss: NaN, cyclesStartRss: NaN, cyclesEndRss: NaN, cycles };
  try {
    if (!(await server.initialize())) return { ...result, note: server.exited ?? 'no answer to initialize' };
    const published = new Set<string>();
    let waiter: { uri: string; resolve: () => void } | undefined;
    server.onMessage((m) => {
      const uri = m.method === 'textDocument/publishDiagnostics' ? m.params?.uri : undefined;
      if (uri) {
        published.add(uri);
        if (waiter?.uri === uri) waiter.resolve();
      }
    });
    const until = (uri: string): Promise<void> =>
      published.has(uri) ? Promise.resolve() : server.within(new Promise<void>((resolve) => (waiter = { uri, resolve })), 10_000, undefined);
    for (let i = 0; i < open && !server.exited; i++) {
      const uri = `file:///bench/open/${i}/Dockerfile`;
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: texts[i % texts.length] ?? '' } });
      await until(uri);
    }
    result.openRss = rssMb(server.proc.pid);
    for (let i = 0; i < open; i++) server.notify('textDocument/didClose', { textDocument: { uri: `file:///bench/open/${i}/Dockerfile` } });
    for (let i = 0; i < cycles && !server.exited; i++) {
      if (i === Math.floor(cycles / 10)) result.cyclesStartRss = rssMb(server.proc.pid);
      const uri = `file:///bench/cycle/${i}/Dockerfile`;
      const text = texts[i % texts.length] ?? '';
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      await until(uri);
      published.delete(uri);
      server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}\n# edited\n` }] });
      await until(uri);
      published.delete(uri);
      // Not every server clears a closed document's diagnostics: the next open is what is waited for.
      server.notify('textDocument/didClose', { textDocument: { uri } });
    }
    result.cyclesEndRss = rssMb(server.proc.pid);
    return server.exited ? { ...result, note: server.exited } : result;
  } finally {
    await server.stop();
  }
}

export interface EditorServer {
  name: string;
  command: string[];
}

export interface TypingRow {
  server: string;
  file: string;
  lines: number;
  p50: number;
  p99: number;
  missed: number;
  note?: string;
}

export interface EditorReport {
  typing: TypingRow[];
  /** Start to first diagnostics, median of `starts`, ms, per server. */
  first: { server: string; ms: number }[];
  memory: ({ server: string } & Memory)[];
  /** Loading the client bundle and running activate(), median of fresh processes, ms (see activation.ts). */
  activation?: { loadMs: number; activateMs: number; totalMs: number; samples: number };
  targets: { target: string; value: string; met: boolean | undefined }[];
}

function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** The corpus file whose line count is closest to `lines`. */
function closest(texts: readonly string[], lines: number): string {
  let best = texts[0] ?? '';
  for (const t of texts) if (Math.abs(t.split('\n').length - lines) < Math.abs(best.split('\n').length - lines)) best = t;
  return best;
}

/** Corpus files one after another until the text has `lines` lines: a long multi-stage file of real instructions. */
function concatenated(texts: readonly string[], lines: number): string {
  let out = '';
  for (const t of texts) {
    if (out.split('\n').length >= lines) break;
    out += `${t.replace(/\s*$/, '')}\n`;
  }
  return out;
}

/**
 * The editor rows of `npm run bench -- --lsp`, every server in the same run: typing into a 50-, a 300- and a
 * 2,000-line Dockerfile, start to first diagnostics, and memory with open documents and over open/edit/close
 * cycles. The first server is Bulkhead's, the second its peer; targets compare them.
 */
export async function runEditorBench(texts: readonly string[], servers: readonly EditorServer[], o: { changes: number; intervalMs: number; starts: number; open: number; cycles: number }): Promise<EditorReport> {
  const files = [
    { file: `${closest(texts, 50).split('\n').length - 1}-line corpus file`, text: closest(texts, 50) },
    { file: `${closest(texts, 300).split('\n').length - 1}-line corpus file`, text: closest(texts, 300) },
    { file: '2,000 lines of corpus files', text: concatenated(texts, 2000) },
  ];
  const typing: TypingRow[] = [];
  for (const f of files) {
    for (const s of servers) {
      const r = await measureTyping(s.command, f.text, o.changes, o.intervalMs);
      typing.push({ server: s.name, file: f.file, lines: f.text.split('\n').length - 1, p50: quantile(r.latencies, 0.5), p99: quantile(r.latencies, 0.99), missed: r.missed, ...(r.note ? { note: r.note } : {}) });
    }
  }
  const first: EditorReport['first'] = [];
  const small = closest(texts, 50);
  for (const s of servers) {
    const xs: number[] = [];
    for (let i = 0; i < o.starts; i++) {
      const ms = await measureFirstDiagnostics(s.command, small);
      if (ms !== undefined) xs.push(ms);
    }
    first.push({ server: s.name, ms: quantile(xs, 0.5) });
  }
  const memory: EditorReport['memory'] = [];
  for (const s of servers) memory.push({ server: s.name, ...(await measureMemory(s.command, texts, o.open, o.cycles)) });

  const activation = measureActivation(o.starts);

  const own = servers[0]?.name;
  const peer = servers[1]?.name;
  const targets: EditorReport['targets'] = [];
  for (const f of files) {
    const a = typing.find((t) => t.server === own && t.file === f.file);
    const b = typing.find((t) => t.server === peer && t.file === f.file);
    if (!a || !b) continue;
    targets.push({ target: `Typing, ${f.file}: p50 and p99 ≤ ${peer}`, value: `p50 ${a.p50.toFixed(1)} vs ${b.p50.toFixed(1)} ms, p99 ${a.p99.toFixed(1)} vs ${b.p99.toFixed(1)} ms`, met: a.p50 <= b.p50 && a.p99 <= b.p99 && a.missed === 0 });
  }
  const big = typing.find((t) => t.server === own && t.lines >= 2000);
  if (big) targets.push({ target: 'Typing, 2,000 lines: p99 < 50 ms', value: `${big.p99.toFixed(1)} ms`, met: big.p99 < 50 && big.missed === 0 });
  const f0 = first.find((x) => x.server === own);
  if (f0) targets.push({ target: 'Start to first diagnostics < 200 ms', value: `${f0.ms.toFixed(0)} ms`, met: f0.ms < 200 });
  const m0 = memory.find((x) => x.server === own);
  if (m0) {
    targets.push({ target: `RSS with ${o.open} open Dockerfiles < 150 MB`, value: `${m0.openRss.toFixed(0)} MB`, met: Number.isFinite(m0.openRss) ? m0.openRss < 150 : undefined });
    const growth = m0.cyclesEndRss / m0.cyclesStartRss - 1;
    targets.push({ target: `${o.cycles} open/edit/close cycles end within 10% of where they started`, value: `${m0.cyclesStartRss.toFixed(0)} → ${m0.cyclesEndRss.toFixed(0)} MB (${(growth * 100).toFixed(1)}%)`, met: Number.isFinite(growth) ? growth <= 0.1 : undefined });
  }
  return { typing, first, memory, targets, ...(activation ? { activation } : {}) };
}

/** Fresh processes that load dist/client.js and run activate() (bench/activation.ts); the median of each part. */
function measureActivation(samples: number): EditorReport['activation'] {
  const script = path.join(__dirname, 'bench-activation.js');
  const client = path.join(__dirname, 'client.js');
  if (!fs.existsSync(script) || !fs.existsSync(client)) return undefined;
  const runs: { loadMs: number; activateMs: number; totalMs: number }[] = [];
  for (let i = 0; i < samples; i++) {
    const r = spawnSync(process.execPath, [script, client], { encoding: 'utf8', timeout: 30_000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    try {
      runs.push(JSON.parse(line) as { loadMs: number; activateMs: number; totalMs: number });
    } catch {
      return undefined;
    }
  }
  const median = (k: 'loadMs' | 'activateMs' | 'totalMs'): number => quantile(runs.map((x) => x[k]), 0.5);
  return { loadMs: median('loadMs'), activateMs: median('activateMs'), totalMs: median('totalMs'), samples };
}

export function printEditorReport(r: EditorReport, o: { changes: number; intervalMs: number; starts: number; open: number; cycles: number }): void {
  console.log(`\nEditor: typing one character every ${o.intervalMs} ms at the end of the file, ${o.changes} changes, didChange → publishDiagnostics (ms):`);
  console.log(`  ${'file'.padEnd(30)} ${'server'.padEnd(34)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} missed`);
  for (const t of r.typing) console.log(`  ${t.file.padEnd(30)} ${t.server.padEnd(34)} ${t.p50.toFixed(1).padStart(7)} ${t.p99.toFixed(1).padStart(7)} ${String(t.missed).padStart(6)}${t.note ? `  ${t.note}` : ''}`);
  console.log(`Start to first diagnostics of a small file, median of ${o.starts} starts: ${r.first.map((f) => `${f.server} ${f.ms.toFixed(0)} ms`).join(', ')}`);
  console.log(`Memory (resident set): ${o.open} corpus files open, then ${o.cycles} cycles of open, edit, close (after the first tenth → at the end):`);
  for (const m of r.memory) console.log(`  ${m.server.padEnd(34)} ${m.openRss.toFixed(0).padStart(5)} MB open   ${m.cyclesStartRss.toFixed(0)} → ${m.cyclesEndRss.toFixed(0)} MB${m.note ? `  ${m.note}` : ''}`);
  const a = r.activation;
  if (a) console.log(`Extension activation (load dist/client.js + activate(), stand-in vscode API), median of ${a.samples} fresh processes: ${a.totalMs.toFixed(0)} ms (load ${a.loadMs.toFixed(0)}, activate ${a.activateMs.toFixed(0)})`);
  else console.log('Extension activation: dist/client.js or dist/bench-activation.js is not built.');
}
