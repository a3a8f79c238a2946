import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeFixture } from './fixtures';
import { emptyStats, STAGES } from './protocol';
import type { FailureRecord, Job, Stats, WorkerMessage } from './protocol';
import { REPO_ROOT } from '../paths';

/**
 * `npm run fuzz`: replays the fixtures in test/fuzz/fixtures/, then mutates real Dockerfiles from the corpus
 * for a bounded time and runs each result through lint, every fix alone, fix-all, hover, code actions, the
 * manifest and the fix-safety invariants (see exercise.ts). The seed is printed first: the same seed gives the
 * same inputs, and `--input I` replays one of them. A failing input is minimised and written as a fixture.
 *
 *   npm run fuzz -- [--seed N] [--seconds S] [--input I] [--file PATH]… [--no-replay] [--no-write]
 *                   [--budget-ms MS] [--hang-seconds S] [--corpus DIR] [--fixtures DIR]
 *
 * Environment: BULKHEAD_FUZZ_SEED, BULKHEAD_FUZZ_SECONDS, BULKHEAD_CORPUS (the corpus folder), CI (then the
 * default seed is the UTC day number, so a rerun the same day sees the same inputs, and a missing corpus fails).
 * Exit status: 0 when nothing failed, 1 when something did, 2 for usage errors.
 */

const repoRoot = REPO_ROOT;
const ci = Boolean(process.env.CI);

