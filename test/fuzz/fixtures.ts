import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Failing inputs are kept as fixtures in test/fuzz/fixtures/ and replayed before every run. A text is written
 * as `<seed>-<n>.Dockerfile`; when UTF-8 cannot hold it exactly (a lone surrogate), `<seed>-<n>.json` next to it
 * holds the exact string as `{ "text": … }`, and replay reads that one.
 */

export interface Fixture {
  name: string;
  text: string;
}

export function readFixtures(dir: string): Fixture[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir).sort();
  const out: Fixture[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (name.endsWith('.json')) {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { text?: unknown };
      if (typeof parsed.text === 'string') out.push({ name, text: parsed.text });
    } else if (name.endsWith('.Dockerfile') && !names.includes(name.replace(/\.Dockerfile$/, '.json'))) {
      out.push({ name, text: fs.readFileSync(file, 'utf8') });
    }
  }
  return out;
}

/** Writes a failing text; returns the path of the file replay will read. */
export function writeFixture(dir: string, name: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.Dockerfile`);
  fs.writeFileSync(file, text, 'utf8');
  if (Buffer.from(text, 'utf8').toString('utf8') !== text) {
    const json = path.join(dir, `${name}.json`);
    fs.writeFileSync(json, `${JSON.stringify({ text })}\n`, 'utf8');
    return json;
  }
  return file;
}

/** Every file of the corpus folder, sorted, as [relative name, text]. */
export function readCorpus(dir: string): { names: string[]; texts: string[] } {
  const names: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) names.push(path.relative(dir, p));
    }
  };
  walk(dir);
  names.sort();
  return { names, texts: names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8')) };
}
