import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ManifestCommand, RuntimeManifest } from '../../shared/src/protocol';
import type { ImageConfig } from './toolchain';

/** The label buildah puts on every image it builds; it is the tool's, not the Dockerfile's. */
const TOOL_LABELS = new Set(['io.buildah.version']);

const nonEmpty = (a: readonly string[] | null | undefined): string[] | null => (a && a.length > 0 ? [...a] : null);
const keys = (o: Record<string, unknown> | null | undefined): string[] => Object.keys(o ?? {}).sort();
const show = (v: unknown): string => JSON.stringify(v);

/** Go's duration text (`1m30s`, `500ms`) in nanoseconds, as the image stores it. */
export function nanoseconds(duration: string): number | null {
  const units: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== duration) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2] ?? ''] ?? 0), 0);
}

function envMap(env: readonly string[] | null | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env ?? []) {
    const i = e.indexOf('=');
    m.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
  }
  return m;
}

/**
 * A command as buildah stores it. The manifest follows Docker, which runs a shell-form CMD or ENTRYPOINT with the
 * stage's SHELL; buildah 1.28 always stores `/bin/sh -c` there, whatever SHELL says. So the image is compared with
 * `/bin/sh -c` and the command line, and the manifest's own `effective` is checked against its SHELL.
 */
function asBuilt(cmd: ManifestCommand | null, shell: readonly string[], out: string[]): string[] | null {
  if (!cmd) return null;
  if (cmd.form === 'exec') return cmd.effective;
  const line = cmd.command[0] ?? '';
  if (show(cmd.effective) !== show([...shell, line])) out.push(`line ${cmd.line + 1}: effective ${show(cmd.effective)} is not the final SHELL ${show(shell)} with the command`);
  return ['/bin/sh', '-c', line];
}

/** `7000-7001/tcp` as `7000/tcp` and `7001/tcp` (buildah stores a range as one key, Docker one key per port). */
function expandPorts(ports: readonly string[]): string[] {
  return ports
    .flatMap((p) => {
      const range = /^(\d+)-(\d+)\/(\w+)$/.exec(p);
      if (!range) return [p];
      const [from, to] = [Number(range[1]), Number(range[2])];
      return to >= from && to - from < 1000 ? Array.from({ length: to - from + 1 }, (_, i) => `${from + i}/${range[3] ?? 'tcp'}`) : [p];
    })
    .sort();
}

function healthTest(test: ManifestCommand | null): string[] | null {
  if (!test) return null;
  return test.form === 'exec' ? ['CMD', ...test.command] : ['CMD-SHELL', test.command[0] ?? ''];
}

/**
 * Where the runtime manifest and the built image disagree, field by field; the image is the oracle. `base` is the
 * configuration of the image the final stage starts from: what the Dockerfile does not set, the image inherits.
 */
