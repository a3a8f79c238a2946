import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The whole process, as a user meets it in CI: `node dist/cli.js lint --format json FILES…` over about 2,000
 * real Dockerfile paths, against one Node process that runs dockerfile-utils validate over the same files and
 * one that only parses them with dockerfile-ast (bench/peer.ts). Start-up, reading, output and garbage
 * collection all count. Each round runs every command once, in a rotating order; the row is the median of the
 * rounds. Peak resident memory and CPU time come from each process itself (bench/usage-preload.ts).
 */

export interface ProcessOptions {
  corpus: string;
  repoRoot: string;
  /** How many paths: the corpus repeated into distinct folders until there are this many. */
  files: number;
  rounds: number;
  /** Other builds of the CLI to run beside dist/cli.js (e.g. a copy of the previous build), with the grammar files beside them. */
  compare: string[];
}

export interface ProcessRow {
  name: string;
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
  outputBytes: number;
  vsValidate: number;
  vsFloor: number;
  /** Exit statuses seen (bulkhead exits 1 when it finds something at warning or above). */
  statuses: string;
  note?: string;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  peakRssMiB: number;
  outputBytes: number;
  status: number | null;
  error?: string;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** Copies corpus files into `<tmp>/<round>/<relative path>` until there are `count`; returns the paths relative to `tmp`. */
function stage(corpus: string, tmp: string, count: number): string[] {
  const sources = listFiles(corpus);
  const rel: string[] = [];
  for (let k = 0; rel.length < count && sources.length > 0; k++) {
    for (const src of sources) {
      if (rel.length >= count) break;
      const r = path.join(String(k), path.relative(corpus, src));
      fs.mkdirSync(path.join(tmp, path.dirname(r)), { recursive: true });
      fs.copyFileSync(src, path.join(tmp, r));
      rel.push(r);
    }
  }
  return rel;
}

function runOnce(args: string[], cwd: string, usageFile: string, outFile: string): Run {
  fs.rmSync(usageFile, { force: true });
  const out = fs.openSync(outFile, 'w');
  const t0 = performance.now();
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', out, 'pipe'], env: { ...process.env, BULKHEAD_BENCH_USAGE: usageFile, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  } finally {
    fs.closeSync(out);
  }
  const wallMs = performance.now() - t0;
  let usage: { maxRSS: number; userCPUTime: number; systemCPUTime: number } | undefined;
  try {
    usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as typeof usage;
  } catch {
    usage = undefined;
  }
  const stderr = r.stderr?.toString() ?? '';
  return {
    wallMs,
    cpuMs: usage ? (usage.userCPUTime + usage.systemCPUTime) / 1000 : NaN,
    peakRssMiB: usage ? usage.maxRSS / 1024 : NaN,
    outputBytes: fs.statSync(outFile).size,
    status: r.status,
    ...(r.error || !usage ? { error: r.error?.message ?? (stderr.split('\n')[0] || `no usage record (status ${r.status})`) } : {}),
  };
}

function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** How many files a JSON output lists, or why it could not be read: a check that every process did the whole job. */
function filesIn(outFile: string): number | string {
  try {
    const doc = JSON.parse(fs.readFileSync(outFile, 'utf8')) as { files?: unknown[] };
    return Array.isArray(doc.files) ? doc.files.length : 'no "files" list in the output';
  } catch (e) {
    return `output is not JSON: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`;
  }
}

export function measureProcesses(opts: ProcessOptions): { files: number; bytes: number; rows: ProcessRow[] } {
  const dist = path.join(opts.repoRoot, 'dist');
  const preload = path.join(dist, 'bench-usage.js');
  const peer = path.join(dist, 'bench-peer.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-bench-process-'));
  try {
    const files = stage(opts.corpus, tmp, opts.files);
    const bytes = files.reduce((n, f) => n + fs.statSync(path.join(tmp, f)).size, 0);
    const commands: { name: string; args: string[] }[] = [
      { name: 'bulkhead lint --format json', args: [path.join(dist, 'cli.js'), 'lint', '--format', 'json', ...files] },
      // One thread, for the --jobs speed-up (the row above uses one per core).
      { name: 'bulkhead lint --format json --jobs 1', args: [path.join(dist, 'cli.js'), 'lint', '--format', 'json', '--jobs', '1', ...files] },
      ...opts.compare.map((cli) => ({ name: `  ${path.basename(path.dirname(path.resolve(cli)))}/${path.basename(cli)}`, args: [path.resolve(cli), 'lint', '--format', 'json', ...files] })),
      { name: 'dockerfile-utils validate (JSON)', args: [peer, 'validate', ...files] },
      { name: 'dockerfile-ast parse (floor)', args: [peer, 'parse', ...files] },
    ];
    const runs = commands.map((): Run[] => []);
    for (let r = 0; r < opts.rounds; r++) {
      for (let j = 0; j < commands.length; j++) {
        const k = (j + r) % commands.length;
        const c = commands[k];
        if (!c) continue;
        runs[k]?.push(runOnce(['-r', preload, ...c.args], tmp, path.join(tmp, 'usage.json'), path.join(tmp, `out-${k}.json`)));
      }
    }
    const rows = commands.map((c, k) => {
      const rs = runs[k] ?? [];
      const listed = filesIn(path.join(tmp, `out-${k}.json`));
      const errors = [...new Set(rs.map((x) => x.error).filter((e): e is string => e !== undefined))];
      const note = [...errors, ...(listed === files.length ? [] : [typeof listed === 'number' ? `the output lists ${listed} of ${files.length} files` : listed])].join('; ');
      return {
        name: c.name,
        wallMs: median(rs.map((x) => x.wallMs)),
        cpuMs: median(rs.map((x) => x.cpuMs)),
        peakRssMiB: median(rs.map((x) => x.peakRssMiB)),
        outputBytes: median(rs.map((x) => x.outputBytes)),
        vsValidate: NaN,
        vsFloor: NaN,
        statuses: [...new Set(rs.map((x) => String(x.status)))].join(','),
        ...(note ? { note } : {}),
      };
    });
    const validate = rows.find((r) => r.name.startsWith('dockerfile-utils'));
    const floor = rows.find((r) => r.name.startsWith('dockerfile-ast'));
    for (const r of rows) {
      r.vsValidate = validate ? r.wallMs / validate.wallMs : NaN;
      r.vsFloor = floor ? r.wallMs / floor.wallMs : NaN;
    }
    return { files: files.length, bytes, rows };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
