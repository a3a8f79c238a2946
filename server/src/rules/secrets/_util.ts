import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instr, Stage } from '../../model/document';
import { stageChain } from '../../model/document';
import { copyParts, resolveWord } from '../instructions/_util';
import type { ShellWord } from '../../model/shell';
import type { Reference, RuleOption } from '../types';

/** References shared by the rules of this family. */
export const SECRET_REFS: readonly Reference[] = [
  { standard: 'CIS Docker Benchmark v1.6.0', id: '4.10', title: 'Ensure secrets are not stored in Dockerfiles' },
  { standard: 'NIST SP 800-190', id: '4.1.4', title: 'Embedded clear text secrets' },
  { standard: 'CWE', id: 'CWE-538', title: 'Insertion of Sensitive Information into Externally-Accessible File or Directory', url: 'https://cwe.mitre.org/data/definitions/538.html' },
];

/** The `extra-names` option, as `buildkit/secret-env` declares it: more variable names to take for secrets. */
export const EXTRA_NAMES: Readonly<Record<string, RuleOption>> = {
  'extra-names': {
    type: 'string[]',
    default: [],
    description: 'More ARG and ENV names (compared without regard to case) to treat as secrets, as `secret-env` takes them.',
    configKey: 'secretNames',
  },
};

/** The `extra-names` option as a set of lower-case names. */
export function extraNames(options: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  const extra = options['extra-names'];
  return new Set(Array.isArray(extra) ? extra.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()) : []);
}

/**
 * Literal credentials with a recognisable shape: GitHub tokens (`ghp_…`, `github_pat_…`), AWS access key IDs
 * (`AKIA…`), Slack tokens (`xoxb-…`), GitLab personal access tokens (`glpat-…`) and PEM private keys.
 */
const TOKEN_VALUE = /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}|(?:AKIA|ASIA)[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|glpat-[A-Za-z0-9_-]{20})\b|-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

/** A cheap literal test every TOKEN_VALUE match passes, for prefilters. */
export const TOKEN_HINT = /gh[pousr]_|github_pat_|AKIA|ASIA|xox|glpat-|PRIVATE KEY/;

/** Whether a value holds a credential of a recognisable shape. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_VALUE.test(value);
}

/** Where `$NAME` or `${NAME…}` first appears in a word as written, outside single quotes. */
export function referenceIn(raw: string, name: string): { index: number; length: number } | undefined {
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && !single) i++;
    else if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (c === '$' && !single) {
      if (raw.startsWith(name, i + 1) && !/[A-Za-z0-9_]/.test(raw[i + 1 + name.length] ?? '')) return { index: i, length: 1 + name.length };
      if (raw[i + 1] === '{' && raw.startsWith(name, i + 2) && /[}:#%/+\-=?[]/.test(raw[i + 2 + name.length] ?? '')) {
        const close = raw.indexOf('}', i);
        return { index: i, length: (close < 0 ? raw.length : close + 1) - i };
      }
    }
  }
  return undefined;
}

/** The names of the variables a word as written expands (`$A`, `${B:-x}`), outside single quotes. */
export function variablesIn(raw: string): string[] {
  const out: string[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && !single) i++;
    else if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
    else if (c === '$' && !single) {
      const m = /^\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(raw.slice(i + 1));
      if (m) out.push(m[1] ?? '');
    }
  }
  return out;
}

/** The offsets of a reference in a word, exact when the word is written as it reads, else the whole word. */
export function referenceSpan(word: ShellWord, ref: { index: number; length: number }): { start: number; end: number } {
  if (word.end - word.start !== word.raw.length) return { start: word.start, end: word.end };
  return { start: word.start + ref.index, end: word.start + ref.index + ref.length };
}

/** The path a path joins to a folder, normalised (`/app` + `./x/../y` → `/app/y`). */
export function joinPath(dir: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${dir}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

/** The instructions of a stage and of the stages it builds on, parents first. */
export function lineage(stage: Stage): Instr[] {
  return stageChain(stage)
    .reverse()
    .flatMap((s) => s.instructions);
}

/** PEM files that hold certificates, not keys: `ca.pem`, `cert.pem`, `fullchain.pem`, `server-pub.pem`. */
const CERTIFICATE = /(?:^|[._-])(?:ca|cacert|cert|certs|certificate|chain|fullchain|bundle|pub|public|dhparam|dhparams)(?:[._-]|$)/i;

/** `.key` files that hold public package-signing keys: `nginx_signing.key`, `repo.gpg.key`, `apt.key`. */
const PUBLIC_KEY = /(?:^|[._-])(?:gpg|pgp|signing|apt|repo|release|archive|keyring|pub|public)(?:[._-]|$)/i;

/**
 * What kind of credential a path names, by its name (`id_rsa` → "a private SSH key"), or undefined. Globs are
 * read as written: `*.pem` names PEM files.
 */
export function credentialKind(path: string): string | undefined {
  const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)$/.test(base)) return 'a private SSH key';
  if (base === '.ssh') return 'an SSH folder';
  if (/\.(?:p12|pfx)$/i.test(base)) return 'a PKCS#12 key store';
  if (/\.key$/i.test(base) && !PUBLIC_KEY.test(base.slice(0, -4))) return 'a private key';
  if (/\.pem$/i.test(base) && !CERTIFICATE.test(base.slice(0, -4))) return 'a PEM key file';
  if (base === '.env' || (/^\.env\./.test(base) && !/^\.env\.(?:example|sample|template|dist)$/i.test(base))) return 'an environment file';
  if (base === '.npmrc') return 'an npm credentials file';
  if (base === '.pypirc') return 'a PyPI credentials file';
  if (base === '.netrc') return 'a netrc credentials file';
  if (base === '.git-credentials') return 'a git credentials file';
  if (base === 'kubeconfig' || /(?:^|\/)\.kube\/config$/.test(p)) return 'a kubeconfig';
  if (/(?:^|\/)\.aws\/credentials$/.test(p)) return 'an AWS credentials file';
  if (/(?:^|\/)\.docker\/config\.json$/.test(p)) return 'a Docker registry credentials file';
  return undefined;
}

