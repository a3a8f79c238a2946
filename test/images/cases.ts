import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RuntimeManifest } from '../../shared/src/protocol';
import { CLI, REPO, TEST_PREFIX } from './toolchain';

export const FIXTURES = path.join(REPO, 'test', 'images', 'fixtures');

/** One fixture: a folder with a Dockerfile and the files it copies, and what the fixed image must show. */
export interface CaseSpec {
  name: string;
  /** Archives the test packs before building: file name in the context → folder of the fixture it holds. */
  archives?: Record<string, string>;
  /** Titles of the fixes `lint --fix --unsafe-fixes` must report. */
  fixes: string[];
  /** The numeric `uid:gid` the fixed image runs as. */
  user: string;
  /** What the image's own command prints when it starts under the hardened settings. */
  starts: RegExp;
  /** Paths in the fixed image that the fix gave to the user: owned by it and writable by it. */
  owned: string[];
  /** Paths of the fixed image the user must not be able to write. */
  readOnly: string[];
  /** Destinations of ADD whose file tree and contents must be the same before and after the fix. */
  sameTrees: string[];
}

export interface Variant {
  context: string;
  dockerfile: string;
  image: string;
  manifest: RuntimeManifest;
  /** Lint findings (code → whether it has a fix the CLI applies with --fix --unsafe-fixes). */
  findings: { code: string; name: string; line: number; fixable: boolean }[];
}

export interface PreparedCase {
  spec: CaseSpec;
  original: Variant;
  fixed: Variant;
  /** What `bulkhead lint --fix --unsafe-fixes` printed, and its exit status. */
  fixOutput: string;
  fixStatus: number | null;
  /** A folder for the build logs of this case. */
  logs: string;
}

function cli(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface LintJson {
  files: { findings: { code: string; name: string; range: { start: { line: number } }; fixes?: { applicability: string }[] }[] }[];
}

function lint(context: string): Variant['findings'] {
  const r = cli(['lint', '--format', 'json', '--fail-on', 'none', 'Dockerfile'], context);
  let parsed: LintJson;
  try {
    parsed = JSON.parse(r.stdout) as LintJson;
  } catch {
    throw new Error(`bulkhead lint --format json in ${context} printed no JSON (exit ${String(r.status)}): ${r.stderr}`);
  }
  return parsed.files.flatMap((f) =>
    f.findings.map((x) => ({
      code: x.code,
      name: x.name,
      line: x.range.start.line,
      fixable: (x.fixes ?? []).some((fix) => fix.applicability === 'safe' || fix.applicability === 'unsafe'),
    })),
  );
}

function manifest(context: string): RuntimeManifest {
  const r = cli(['manifest', 'Dockerfile', '--format', 'json'], context);
  if (r.status !== 0) throw new Error(`bulkhead manifest in ${context} exited ${String(r.status)}: ${r.stderr}`);
  return JSON.parse(r.stdout) as RuntimeManifest;
}

/**
 * A tar.gz of a fixture folder that is the same bytes on every run: sorted names, owner root, time 0, and
 * gzip's header without a time (so a changed archive is a changed fixture, not a changed clock).
 */
function packArchive(folder: string, target: string): void {
  const tar = spawnSync('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--format=ustar', '-C', folder, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
  if (tar.status !== 0) throw new Error(`tar of ${folder} failed: ${tar.stderr.toString()}`);
  fs.writeFileSync(target, gzipSync(tar.stdout));
}

/** Copies the fixture twice (original, fixed), packs its archives, fixes one copy with the CLI, reads both. */
export function prepareCase(spec: CaseSpec, work: string): PreparedCase {
  const source = path.join(FIXTURES, spec.name);
  const contexts = { original: path.join(work, spec.name, 'original'), fixed: path.join(work, spec.name, 'fixed') };
  for (const dir of Object.values(contexts)) {
    fs.cpSync(source, dir, { recursive: true });
    for (const [file, folder] of Object.entries(spec.archives ?? {})) packArchive(path.join(source, folder), path.join(dir, file));
  }
  const fix = cli(['lint', '--fix', '--unsafe-fixes', '--fail-on', 'none', 'Dockerfile'], contexts.fixed);
  const logs = path.join(work, spec.name, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const variant = (which: 'original' | 'fixed'): Variant => ({
    context: contexts[which],
    dockerfile: fs.readFileSync(path.join(contexts[which], 'Dockerfile'), 'utf8'),
    image: `${TEST_PREFIX}${spec.name}:${which}`,
    manifest: manifest(contexts[which]),
    findings: lint(contexts[which]),
  });
  return { spec, original: variant('original'), fixed: variant('fixed'), fixOutput: fix.stdout + fix.stderr, fixStatus: fix.status, logs };
}

export function workFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-images-'));
}
