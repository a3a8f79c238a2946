import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../paths';

/** The bundled CLI, as `npm run build` writes it and `bin` installs it (`BULKHEAD_DIST`: another build folder). */
export const CLI = path.join(process.env.BULKHEAD_DIST ? path.resolve(process.env.BULKHEAD_DIST) : path.join(REPO_ROOT, 'dist'), 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …` in a folder; stdout is a pipe, so never a TTY. */
export function cli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = { NO_COLOR: '1' }): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh folder under the OS temp folder, filled with files (path → text or bytes). */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulkhead-cli-'));
  for (const [rel, content] of Object.entries(files)) write(dir, rel, content);
  return dir;
}

export function write(dir: string, rel: string, content: string | Buffer): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
}

export function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A Node app: root by default (BH001, unsafe fix) and ADD of a plain file (BH004, safe fix). */
export const APP = 'FROM node:20.11-bookworm-slim\nWORKDIR /app\nADD package.json ./\nCOPY src/ ./\nCMD ["node", "server.js"]\n';
/**
 * sshd installed and port 22 exposed (BH003 twice, unsafe fixes); a numeric non-root USER. Its apt-get line also
 * leaves the package lists (BH102, unsafe fix), installs recommended packages (BH101, info, unsafe fix) and
 * installs packages without a version (BH104, info, no fix).
 */
export const SSH = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl openssh-server\nEXPOSE 22 8080\nUSER 1000\n';
/** Nothing to find. */
export const CLEAN = 'FROM alpine:3.20\nUSER 65532:65532\nCMD ["true"]\n';

/** What `bulkhead lint` prints for SSH saved as svc/api.Dockerfile, one line per finding, in order. */
export const SSH_LINES = [
  'svc/api.Dockerfile:2:5: warning BH102 apt-lists-left: apt-get update leaves the package lists in the image. [unsafe fix]',
  'svc/api.Dockerfile:2:23: info BH101 no-install-recommends: apt-get install also installs recommended packages. [unsafe fix]',
  'svc/api.Dockerfile:2:23: info BH104 unpinned-system-package: apt-get install installs curl, openssh-server without a version.',
  'svc/api.Dockerfile:2:47: error BH003 sshd: Installs the SSH server "openssh-server". [unsafe fix]',
  'svc/api.Dockerfile:3:8: error BH003 sshd: Exposes port 22, the SSH port. [unsafe fix]',
];