/**
 * The working folder each instruction runs in (WORKDIR values resolved and joined, a stage starting from its
 * parent's); null where a WORKDIR's value is unknown before the build.
 */
export function workdirs(model: DockerfileModel): Map<Instr, string | null> {
  const out = new Map<Instr, string | null>();
  const last = new Map<Stage, string | null>();
  for (const instr of model.instructions) {
    const stage = instr.stage;
    if (!stage) continue;
    let dir: string | null = instr.keyword === 'FROM' ? (stage.parent ? (last.get(stage.parent) ?? '/') : '/') : (last.get(stage) ?? '/');
    if (instr.keyword === 'WORKDIR') {
      const written = resolveWord(model, instr, (instr.node.getArgumentsContent() ?? '').trim());
      dir = written === null || dir === null ? (written !== null && written.startsWith('/') ? joinPath('/', written) : null) : joinPath(dir, written);
    }
    last.set(stage, dir);
    out.set(instr, dir);
  }
  return out;
}

/** Where a path a command or COPY names lands, against the working folder; null when unknown (`~`, a variable, an unknown WORKDIR). */
export function absolute(path: string, workdir: string | null | undefined): string | null {
  if (path.startsWith('/')) return joinPath('/', path);
  if (path.startsWith('~') || workdir === null || workdir === undefined) return null;
  return joinPath(workdir, path);
}

/** A credential file a COPY or ADD puts into a stage. */
export interface CopiedCredential {
  instr: Instr;
  stage: Stage;
  /** The source as resolved, its range, and what kind of credential it names. */
  source: string;
  range: Range;
  kind: string;
  /** Where it lands in the stage's file system; null when unknown. */
  path: string | null;
  /** How many sources the instruction has. */
  sources: number;
}

/** URLs and git sources of ADD: their file name is the server's business. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;

/** The sources of a COPY or ADD, resolved, remote ones and heredocs left out; with the destination. */
export function copySources(model: DockerfileModel, instr: Instr): { sources: { value: string; range: Range }[]; dest: string | null } | undefined {
  const parts = copyParts(model, instr);
  if (parts.heredoc || !parts.dest) return undefined;
  const sources: { value: string; range: Range }[] = [];
  for (const s of parts.sources) {
    const value = resolveWord(model, instr, s.value);
    if (value === null || REMOTE.test(value)) continue;
    sources.push({ value, range: s.range });
  }
  return { sources, dest: resolveWord(model, instr, parts.dest.value) };
}

/** A literal test every credential source passes (or a variable that may name one). */
export const CREDENTIAL_HINT = /id_|\.ssh|\.key|\.pem|\.p12|\.pfx|\.env|rc\b|credentials|config|\$/i;

/** A literal test every credential file name passes, for prefilters of RUNs that write files. */
export const CREDENTIAL_NAME_HINT = /id_(?:rsa|dsa|ecdsa|ed25519)|\.ssh|\.key|\.pem|\.p12|\.pfx|\.env|npmrc|pypirc|netrc|git-credentials|\.aws|\.docker|kube/i;

/** Every credential file COPY and ADD put into any stage, in document order. */
export function copiedCredentials(model: DockerfileModel, dirs: () => ReadonlyMap<Instr, string | null>): CopiedCredential[] {
  const out: CopiedCredential[] = [];
  for (const instr of model.instructions) {
    if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || !instr.stage) continue;
    if (!CREDENTIAL_HINT.test(model.text.slice(instr.start, instr.end))) continue;
    const parts = copySources(model, instr);
    if (!parts) continue;
    for (const s of parts.sources) {
      const kind = credentialKind(s.value);
      if (kind === undefined) continue;
      let path: string | null = null;
      if (parts.dest !== null) {
        const base = s.value.replace(/\/+$/, '').split('/').pop() ?? '';
        const folder = parts.dest.endsWith('/') || /(?:^|\/)\.\.?$/.test(parts.dest) || parts.sources.length > 1;
        path = absolute(folder ? `${parts.dest}/${base}` : parts.dest, dirs().get(instr));
      }
      out.push({ instr, stage: instr.stage, source: s.value, range: s.range, kind, path, sources: copyParts(model, instr).sources.length });
    }
  }
  return out;
}
