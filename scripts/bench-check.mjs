// Reads the JSON of `node dist/bench.js --json` and of `node dist/bench.js --lsp --json` (files named on the
// command line, or standard input) and prints each target: met, MISSED or n/a. Exits 1 when one was missed, so
// a person can run it after a benchmark; it is not a test and CI does not run it (timings vary with the machine).
import { readFileSync } from 'node:fs';

const inputs = process.argv.slice(2);
const texts = inputs.length > 0 ? inputs.map((f) => readFileSync(f, 'utf8')) : [readFileSync(0, 'utf8')];
let missed = 0;
let seen = 0;
for (const text of texts) {
  const report = JSON.parse(text);
  for (const t of report.targets ?? []) {
    seen++;
    if (t.met === false) missed++;
    console.log(`${t.met === undefined ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.value}`);
  }
}
console.log(seen === 0 ? 'No targets in the input: was it made with --json?' : `${seen - missed} of ${seen} targets met${missed ? `, ${missed} missed` : ''}.`);
process.exit(missed > 0 || seen === 0 ? 1 : 0);
