import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../paths';

/**
 * The real image toolchain of `npm run test:images`: buildah builds, podman runs, both on the project's own
 * container storage under .tools/containers (scripts/images/env.sh passes the same flags to the same tools).
 */
export const REPO = REPO_ROOT;
export const STORE = path.join(REPO, '.tools', 'containers');
export const CLI = path.join(REPO, 'dist', 'cli.js');

/** The images scripts/images/prepare.sh imports; the fixtures build on nothing else. */
export const BASE_IMAGES = ['docker.io/library/debian:bookworm-slim', 'docker.io/library/debian:bookworm', 'localhost/bulkhead/busybox-static:1.35'];
/** Every image the suite builds is named under this prefix, and removed after the suite. */
export const TEST_PREFIX = 'localhost/bulkhead-test/';

const storage = ['--root', path.join(STORE, 'storage'), '--runroot', path.join(STORE, 'run'), '--storage-driver', 'vfs'];
const BUILDAH = ['buildah', ...storage];
const PODMAN = ['podman', ...storage, '--tmpdir', path.join(STORE, 'tmp'), '--runtime', 'runc', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file'];
/** This kind of machine refuses to raise resource limits, so every container states its own. */
const ULIMITS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=4096:4096'];

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function toolEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TMPDIR: path.join(STORE, 'tmp'), NO_COLOR: '1' };
}

/** Runs a program to its end (no time limit of its own: mocha's timeout is the limit). */
export function exec(argv: readonly string[], options: { cwd?: string; log?: string } = {}): Promise<Run> {
  const [program = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd ?? REPO, env: toolEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => {
      const run = { status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (options.log) fs.writeFileSync(options.log, `$ ${argv.join(' ')}\n${run.stdout}\n${run.stderr}\nexit ${String(status)}\n`);
      resolve(run);
    });
  });
}

export const buildah = (args: readonly string[], options?: { cwd?: string; log?: string }): Promise<Run> => exec([...BUILDAH, ...args], options);
export const podman = (args: readonly string[], options?: { cwd?: string; log?: string }): Promise<Run> => exec([...PODMAN, ...args], options);

function fail(what: string, run: Run): Error {
  const tail = (s: string): string => s.split('\n').slice(-40).join('\n');
  return new Error(`${what} failed (exit ${String(run.status)}):\n${tail(run.stdout)}\n${tail(run.stderr)}`);
}

export async function checked(what: string, run: Promise<Run>): Promise<string> {
  const r = await run;
  if (r.status !== 0) throw fail(what, r);
  return r.stdout;
}

/** What keeps the suite from running here, in words; empty when everything is in place. */
export function missingTools(): string[] {
  const missing: string[] = [];
  for (const tool of ['buildah', 'podman', 'runc']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) missing.push(`the "${tool}" command`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) missing.push('root (buildah chroot builds and podman with runc run as root here)');
  if (!fs.existsSync(CLI)) missing.push('dist/cli.js (npm run build)');
  if (missing.length === 0) {
    for (const image of BASE_IMAGES) {
      const r = spawnSync(BUILDAH[0] ?? 'buildah', [...BUILDAH.slice(1), 'inspect', '--type', 'image', image], { stdio: 'ignore', env: toolEnv() });
      if (r.status !== 0) missing.push(`the base image ${image} in .tools/containers (bash scripts/images/prepare.sh)`);
    }
  }
  return missing;
}

export interface BuildResult {
  image: string;
  log: string;
}

/**
 * `buildah bud` in Docker format, which keeps HEALTHCHECK, SHELL and STOPSIGNAL; never pulls. Without `--layers`:
 * one commit per image is far quicker on vfs, and buildah 1.28 with `--layers` gives a WORKDIR to the owner of the
 * first `COPY --chown` into it, where Docker (and buildah without `--layers`) leave it to root.
 */
export async function build(context: string, image: string, log: string): Promise<BuildResult> {
  const r = await buildah(['bud', '--pull=never', '--isolation', 'chroot', '--layers=false', '--force-rm', '--format', 'docker', '-t', image, context], { log });
  if (r.status !== 0) throw fail(`buildah bud of ${path.join(context, 'Dockerfile')} (log: ${log})`, r);
  return { image, log };
}

/** The image configuration (Docker format) as buildah stores it. */
export interface ImageConfig {
  User?: string;
  ExposedPorts?: Record<string, unknown> | null;
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  Volumes?: Record<string, unknown> | null;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  Shell?: string[] | null;
}

export async function inspect(image: string): Promise<ImageConfig> {
  const out = await checked(`buildah inspect ${image}`, buildah(['inspect', '--type', 'image', image]));
  const parsed = JSON.parse(out) as { Docker?: { config?: ImageConfig } };
  return parsed.Docker?.config ?? {};
}

/** Gives the root folder of an image (mounted without a container; only to be read) to `use`, then unmounts it. */
export async function withRootfs<T>(image: string, use: (root: string) => Promise<T> | T): Promise<T> {
  const root = (await checked(`podman image mount ${image}`, podman(['image', 'mount', image]))).trim();
  try {
    return await use(root);
  } finally {
    await podman(['image', 'unmount', image]);
  }
}

export interface RunOptions {
  user?: string;
  hardened?: boolean;
  readOnly?: boolean;
  /**
   * A tmpfs for each path, given to the container's user with podman's `U` option: without it the tmpfs is root's,
   * mode 755, even over a folder of the image that the user owns.
   */
  tmpfs?: readonly string[];
  entrypoint?: string;
}

/**
 * `podman run --rm` without network; `hardened` adds `--cap-drop ALL` and `--security-opt no-new-privileges`. The
 * image's healthcheck is not scheduled (podman would ask systemd for a timer); the tests run it themselves.
 */
export function runContainer(image: string, args: readonly string[] = [], o: RunOptions = {}): Promise<Run> {
  const flags = ['run', '--rm', '--network', 'none', '--no-healthcheck', ...ULIMITS];
  if (o.user !== undefined) flags.push('--user', o.user);
  if (o.hardened) flags.push('--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
  if (o.readOnly) flags.push('--read-only');
  for (const dir of o.tmpfs ?? []) flags.push('--tmpfs', `${dir}:rw,nosuid,nodev,noexec,U`);
  if (o.entrypoint !== undefined) flags.push('--entrypoint', o.entrypoint);
  return podman([...flags, image, ...args]);
}

/** Removes the suite's images and the layers nothing uses any more; the base images stay. */
export async function pruneTestImages(): Promise<void> {
  await buildah(['rm', '--all']);
  const out = await buildah(['images', '--format', '{{.Name}}:{{.Tag}}']);
  const ours = out.stdout.split('\n').map((s) => s.trim()).filter((s) => s.startsWith(TEST_PREFIX));
  if (ours.length > 0) await buildah(['rmi', '--force', ...ours]);
  await buildah(['rmi', '--prune']);
}

export function storageSize(): string {
  const r = spawnSync('du', ['-sh', STORE], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\t')[0] ?? '?' : '?';
}

/** Runs the tasks at most `width` at a time, in the order given. */
export async function pool<T>(width: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i];
      if (task) results[i] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}
