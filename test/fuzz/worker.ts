import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { initEngineForNode } from '../../server/src/node-init';
import { checkFixInvariants } from '../harness/fix-invariants';
import { exercise, signature, timeLint } from './exercise';
import type { Options, Stage } from './exercise';
import { readCorpus, readFixtures, writeFixture } from './fixtures';
import { minimise } from './minimise';
import { makeInput } from './mutators';
import { emptyStats } from './protocol';
import type { FailureRecord, Job, WorkerMessage } from './protocol';

/**
 * The fuzz loop, in a worker thread so that the runner (run.ts) can stop it when an input hangs the engine:
 * replay the committed fixtures, then mutate corpus files until the deadline. It reports each input before
 * exercising it, each failure, and its counts.
 */

function post(m: WorkerMessage): void {
  parentPort?.postMessage(m);
}

async function main(job: Job): Promise<void> {
  await initEngineForNode();
  const stats = emptyStats();
  const known = new Set(job.known);
  const options: Options = { budgetMs: job.budgetMs, maxHovers: job.maxHovers, maxFixesAlone: job.maxFixesAlone, checkInvariants: checkFixInvariants };
  let written = 0;

  const run = (phase: FailureRecord['phase'], index: number, label: string, text: string): void => {
    post({ type: 'input', phase, index, label, text });
    const outcome = exercise(text, options);
    if (phase === 'replay') stats.replayed++;
    else stats.inputs++;
    stats.chars += text.length;
    stats.lintMs += outcome.lintMs;
    for (const [stage, n] of Object.entries(outcome.calls)) stats.calls[stage as Stage] += n;
    for (const [stage, n] of Object.entries(outcome.ms)) stats.ms[stage as Stage] += n;
    for (const stage of new Set(outcome.failures.map((f) => f.stage))) stats.failing[stage]++;
    stats.slowest.push({ label, ms: outcome.lintMs, chars: text.length });
    stats.slowest.sort((a, b) => b.ms - a.ms);
    stats.slowest.length = Math.min(stats.slowest.length, 5);

    // One record per distinct failure of the text. A text with new failures is written once, minimised for its
    // first new failure (a failure other than time, when there is one: those shrink exactly).
    const records: FailureRecord[] = [];
    const seenHere = new Set<string>();
    for (const f of outcome.failures) {
      const sig = signature(f);
      if (seenHere.has(sig)) continue;
      seenHere.add(sig);
      records.push({ ...f, phase, index, label, signature: sig, repeat: known.has(sig), chars: text.length });
      known.add(sig);
    }
    const fresh = records.filter((r) => !r.repeat);
    const target = fresh.find((r) => r.stage !== 'time') ?? fresh[0];
    if (target && phase === 'fuzz' && job.write && written < job.maxWritten) {
      written++;
      // Cheap shrinking: lines, then characters of a small rest, while the same failure remains (a slow lint
      // stays a slow lint: one measurement over one and a half times the budget).
      const probe = { ...options, skipTiming: true };
      const same = (candidate: string): boolean => {
        post({ type: 'input', phase, index, label: `${label} (minimising)`, text: candidate });
        if (target.stage === 'time') return Math.min(...Object.values(timeLint(candidate))) > job.budgetMs * 1.5;
        return exercise(candidate, probe).failures.some((g) => signature(g) === target.signature);
      };
      const keep = minimise(text, same, job.minimiseMs).text;
      const fixture = writeFixture(job.fixturesDir, `${job.seed}-${index}`, keep);
      for (const r of fresh) Object.assign(r, { fixture, minimisedChars: keep.length });
    }
    for (const record of records) post({ type: 'failure', record });
    // After every text, so that the runner still has the counts when a later text hangs and it stops this worker.
    post({ type: 'progress', stats });
  };

  if (job.files.length > 0) {
    job.files.forEach((file, i) => {
      const text = fs.readFileSync(file, 'utf8');
      const exact = file.endsWith('.json') ? (JSON.parse(text) as { text?: unknown }).text : text;
      run('file', i, file, typeof exact === 'string' ? exact : '');
    });
    post({ type: 'done', stats });
    return;
  }

  if (job.replay) {
    readFixtures(job.fixturesDir).forEach((fx, i) => {
      if (i >= job.replayFrom) run('replay', i, `fixture ${fx.name}`, fx.text);
    });
  }

  if (job.corpusDir) {
    const corpus = readCorpus(job.corpusDir);
    if (job.only !== undefined) {
      const input = makeInput(job.seed, job.only, corpus.texts, corpus.names);
      post({ type: 'log', line: `input ${job.only}: ${input.label} (${input.text.length} chars)` });
      run('fuzz', job.only, input.label, input.text);
    } else {
      for (let index = job.startIndex; Date.now() < job.deadline; index++) {
        const input = makeInput(job.seed, index, corpus.texts, corpus.names);
        run('fuzz', index, `#${index} ${input.label}`, input.text);
      }
    }
  }
  post({ type: 'done', stats });
}

if (parentPort) {
  main(workerData as Job).catch((e: unknown) => {
    post({ type: 'log', line: `worker crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    process.exit(3);
  });
}
