import type { Healthcheck, Label } from 'dockerfile-ast';
import type {
  ManifestCommand,
  ManifestEnv,
  ManifestHealthcheck,
  ManifestImage,
  ManifestLabel,
  ManifestPort,
  ManifestStage,
  ManifestTrustItem,
  ManifestUser,
  ManifestVolume,
  RuntimeManifest,
} from '../../../shared/src/protocol';
import type { BaseImage, DockerfileModel, Instr, Stage } from '../model/document';
import { argumentsStart, parseExecForm, shellText, stageChain } from '../model/document';
import { substitute } from '../model/variables';
import { findRule } from '../rules/index';
import type { Finding } from '../rules/types';

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth|access[_-]?key|session[_-]?key|signing[_-]?key)/i;
export const MASK = '••••••••';

/** What a container of the final stage runs as: user, ports, volumes, commands, environment. */
export function buildManifest(model: DockerfileModel, findings: readonly Finding[] = []): RuntimeManifest {
  const final = model.finalStage;
  const manifest: RuntimeManifest = {
    version: 1,
    finalStage: final ? final.index : null,
    stages: model.stages.map((s) => stageSummary(s)),
    baseImages: [],
    user: userOf(final),
    ports: [],
    volumes: [],
    workdir: null,
    entrypoint: null,
    cmd: null,
    shell: ['/bin/sh', '-c'],
    healthcheck: null,
    env: [],
    labels: [],
    stopSignal: null,
    trust: [],
    findings: findings.map((f) => ({ code: f.code, name: f.name, severity: f.severity, message: f.message, line: f.range.start.line })),
  };
  if (!final) return manifest;
  const chain = stageChain(final).reverse();
  manifest.baseImages = stageChain(final).map((s) => image(s.base, s));
  const env = new Map<string, ManifestEnv>();
  const labels = new Map<string, ManifestLabel>();
  for (const stage of chain) {
    let cmdSet = false;
    for (const instr of stage.instructions) {
      switch (instr.keyword) {
        case 'EXPOSE':
          manifest.ports.push(...ports(instr));
          break;
        case 'VOLUME':
          manifest.volumes.push(...volumes(model, instr));
          break;
        case 'WORKDIR': {
          const dir = substitute(instr.node.getArgumentsContent()?.trim() ?? '', instr.scope).value;
          if (dir === null) manifest.workdir = null;
          else manifest.workdir = dir.startsWith('/') ? dir : `${manifest.workdir ?? ''}/${dir}`.replace(/\/{2,}/g, '/');
          break;
        }
        case 'SHELL': {
          const start = argumentsStart(model, instr);
          const exec = start === undefined ? null : parseExecForm(model.text, start, instr.end);
          if (exec) manifest.shell = exec.strings.map((s) => s.value);
          break;
        }
        case 'ENTRYPOINT':
          manifest.entrypoint = command(model, instr, manifest.shell);
          if (!cmdSet) manifest.cmd = null;
          break;
        case 'CMD':
          manifest.cmd = command(model, instr, manifest.shell);
          cmdSet = true;
          break;
        case 'HEALTHCHECK':
          manifest.healthcheck = healthcheck(model, instr, manifest.shell);
          break;
        case 'ENV':
          for (const [name, v] of instr.declares) {
            const masked = SECRET_NAME.test(name);
            env.set(name, { name, value: masked ? MASK : (v.value ?? null), masked, line: instr.line });
          }
          break;
        case 'LABEL':
          for (const p of (instr.node as Label).getProperties()) {
            const key = p.getName();
            // The builder substitutes ARG and ENV variables in LABEL values, as in ENV. A variable no instruction
            // declares may be the base image's ENV: the value is then unknown and stays as written.
            const raw = p.getValue() ?? '';
            const value = substitute(raw, instr.scope, { undeclaredUnknown: instr.stage?.base.kind !== 'scratch' }).value;
            labels.set(key, { key, value: value ?? raw, line: instr.line });
          }
          break;
        case 'STOPSIGNAL':
          manifest.stopSignal = instr.node.getArgumentsContent()?.trim() ?? null;
          break;
        default:
          break;
      }
    }
  }
  manifest.env = [...env.values()];
  manifest.labels = [...labels.values()];
  manifest.trust = trustItems(model, chain, findings);
  return manifest;
}

/**
 * The "Secrets and trust" section: the findings of the rules that declare a part of it, and each other
 * secret-looking ENV or ARG name the final stage declares (ENV values are in the image; ARG values in its build
 * history when a RUN uses them), in line order.
 */
