/**
 * The peers of the whole-process benchmark row, as a user would write them: one Node process that reads each
 * file and prints what it found as one JSON document.
 *
 *   node dist/bench-peer.js validate FILES…   dockerfile-utils validate (the syntax check of VS Code's Docker extensions)
 *   node dist/bench-peer.js parse FILES…      dockerfile-ast parse alone (the floor)
 */
import * as fs from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

const [mode, ...files] = process.argv.slice(2);
const check = mode === 'validate' ? (text: string): unknown => validate(text) : mode === 'parse' ? (text: string): unknown => DockerfileParser.parse(text).getInstructions().length : undefined;
if (!check) {
  process.stderr.write('usage: bench-peer validate|parse FILES…\n');
  process.exit(2);
}
const results: { path: string; result: unknown }[] = [];
for (const file of files) results.push({ path: file, result: check(fs.readFileSync(file, 'utf8')) });
process.stdout.write(`${JSON.stringify({ files: results }, null, 2)}\n`);
