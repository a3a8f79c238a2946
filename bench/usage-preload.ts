/**
 * Preloaded (`node -r dist/bench-usage.js …`) into every process the whole-process row runs: at exit, writes
 * the process's own resource usage (peak resident set in KiB, CPU time in µs) to the file named by
 * BULKHEAD_BENCH_USAGE. Needs nothing but Node, on Linux and macOS alike.
 */
import * as fs from 'node:fs';

const out = process.env.BULKHEAD_BENCH_USAGE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ maxRSS: u.maxRSS, userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime }));
  });
}