function usage(message: string): never {
  console.error(`fuzz: ${message}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): {
  seed: number;
  seedSource: string;
  seconds: number;
  only: number | undefined;
  files: string[];
  replay: boolean;
  write: boolean;
  budgetMs: number;
  hangMs: number;
  corpusDir: string;
  fixturesDir: string;
} {
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 0) usage(`${name} needs a non-negative number, got ${JSON.stringify(v)}`);
    return n;
  };
  let seed: number | undefined;
  let seedSource = '';
  if (process.env.BULKHEAD_FUZZ_SEED) {
    seed = num('BULKHEAD_FUZZ_SEED', process.env.BULKHEAD_FUZZ_SEED);
    seedSource = 'from BULKHEAD_FUZZ_SEED';
  }
  let seconds = process.env.BULKHEAD_FUZZ_SECONDS ? num('BULKHEAD_FUZZ_SECONDS', process.env.BULKHEAD_FUZZ_SECONDS) : 110;
  let only: number | undefined;
  const files: string[] = [];
  let replay = true;
  let write = true;
  let budgetMs = 100;
  let hangMs = 60_000;
  let corpusDir = process.env.BULKHEAD_CORPUS ? path.resolve(process.env.BULKHEAD_CORPUS) : path.resolve(repoRoot, '..', 'shared', 'corpus', 'dockerfiles');
  let fixturesDir = path.join(repoRoot, 'test', 'fuzz', 'fixtures');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') {
      seed = num(a, value());
      seedSource = 'from --seed';
    } else if (a === '--seconds') seconds = num(a, value());
    else if (a === '--input') only = Math.floor(num(a, value()));
    else if (a === '--file') files.push(path.resolve(value()));
    else if (a === '--no-replay') replay = false;
    else if (a === '--no-write') write = false;
    else if (a === '--budget-ms') budgetMs = num(a, value());
    else if (a === '--hang-seconds') hangMs = num(a, value()) * 1000;
    else if (a === '--corpus') corpusDir = path.resolve(value());
    else if (a === '--fixtures') fixturesDir = path.resolve(value());
    else usage(`unknown argument ${a}`);
  }
  if (seed === undefined) {
    if (ci) {
      seed = Math.floor(Date.now() / 86_400_000);
      seedSource = 'the UTC day number, as CI is set';
    } else {
      seed = Math.floor(Math.random() * 2 ** 31);
      seedSource = 'random';
    }
  }
  return { seed: seed >>> 0, seedSource, seconds, only, files, replay, write, budgetMs, hangMs, corpusDir, fixturesDir };
}

function addStats(a: Stats, b: Stats): Stats {
  const out = emptyStats();
  out.inputs = a.inputs + b.inputs;
  out.replayed = a.replayed + b.replayed;
  out.chars = a.chars + b.chars;
  out.lintMs = a.lintMs + b.lintMs;
  for (const s of STAGES) {
    out.calls[s] = a.calls[s] + b.calls[s];
    out.ms[s] = a.ms[s] + b.ms[s];
    out.failing[s] = a.failing[s] + b.failing[s];
  }
  out.slowest = [...a.slowest, ...b.slowest].sort((x, y) => y.ms - x.ms).slice(0, 5);
  return out;
}

const indent = (s: string, by = '      '): string => s.split('\n').map((l) => by + l).join('\n');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  console.log(`fuzz: seed ${args.seed} (${args.seedSource}); replay with: npm run fuzz -- --seed ${args.seed}`);

  let corpusDir: string | undefined = args.corpusDir;
  if (args.files.length === 0 && !fs.existsSync(corpusDir)) {
    if (ci) usage(`the corpus is missing: ${corpusDir} (set BULKHEAD_CORPUS)`);
    console.log(`fuzz: no corpus at ${corpusDir} (set BULKHEAD_CORPUS); replaying fixtures only, no mutation`);
    corpusDir = undefined;
  }
  const deadline = started + args.seconds * 1000;
  console.log(
    args.files.length > 0
      ? `fuzz: ${args.files.length} file(s) given, no mutation`
      : args.only !== undefined
        ? `fuzz: input ${args.only} of seed ${args.seed} only`
        : `fuzz: ${args.replay ? 'replaying fixtures, then ' : ''}mutating ${corpusDir ?? '(nothing)'} for ${args.seconds} s; lint budget ${args.budgetMs} ms`,
  );

  let total = emptyStats();
  let current = emptyStats();
  const failures: FailureRecord[] = [];
  const known = new Set<string>();
  let lastProgress = Date.now();

  const report = (r: FailureRecord): void => {
    failures.push(r);
    known.add(r.signature);
    if (r.repeat) return;
    console.log(`\nFAIL [${r.stage}] ${r.message}`);
    console.log(`  input: ${r.phase === 'fuzz' ? `${r.label} (${r.chars} chars; replay: npm run fuzz -- --seed ${args.seed} --input ${r.index})` : r.label}`);
    if (r.fixture) console.log(`  fixture: ${path.relative(repoRoot, r.fixture)}${r.minimisedChars !== undefined ? ` (minimised to ${r.minimisedChars} chars)` : ''}`);
    if (r.detail && r.detail !== r.message) console.log(indent(r.detail.split('\n').slice(0, 12).join('\n')));
  };

  /** Runs one worker from a starting point; resolves with where to resume after a hang, or undefined when done. */
  const runWorker = (job: Job): Promise<{ phase: FailureRecord['phase']; index: number } | undefined> =>
    new Promise((resolve) => {
      const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: job });
      let lastInput: Extract<WorkerMessage, { type: 'input' }> | undefined;
      let lastBeat = Date.now();
      let settled = false;
      const finish = (v: { phase: FailureRecord['phase']; index: number } | undefined): void => {
        if (settled) return;
        settled = true;
        clearInterval(watchdog);
        total = addStats(total, current);
        current = emptyStats();
        resolve(v);
      };
      const watchdog = setInterval(() => {
        if (Date.now() - lastBeat < args.hangMs) return;
        void worker.terminate();
        const input = lastInput;
        const record: FailureRecord = {
          stage: 'time',
          message: `hung: no result after ${Math.round(args.hangMs / 1000)} s`,
          phase: input?.phase ?? 'fuzz',
          index: input?.index ?? -1,
          label: input?.label ?? '(before the first input)',
          signature: `time: hung (${input?.phase ?? 'start'})`,
          repeat: false,
          chars: input?.text.length ?? 0,
        };
        if (input && input.phase === 'fuzz' && args.write) record.fixture = writeFixture(args.fixturesDir, `${args.seed}-${input.index}-hang`, input.text);
        report(record);
        finish(input ? { phase: input.phase, index: input.index } : undefined);
      }, 1000);
      worker.on('message', (m: WorkerMessage) => {
        lastBeat = Date.now();
        if (m.type === 'input') lastInput = m;
        else if (m.type === 'failure') report(m.record);
        else if (m.type === 'log') console.log(`fuzz: ${m.line}`);
        else if (m.type === 'progress' || m.type === 'done') {
          current = m.stats;
          if (Date.now() - lastProgress >= 15_000) {
            lastProgress = Date.now();
            const t = addStats(total, current);
            console.log(`fuzz: ${Math.round((Date.now() - started) / 1000)} s, ${t.replayed} fixtures, ${t.inputs} inputs, ${failures.filter((f) => !f.repeat).length} distinct failures`);
          }
          if (m.type === 'done') finish(undefined);
        }
      });
      worker.on('error', (e) => {
        console.log(`fuzz: worker error: ${e.stack ?? e.message}`);
        failures.push({ stage: 'lint', message: `worker error: ${e.message}`, phase: lastInput?.phase ?? 'fuzz', index: lastInput?.index ?? -1, label: lastInput?.label ?? '?', signature: `worker: ${e.message}`, repeat: false, chars: 0 });
        finish(undefined);
      });
      worker.on('exit', (code) => {
        if (!settled && code !== 0) {
          failures.push({ stage: 'lint', message: `worker exited with ${code}`, phase: lastInput?.phase ?? 'fuzz', index: lastInput?.index ?? -1, label: lastInput?.label ?? '?', signature: `worker exit ${code}`, repeat: false, chars: 0 });
          console.log(`fuzz: worker exited with ${code} during ${lastInput?.label ?? '?'}`);
        }
        finish(undefined);
      });
    });

  const job: Job = {
    seed: args.seed,
    deadline,
    startIndex: 0,
    replay: args.replay && args.files.length === 0,
    replayFrom: 0,
    write: args.write,
    corpusDir,
    fixturesDir: args.fixturesDir,
    only: args.only,
    files: args.files,
    budgetMs: args.budgetMs,
    maxHovers: 3000,
    maxFixesAlone: 60,
    minimiseMs: 5000,
    maxWritten: 10,
    known: [],
  };
  for (let resume = await runWorker(job); resume; ) {
    // After a hang: a new worker carries on past the input that hung, if there is time and input left.
    if (resume.phase === 'file' || job.only !== undefined) break;
    if (resume.phase === 'replay') Object.assign(job, { replayFrom: resume.index + 1 });
    else Object.assign(job, { replay: false, startIndex: resume.index + 1 });
    if (resume.phase === 'fuzz' && Date.now() >= deadline) break;
    job.known = [...known];
    resume = await runWorker(job);
  }

  const wall = (Date.now() - started) / 1000;
  const distinct = failures.filter((f) => !f.repeat);
  console.log('\n== fuzz summary');
  console.log(`seed          ${args.seed} (${args.seedSource})`);
  console.log(`wall time     ${wall.toFixed(1)} s`);
  console.log(`fixtures      ${total.replayed} replayed from ${path.relative(repoRoot, args.fixturesDir) || '.'}`);
  console.log(`inputs        ${total.inputs} mutated texts, ${(total.chars / 1e6).toFixed(1)} M chars in all; mean lint ${(total.lintMs / Math.max(1, total.inputs + total.replayed)).toFixed(1)} ms`);
  console.log('stage             calls  seconds  texts failing');
  for (const s of STAGES) console.log(`  ${s.padEnd(12)} ${String(total.calls[s]).padStart(9)} ${(total.ms[s] / 1000).toFixed(1).padStart(8)} ${String(total.failing[s]).padStart(8)}`);
  console.log('slowest lint (ms, chars, input):');
  for (const s of total.slowest) console.log(`  ${s.ms.toFixed(1).padStart(8)} ${String(s.chars).padStart(8)}  ${s.label.length > 160 ? `${s.label.slice(0, 157)}...` : s.label}`);
  if (failures.length === 0) {
    console.log('failures      none');
    return;
  }
  const bySig = new Map<string, FailureRecord[]>();
  for (const f of failures) bySig.set(f.signature, [...(bySig.get(f.signature) ?? []), f]);
  console.log(`failures      ${failures.length} in ${bySig.size} distinct kinds:`);
  for (const [sig, list] of bySig) {
    const first = list[0] as FailureRecord;
    const where = first.fixture ? path.relative(repoRoot, first.fixture) : first.phase === 'fuzz' ? `--seed ${args.seed} --input ${first.index}` : first.label;
    console.log(`  ${String(list.length).padStart(4)}x ${sig.length > 200 ? `${sig.slice(0, 197)}...` : sig}\n        first: ${where}`);
  }
  if (distinct.some((f) => f.fixture)) console.log('New fixtures are replayed first on every run until the engine is fixed.');
  process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 2;
});