function trustItems(model: DockerfileModel, chain: readonly Stage[], findings: readonly Finding[]): ManifestTrustItem[] {
  const items: ManifestTrustItem[] = [];
  for (const f of findings) {
    const kind = findRule(f.code)?.trust;
    if (!kind) continue;
    const [start, end] = model.offsets(f.range);
    // The words under the finding (a name, a flag, a path); a path that says nothing alone (`.`, `./`) gets its line.
    let text = model.text.slice(start, end).split(/\r?\n/)[0]?.trim() ?? '';
    if (/^[./*]*$/.test(text)) text = model.lines.lineText(f.range.start.line).trim();
    items.push({ kind, subject: text === '' ? f.name : text.length > 60 ? `${text.slice(0, 59)}…` : text, detail: f.message, code: f.code, line: f.range.start.line });
  }
  // A name a rule reported already is listed once, with the rule's reason.
  const reported = new Set(items.map((i) => `${i.line}:${i.subject}`));
  for (const stage of chain) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      for (const [name] of instr.declares) {
        if (!SECRET_NAME.test(name) || reported.has(`${instr.line}:${name}`)) continue;
        items.push({
          kind: 'secret',
          subject: name,
          detail: instr.keyword === 'ENV' ? 'The name looks like a secret: an ENV value is stored in the image config.' : 'The name looks like a secret: a build argument used by a RUN is kept in the image history.',
          code: null,
          line: instr.line,
        });
      }
    }
  }
  return items.sort((a, b) => a.line - b.line);
}

function image(base: BaseImage, stage: Stage): ManifestImage {
  const common = { written: base.written, platform: stage.platform, line: stage.from.line };
  switch (base.kind) {
    case 'image':
      return { ...common, kind: 'image', resolved: base.text, registry: base.ref.registry, repository: base.ref.repository, tag: base.ref.tag, digest: base.ref.digest, stage: null };
    case 'stage':
      return { ...common, kind: 'stage', resolved: base.written, registry: null, repository: null, tag: null, digest: null, stage: base.stage.name ?? String(base.stage.index) };
    case 'scratch':
      return { ...common, kind: 'scratch', resolved: 'scratch', registry: null, repository: null, tag: null, digest: null, stage: null };
    default:
      return { ...common, kind: 'unknown', resolved: null, registry: null, repository: null, tag: null, digest: null, stage: null };
  }
}

function stageSummary(s: Stage): ManifestStage {
  return { index: s.index, name: s.name, base: image(s.base, s), os: s.os, isFinal: s.isFinal, user: s.user.value ?? (s.user.isRoot ? 'root' : null), line: s.from.line };
}

function userOf(final: Stage | undefined): ManifestUser {
  if (!final) return { value: null, user: null, group: null, uid: null, gid: null, isRoot: null, numeric: false, source: 'default', line: null };
  const u = final.user;
  const user = u.user ?? (u.source === 'default' ? 'root' : null);
  const num = (v: string | null): number | null => (v !== null && /^\d+$/.test(v) ? Number(v) : null);
  const uid = user === 'root' ? 0 : num(user);
  return {
    value: u.value ?? (u.source === 'default' ? 'root' : null),
    user,
    group: u.group,
    uid,
    // root's primary group is root; another user's group without /etc/passwd is unknown here.
    gid: u.group === 'root' || (u.group === null && uid === 0) ? 0 : num(u.group),
    isRoot: u.isRoot ?? null,
    numeric: num(u.user) !== null,
    source: u.source,
    line: u.instr?.line ?? null,
  };
}

function ports(instr: Instr): ManifestPort[] {
  return instr.args.map((a) => {
    const written = a.getValue();
    const value = substitute(written, instr.scope).value;
    const [port = '', proto = 'tcp'] = (value ?? '').split('/');
    const protocol = proto.toLowerCase() === 'udp' ? 'udp' : proto.toLowerCase() === 'sctp' ? 'sctp' : 'tcp';
    return { port: /^\d+$/.test(port) ? Number(port) : null, written, protocol, line: instr.line };
  });
}

function volumes(model: DockerfileModel, instr: Instr): ManifestVolume[] {
  const start = argumentsStart(model, instr);
  if (start === undefined) return [];
  const exec = parseExecForm(model.text, start, instr.end);
  const paths = exec ? exec.strings.map((s) => s.value) : instr.args.map((a) => a.getValue());
  return paths.map((p) => ({ path: substitute(p, instr.scope).value ?? p, line: instr.line }));
}

function command(model: DockerfileModel, instr: Instr, shell: string[], from?: number): ManifestCommand | null {
  const start = from ?? argumentsStart(model, instr);
  if (start === undefined) return null;
  const exec = parseExecForm(model.text, start, instr.end);
  if (exec) {
    const argv = exec.strings.map((s) => s.value);
    return { form: 'exec', command: argv, effective: argv, line: instr.line };
  }
  const line = shellText(model, start, instr.end).replace(/\s{2,}/g, ' ').trim();
  return { form: 'shell', command: [line], effective: [...shell, line], line: instr.line };
}

function healthcheck(model: DockerfileModel, instr: Instr, shell: string[]): ManifestHealthcheck {
  const node = instr.node as Healthcheck;
  const flags = new Map(node.getFlags().map((f) => [f.getName().toLowerCase(), f.getValue()]));
  const sub = node.getSubcommand();
  const result: ManifestHealthcheck = {
    disabled: false,
    test: null,
    interval: flags.get('interval') ?? null,
    timeout: flags.get('timeout') ?? null,
    startPeriod: flags.get('start-period') ?? null,
    startInterval: flags.get('start-interval') ?? null,
    retries: /^\d+$/.test(flags.get('retries') ?? '') ? Number(flags.get('retries')) : null,
    line: instr.line,
  };
  if (!sub || sub.getValue().toUpperCase() === 'NONE') return { ...result, disabled: true };
  const rest = model.lines.offsetAt(sub.getRange().end);
  let i = rest;
  while (i < instr.end && /\s/.test(model.text[i] ?? '')) i++;
  result.test = command(model, instr, shell, i);
  return result;
}