export function manifestDisagreements(m: RuntimeManifest, image: ImageConfig, base: ImageConfig): string[] {
  const out: string[] = [];
  const differ = (field: string, manifest: unknown, img: unknown): void => {
    if (show(manifest) !== show(img)) out.push(`${field}: manifest ${show(manifest)}, image ${show(img)}`);
  };

  // User: no USER anywhere means the base image's user, root for the bases used here.
  const imageUser = image.User ?? '';
  if (m.user.value !== null) differ('user', m.user.value, imageUser === '' && m.user.source === 'default' ? 'root' : imageUser);
  if (m.user.uid !== null && /^\d+/.test(imageUser)) differ('user.uid', m.user.uid, Number(imageUser.split(':')[0]));
  if (m.user.gid !== null && /^\d+:\d+$/.test(imageUser)) differ('user.gid', m.user.gid, Number(imageUser.split(':')[1]));

  differ('ports', expandPorts(m.ports.map((p) => (p.port !== null ? `${p.port}/${p.protocol}` : `${p.written.split('/')[0] ?? ''}/${p.protocol}`))), expandPorts(keys(image.ExposedPorts)));
  differ('volumes', m.volumes.map((v) => v.path).sort(), keys(image.Volumes));
  differ('workdir', m.workdir ?? '', image.WorkingDir ?? '');
  differ('shell', m.shell, nonEmpty(image.Shell) ?? ['/bin/sh', '-c']);
  differ('stopSignal', m.stopSignal ?? '', image.StopSignal ?? '');

  // Entrypoint and command as they will execute. ENTRYPOINT in the Dockerfile resets an inherited CMD.
  differ('entrypoint', asBuilt(m.entrypoint, m.shell, out) ?? nonEmpty(base.Entrypoint), nonEmpty(image.Entrypoint));
  const inheritedCmd = m.entrypoint ? null : nonEmpty(base.Cmd);
  differ('cmd', asBuilt(m.cmd, m.shell, out) ?? inheritedCmd, nonEmpty(image.Cmd));

  // Environment: what the Dockerfile sets (names always, values unless masked), and nothing else on top of the base.
  const imageEnv = envMap(image.Env);
  const baseEnv = envMap(base.Env);
  for (const e of m.env) {
    if (!imageEnv.has(e.name)) out.push(`env: manifest has ${e.name}, the image does not`);
    else if (!e.masked && e.value !== null) differ(`env ${e.name}`, e.value, imageEnv.get(e.name));
    else if (e.masked && (imageEnv.get(e.name) ?? '') === '') out.push(`env ${e.name}: masked in the manifest, empty in the image`);
  }
  const named = new Set(m.env.map((e) => e.name));
  for (const [name, value] of imageEnv) {
    if (!named.has(name) && baseEnv.get(name) !== value) out.push(`env: the image sets ${name}=${value}, the manifest does not list it`);
  }

  // Labels the Dockerfile sets: the image's, less the base image's and the build tool's.
  const baseLabels = base.Labels ?? {};
  const imageLabels = Object.fromEntries(
    Object.entries(image.Labels ?? {}).filter(([k, v]) => !TOOL_LABELS.has(k) && baseLabels[k] !== v).sort(([a], [b]) => a.localeCompare(b)),
  );
  const manifestLabels = Object.fromEntries(m.labels.map((l) => [l.key, l.value] as const).sort(([a], [b]) => a.localeCompare(b)));
  differ('labels', manifestLabels, imageLabels);

  // Healthcheck: the test, and the timings the image stores in nanoseconds.
  const hc = image.Healthcheck ?? null;
  if (!m.healthcheck) differ('healthcheck', null, hc ? hc.Test ?? null : null);
  else if (m.healthcheck.disabled) differ('healthcheck', ['NONE'], hc?.Test ?? null);
  else {
    differ('healthcheck.test', healthTest(m.healthcheck.test), hc?.Test ?? null);
    const timing = (field: string, written: string | null, stored: number | undefined): void => {
      if (written !== null) differ(`healthcheck.${field}`, nanoseconds(written), stored ?? 0);
      else if ((stored ?? 0) !== 0) out.push(`healthcheck.${field}: manifest none, image ${String(stored)}`);
    };
    timing('interval', m.healthcheck.interval, hc?.Interval);
    timing('timeout', m.healthcheck.timeout, hc?.Timeout);
    timing('startPeriod', m.healthcheck.startPeriod, hc?.StartPeriod);
    differ('healthcheck.retries', m.healthcheck.retries ?? 0, hc?.Retries ?? 0);
  }
  return out;
}

export interface TreeEntry {
  /** Type, permission bits, and size plus SHA-256 for a file or the target for a link. */
  shape: string;
  owner: string;
}

/** Every entry under `dir` of a mounted image, by path relative to it. */
export function tree(root: string, dir: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  const base = path.join(root, dir);
  const walk = (rel: string): void => {
    const p = path.join(base, rel);
    const st = fs.lstatSync(p);
    const mode = (st.mode & 0o7777).toString(8);
    const owner = `${st.uid}:${st.gid}`;
    if (st.isSymbolicLink()) entries.set(rel, { shape: `link ${fs.readlinkSync(p)}`, owner });
    else if (st.isDirectory()) {
      entries.set(rel, { shape: `dir ${mode}`, owner });
      for (const name of fs.readdirSync(p).sort()) walk(rel === '.' ? name : `${rel}/${name}`);
    } else {
      const sum = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
      entries.set(rel, { shape: `file ${mode} ${st.size} ${sum}`, owner });
    }
  };
  walk('.');
  return entries;
}
