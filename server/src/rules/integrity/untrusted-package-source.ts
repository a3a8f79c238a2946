import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { DockerfileModel, Instr } from '../../model/document';
import { argumentsStart, mayHold, parseExecForm, withCarried } from '../../model/document';
import { replace } from '../../model/edits';
import { wordValue } from '../../model/run-context';
import type { ShellCommand, ShellWord } from '../../model/shell';
import { basename, unwrapCommand } from '../../model/shell';
import { downloadOf } from '../curl-pipe-shell';
import { argsOf, commandsWhere, declaredVariables, writtenText } from '../trust/_util';
import type { Arg } from '../trust/_util';
import type { Rule, RuleContext, Severity } from '../types';
import { commandHeredoc, copyHeredocs } from './_heredocs';
import type { HeredocBody } from './_heredocs';

interface Site {
  instr: Instr;
  start: number;
  end: number;
  message: string;
  edits?: TextEdit[];
  severity?: Severity;
}

const FIX = 'Remove the insecure repository option';

/** Plain HTTP to somewhere else than this machine: what passes through the network can be changed on the way. */
function plainHttp(url: string): boolean {
  const m = /^http:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  if (!m) return false;
  const host = (m[1] ?? '').toLowerCase();
  return !(host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]');
}

// ---------------------------------------------------------------------------------------------
// Text written into configuration files

/** A piece of written configuration that makes a source untrusted, and how to take it back. */
interface TextFinding {
  /** Offsets within the text. */
  start: number;
  end: number;
  what: string;
  /** What replaces [start, end) to take it back; undefined: no exact fix. */
  replacement?: string;
  /** Also reported by package-signature-check-disabled when written by echo, printf or sed. */
  signatureRule: boolean;
}

const APT_OPTIONS = /\[([^\]\n]*)\]/g;
const APT_INSECURE_OPTION = /(?:^|\s)((trusted|allow-insecure|allow-weak|allow-downgrade-to-insecure)=yes)(?=\s|$)/g;
const DEB822 = /^[ \t]*(Trusted|Allow-Insecure|Allow-Weak|Allow-Downgrade-To-Insecure):[ \t]*(yes)[ \t]*\r?$/gim;
const APT_CONF = /\b(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories)[ \t]+"(true|yes|1|on)"/gi;
const GPGCHECK = /(?:^|[\s/;|\\])((?:repo_|localpkg_)?gpgcheck[ \t]*=[ \t]*(0|false|no|off))(?!\w)/gim;
const PIP_CONF = /^[ \t]*((?:extra-)?index-url)[ \t]*[=:][ \t]*(http:\/\/\S+)/gim;
const NPMRC = /^[ \t]*((?:@[\w.-]+:)?registry)[ \t]*=[ \t]*(http:\/\/\S+)/gim;

/** Every untrusting piece of configuration in a text (a heredoc body, an echo argument). */
function untrustingText(text: string): TextFinding[] {
  const out: TextFinding[] = [];
  for (const bracket of text.matchAll(APT_OPTIONS)) {
    const inner = bracket[1] ?? '';
    const at = (bracket.index ?? 0) + 1;
    const options = inner.trim().split(/\s+/);
    for (const m of inner.matchAll(APT_INSECURE_OPTION)) {
      const opt = m[1] ?? '';
      const s = at + (m.index ?? 0) + m[0].indexOf(opt);
      const trusted = m[2] === 'trusted';
      if (options.length === 1) {
        // `[trusted=yes] `: the brackets go with the option, and the blank after them.
        let e = (bracket.index ?? 0) + bracket[0].length;
        while (text[e] === ' ' || text[e] === '\t') e++;
        out.push({ start: bracket.index ?? 0, end: e, what: opt, replacement: '', signatureRule: trusted });
      } else {
        // ` trusted=yes` inside `[arch=amd64 trusted=yes]`: the option and the blank before it.
        let b = s;
        while (b > at && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
        const first = b === at;
        let e = s + opt.length;
        if (first) while (text[e] === ' ' || text[e] === '\t') e++;
        out.push({ start: first ? s : b, end: e, what: opt, replacement: '', signatureRule: trusted });
      }
    }
  }
  for (const m of text.matchAll(DEB822)) {
    const yes = (m.index ?? 0) + m[0].lastIndexOf(m[2] ?? '');
    out.push({ start: yes, end: yes + 3, what: `${m[1] ?? ''}: yes`, replacement: 'no', signatureRule: false });
  }
  for (const m of text.matchAll(APT_CONF)) {
    const v = (m.index ?? 0) + m[0].lastIndexOf(`"${m[2] ?? ''}"`) + 1;
    out.push({ start: v, end: v + (m[2] ?? '').length, what: `${m[1] ?? ''} "${m[2] ?? ''}"`, replacement: 'false', signatureRule: false });
  }
  for (const m of text.matchAll(GPGCHECK)) {
    const opt = m[1] ?? '';
    const s = (m.index ?? 0) + m[0].indexOf(opt);
    const v = s + opt.length - (m[2] ?? '').length;
    out.push({ start: v, end: s + opt.length, what: opt.replace(/[ \t]+/g, ''), replacement: '1', signatureRule: true });
  }
  for (const re of [PIP_CONF, NPMRC]) {
    for (const m of text.matchAll(re)) {
      const url = m[2] ?? '';
      if (!plainHttp(url)) continue;
      const s = (m.index ?? 0) + m[0].lastIndexOf(url);
      out.push({ start: s, end: s + url.length, what: `${m[1] ?? ''} ${url}`, signatureRule: false });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function heredocSites(model: DockerfileModel, body: HeredocBody): Site[] {
  const text = model.text.slice(body.start, body.end);
  const into = body.target ? ` written to ${body.target}` : ' written by a heredoc';
  return untrustingText(text).map((f) => ({
    instr: body.instr,
    start: body.start + f.start,
    end: body.start + f.end,
    message: messageFor(f.what, into),
    edits: f.replacement === undefined ? undefined : [replace(model, body.start + f.start, body.start + f.end, f.replacement)],
  }));
}

function messageFor(what: string, into: string): string {
  if (/^(?:(?:extra-)?index-url|(?:@[\w.-]+:)?registry) /.test(what)) return `${what}${into} fetches packages over plain HTTP, with nothing to check them against.`;
  if (/gpgcheck/i.test(what)) return `${what}${into} turns off package signature checks for the repository.`;
  return `${what}${into} makes apt accept the repository without a valid signature.`;
}

/** Whether the RUN is in exec form, where words are JSON strings (edits inside them are not attempted). */
function execForm(model: DockerfileModel, instr: Instr): boolean {
  const start = argumentsStart(model, instr);
  return start !== undefined && parseExecForm(model.text, start, instr.end) !== null;
}

/** What echo, printf and sed write, and add-apt-repository adds, that the signature rule does not report already. */
function writerSites(ctx: RuleContext, c: IndexedCommand): Site[] {
  const model = ctx.model;
  const out: Site[] = [];
  const adds = c.name === 'add-apt-repository';
  const exec = execForm(model, c.instr);
  const redirect = c.command.redirects?.find((r) => r.op === '>' || r.op === '>>');
  const target = redirect ? wordValue(c.instr, redirect.target) : null;
  const into = adds ? ' added by add-apt-repository' : target ? ` written to ${target}` : ` written by ${c.name ?? ''}`;
  for (const a of c.args) {
    const value = wordValue(c.instr, a);
    if (value === null) continue;
    // printf turns `\n` into a line break: configuration lines are read as printf writes them.
    const text = adds ? value : c.name === 'printf' ? value.replace(/\\n/g, '\n') : writtenText(c.name ?? '', value);
    for (const f of untrustingText(text)) {
      if (f.signatureRule && !adds) continue;
      // An exact edit needs the written text as it is in the word: a plain or single-quoted word, no escapes.
      const piece = text.slice(f.start, f.end);
      const at = a.value === value && !exec && !a.raw.includes('\\') && c.name !== 'sed' ? a.raw.indexOf(piece) : -1;
      const unique = at >= 0 && a.raw.indexOf(piece, at + 1) < 0;
      out.push({
        instr: c.instr,
        start: a.start,
        end: a.end,
        message: messageFor(f.what, into),
        edits: unique && f.replacement !== undefined ? [replace(model, a.start + at, a.start + at + piece.length, f.replacement)] : undefined,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Package managers pointed at plain-HTTP indexes

const PIP = /^pip[0-9.]*$/;
const NODE_MANAGERS = new Set(['npm', 'yarn', 'pnpm']);

function httpIndex(c: IndexedCommand, a: Arg, url: string, what: string, value?: Arg): Site {
  return { instr: c.instr, start: a.word.start, end: (value ?? a).word.end, message: `${what} ${url} fetches packages over plain HTTP, with nothing to check them against.` };
}

function managerSites(c: IndexedCommand): Site[] {
  const name = c.name ?? '';
  const out: Site[] = [];
  const args = argsOf(c);
  const pip = PIP.test(name) || c.packages?.tool === 'pip';
  if (pip && args.some((a) => a.value === '--require-hashes')) return out;
  const values = args.map((a) => a.value);
  // `pip config set global.index-url URL`, `npm config set registry URL`, `yarn config set registry URL`.
  const config = values.indexOf('config');
  if (config >= 0 && values[config + 1] === 'set') {
    const key = args[config + 2];
    const val = args[config + 3];
    const keyValue = key?.value ?? '';
    const eq = keyValue.indexOf('=');
    const [k, v, last] = eq > 0 ? [keyValue.slice(0, eq), keyValue.slice(eq + 1), key] : [keyValue, val?.value ?? '', val];
    const setting = pip ? /(?:^|\.)(?:extra-)?index-url$/.test(k) : /^(?:@[\w.-]+:)?registry$/.test(k) || k === 'npmRegistryServer';
    if (key && last && setting && plainHttp(v)) out.push(httpIndex(c, key, v, `${name} config ${k}`, last));
    return out;
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') break;
    let flag: string | undefined;
    let url: string | undefined;
    let value: Arg | undefined;
    if (pip) {
      const m = /^(--index-url|--extra-index-url|-i)(?:=|(?<=^-i))(.+)$/.exec(v);
      if (m) [flag, url] = [m[1], m[2]];
      else if (v === '-i' || v === '--index-url' || v === '--extra-index-url') [flag, url, value] = [v, args[i + 1]?.value, args[i + 1]];
    } else if (NODE_MANAGERS.has(name)) {
      if (v.startsWith('--registry=')) [flag, url] = ['--registry', v.slice(11)];
      else if (v === '--registry') [flag, url, value] = [v, args[i + 1]?.value, args[i + 1]];
    } else if (name === 'gem') {
      if (v === '-s' || v === '--source' || ((v === '-a' || v === '--add') && values.includes('sources'))) [flag, url, value] = [v, args[i + 1]?.value, args[i + 1]];
      else if (v.startsWith('--source=')) [flag, url] = ['--source', v.slice(9)];
    }
    if (flag !== undefined && url !== undefined && plainHttp(url)) out.push(httpIndex(c, a, url, `${pip ? 'pip' : name} ${flag}`, value));
    if (value) i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Repository definitions and signing keys fetched over the network

const REPO_DIRS = /^\/etc\/(?:yum\.repos\.d|zypp\/repos\.d|apt\/sources\.list\.d)\/|^\/etc\/apt\/sources\.list$/;
const KEY_DIRS = /^\/(?:usr\/share\/keyrings|etc\/apt\/keyrings|etc\/apt\/trusted\.gpg\.d|etc\/pki\/rpm-gpg)\/|^\/etc\/apt\/trusted\.gpg$/;
const URL = /^(?:https?|ftp):\/\//i;

/** `yum-config-manager --add-repo URL.repo`, `dnf config-manager --add-repo URL`, `zypper ar URL.repo`: a repository definition downloaded. */
function addRepoSites(c: IndexedCommand): Site[] {
  const name = c.name ?? '';
  const args = argsOf(c);
  const out: Site[] = [];
  const dnf = /^dnf5?$/.test(name) && args.some((a) => a.value === 'config-manager');
  const zypper = name === 'zypper' && args.some((a) => a.value === 'ar' || a.value === 'addrepo');
  if (name !== 'yum-config-manager' && !dnf && !zypper) return out;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    let url: string | undefined;
    let value: Arg | undefined;
    if (a.value === '--add-repo') [url, value] = [args[i + 1]?.value, args[i + 1]];
    else if (/^--(?:add-repo|from-repofile)=/.test(a.value)) url = a.value.slice(a.value.indexOf('=') + 1);
    else if (zypper && URL.test(a.value)) url = a.value;
    if (url === undefined || !plainHttp(url)) continue;
    // A base URL makes a repository whose packages are still checked; a `.repo` file says itself whether they are.
    if (!/\.repo$/i.test(url.replace(/[?#].*$/s, '')) && !a.value.startsWith('--from-repofile')) continue;
    out.push({ instr: c.instr, start: a.word.start, end: (value ?? a).word.end, message: `${name} downloads the repository definition ${url} over plain HTTP, where its signing settings can be changed.` });
  }
  return out;
}

/** Where what a command reads on standard input goes, if it installs a signing key: `apt-key add -`, `gpg --dearmor -o <keyring>`, `tee <keyring>`, `rpm --import -`. */
function keySink(instr: Instr, cmd: ShellCommand): string | undefined {
  const { name, args } = unwrapCommand(cmd);
  if (name === null) return undefined;
  const base = basename(name);
  const values = args.map((a) => wordValue(instr, a) ?? '');
  if (base === 'apt-key' && values[0] === 'add') return 'added with apt-key add';
  if (base === 'gpg' || base === 'gpg2') {
    const o = values.findIndex((v) => v === '-o' || v === '--output');
    const out = o >= 0 ? values[o + 1] : values.find((v) => v.startsWith('--output='))?.slice(9);
    const redirect = cmd.redirects?.find((r) => r.op === '>');
    const file = out ?? (redirect ? wordValue(instr, redirect.target) : null);
    if (values.includes('--dearmor') && file && KEY_DIRS.test(file)) return `saved as ${file}`;
    return undefined;
  }
  if (base === 'tee') {
    const file = values.find((v) => !v.startsWith('-'));
    return file && KEY_DIRS.test(file) ? `saved as ${file}` : undefined;
  }
  return undefined;
}

/** Whether the RUN checks a key's fingerprint somewhere (`gpg --show-keys`, `--with-fingerprint`, `apt-key fingerprint`). */
function checksFingerprint(list: readonly IndexedCommand[]): boolean {
  return list.some((c) => {
    const n = c.name ?? '';
    const values = c.args.map((a) => a.value ?? '');
    if (n === 'apt-key') return values.some((v) => v === 'fingerprint' || v === 'finger');
    if (n === 'gpg' || n === 'gpg2') return values.some((v) => /^--(?:with-)?fingerprint$|^--show-keys?$|import-show|^--with-colons$/.test(v));
    return false;
  });
}

/** Signing keys fetched over the network: over plain HTTP they are anyone's; over HTTPS, unchecked, they are the server's. */
function keySites(c: IndexedCommand, list: readonly IndexedCommand[]): Site[] {
  const name = c.name ?? '';
  const out: Site[] = [];
  const args = argsOf(c);
  const report = (word: ShellWord, url: string, sink: string): void => {
    if (plainHttp(url)) {
      out.push({ instr: c.instr, start: word.start, end: word.end, message: `The signing key ${sink} comes from ${url} over plain HTTP, so anyone on the path can replace it.`, severity: 'error' });
    } else if (/^https:/i.test(url) && !checksFingerprint(list)) {
      out.push({ instr: c.instr, start: word.start, end: word.end, message: `The signing key ${sink} comes from ${url} and is trusted without a fingerprint check.`, severity: 'info' });
    }
  };
  if (name === 'curl' || name === 'wget') {
    const d = downloadOf(c.instr, c.command);
    if (!d?.url) return out;
    if (d.file === null) {
      // Piped into what installs it.
      const cmd = c.command;
      for (const next of cmd.pipeline.slice(cmd.pipelineIndex + 1)) {
        const sink = keySink(c.instr, next);
        if (sink) {
          report(d.url.word, d.url.value, sink);
          break;
        }
      }
    } else if (d.file !== undefined && KEY_DIRS.test(d.file)) {
      report(d.url.word, d.url.value, `saved as ${d.file}`);
    }
  } else if (name === 'rpm') {
    const i = args.findIndex((a) => a.value === '--import');
    if (i >= 0) for (const a of args.slice(i + 1)) if (URL.test(a.value) && plainHttp(a.value)) report(a.word, a.value, 'imported by rpm');
  } else if (name === 'apt-key') {
    const i = args.findIndex((a) => a.value === '--fetch-keys');
    const url = i >= 0 ? args[i + 1] : undefined;
    if (url && URL.test(url.value)) report(url.word, url.value, 'fetched by apt-key');
    const r = args.findIndex((a) => a.value === '--recv-keys' || a.value === '--recv-key' || a.value === '--recv');
    if (r >= 0) {
      for (const a of args.slice(r + 1)) {
        if (a.value.startsWith('-')) break;
        const id = a.value.replace(/^0x/i, '');
        if (/^[0-9A-Fa-f]{8}$|^[0-9A-Fa-f]{16}$/.test(id)) {
          out.push({ instr: c.instr, start: a.word.start, end: a.word.end, message: `apt-key fetches the key ${a.value} by a short ID, which other keys on the key server can share.` });
        }
      }
    }
  }
  return out;
}

/** A repository definition downloaded over plain HTTP straight into the repository folders. */
function repoFileSites(c: IndexedCommand): Site[] {
  const d = c.name === 'curl' || c.name === 'wget' ? downloadOf(c.instr, c.command) : undefined;
  if (!d?.url || !plainHttp(d.url.value) || typeof d.file !== 'string' || !REPO_DIRS.test(d.file)) return [];
  return [{ instr: c.instr, start: d.url.word.start, end: d.url.word.end, message: `${d.tool} downloads the repository definition ${d.file} from ${d.url.value} over plain HTTP, where its signing settings can be changed.` }];
}

// ---------------------------------------------------------------------------------------------
// Environment variables

/** pip reads its variables by their exact names; npm reads `npm_config_*` in any case. */
function indexVariable(name: string): boolean {
  return /^(?:PIP_INDEX_URL|PIP_EXTRA_INDEX_URL|YARN_REGISTRY)$/.test(name) || /^npm_config_registry$/i.test(name);
}

function variableSites(model: DockerfileModel): Site[] {
  const out: Site[] = [];
  for (const v of declaredVariables(model, indexVariable)) {
    if (typeof v.value !== 'string' || !plainHttp(v.value.split(/\s+/)[0] ?? '')) continue;
    out.push({ instr: v.instr, start: v.start, end: v.end, message: `${v.instr.keyword} ${v.name}=${v.value} fetches packages over plain HTTP, with nothing to check them against.` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const WRITERS = new Set(['echo', 'printf', 'sed', 'add-apt-repository']);
const REPO_TOOLS = new Set(['yum-config-manager', 'dnf', 'dnf5', 'zypper']);
const HANDLED = new Set([...WRITERS, ...REPO_TOOLS, ...NODE_MANAGERS, 'cat', 'tee', 'gem', 'curl', 'wget', 'rpm', 'apt-key']);
const PYTHON = /^python[0-9.]*$/;
/** Words every key finding implies: where the key goes (apt-key, a keyring folder, rpm) or that it comes over plain HTTP. */
const KEY_WORDS = /apt-key|keyrings|trusted\.gpg|rpm|http:/;
const REPO_WORDS = /repos\.d|sources\.list/;
/** ARG and ENV values that can put what the rule looks for behind a `$VAR`. */
const HIDDEN_WORDS = /http:|trusted|allow|gpgcheck|apt-key|keyrings|rpm|repos\.d|sources\.list/i;

export const untrustedPackageSource: Rule = {
  code: 'BH442',
  name: 'untrusted-package-source',
  category: 'supply-chain',
  severity: 'warning',
  trust: 'insecure',
  aliases: [],
  references: [
    { standard: 'CWE', id: 'CWE-494', title: 'Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
    { standard: 'CWE', id: 'CWE-319', title: 'Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
    { standard: 'CWE', id: 'CWE-345', title: 'Insufficient Verification of Data Authenticity', url: 'https://cwe.mitre.org/data/definitions/345.html' },
    { standard: 'NIST SP 800-190', id: '4.1.3', title: 'Embedded malware' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: 'A package source is set up so that what it serves is not verified: an unsigned or unchecked repository, a plain-HTTP index, an unchecked signing key.',
    attack: 'Anyone on the network path, or controlling the mirror, serves the build packages of their choosing, and the package manager installs them as root.',
    what:
      'Per package manager, what takes away the check that ties packages to their publisher. **apt** checks the signature of a repository\'s `Release` file whatever the transport, so ' +
      '`deb http://…` is not flagged; flagged are source options that lift the check (`[trusted=yes]`, `allow-insecure=yes`, `allow-weak=yes`, `allow-downgrade-to-insecure=yes`; ' +
      '`Trusted: yes` and the like in `.sources` files), `APT::Get::AllowUnauthenticated "true"` or `Acquire::AllowInsecureRepositories "true"` written into `apt.conf.d`, signing keys downloaded over ' +
      'plain HTTP (`curl http://… | apt-key add -`, `gpg --dearmor -o /usr/share/keyrings/…`, `apt-key adv --fetch-keys http://…`), keys fetched from a key server by a short ID, and, ' +
      'as information, keys downloaded over HTTPS into apt with no fingerprint check in the same `RUN`. **yum, dnf, zypper** check package signatures (`gpgcheck=1`) whatever the transport: ' +
      'flagged are `gpgcheck=0` in a repository file written by a heredoc or `COPY <<EOF`, and repository definitions (`.repo` files) downloaded over plain HTTP (`yum-config-manager --add-repo http://…/x.repo`, ' +
      '`curl -o /etc/yum.repos.d/x.repo http://…`), since the file itself says whether and with which key packages are checked; `rpm --import http://…`. **apk** checks the signature of its index: ' +
      '`http://` in `/etc/apk/repositories` is not flagged. **pip, npm, yarn, pnpm, gem** do not sign packages: an index or registry over plain HTTP (`--index-url`, `--extra-index-url`, `--registry`, ' +
      '`--source`, `config set`, `pip.conf` and `.npmrc` written by the build, `PIP_INDEX_URL` and `npm_config_registry` in ENV and ARG) is flagged, except on this machine (`localhost`, `127.0.0.1`, `[::1]`) ' +
      'and for pip with `--require-hashes`. Values are read with ARG and ENV substituted, in every stage.',
    why:
      'A package manager\'s signature check is what makes the mirror, the proxy and the network irrelevant: without it, any of them can hand the build a modified package that runs its install ' +
      'scripts as root and stays in the image. A repository definition or a signing key fetched over plain HTTP hands that power to whoever sits on the path; a key server answers a short ID with ' +
      'any key that shares it. Language package managers have no signatures at all, so the transport is their only protection.',
    bad:
      'FROM debian:bookworm-slim\nCOPY <<EOF /etc/apt/sources.list.d/vendor.list\ndeb [trusted=yes] http://apt.example.com/ stable main\nEOF\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends vendor-tool\n',
    good:
      'FROM debian:bookworm-slim\nCOPY vendor-archive-keyring.gpg /usr/share/keyrings/\n' +
      'COPY <<EOF /etc/apt/sources.list.d/vendor.list\ndeb [signed-by=/usr/share/keyrings/vendor-archive-keyring.gpg] http://apt.example.com/ stable main\nEOF\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends vendor-tool\n',
    useInstead:
      'Keep the signature checks on and give the package manager the key: `signed-by=/usr/share/keyrings/x.gpg` for apt, `gpgkey=` with `gpgcheck=1` for yum and dnf. Fetch keys over HTTPS and ' +
      'compare their fingerprint with the one the vendor publishes (`gpg --show-keys --with-fingerprint key.asc`), or copy the key into the build context. Use HTTPS for pip, npm and gem indexes, ' +
      'and pin language packages by hash (`pip install --require-hashes`, lock files with integrity hashes).',
    fixSafety:
      'Unsafe: the fix removes the option that lifts the check (`[trusted=yes]`, `allow-insecure=yes`) or turns it back on (`gpgcheck=0` → `gpgcheck=1`, `"true"` → `"false"`, `Trusted: no`); ' +
      'the build then fails until the repository\'s key is in place. Plain-HTTP URLs get no fix: only you know whether the server also speaks HTTPS. `--allow-insecure-repositories`, ' +
      '`--setopt=gpgcheck=0` and `[trusted=yes]` or `gpgcheck=0` written by `echo`, `printf` or `sed` are reported by package-signature-check-disabled instead.',
    limitations:
      'Repository and configuration files copied from the build context are not read; apt\'s nested `APT { Get { … } }` configuration syntax is not read. npm and yarn with a lock file check ' +
      'integrity hashes, which a plain-HTTP registry does not defeat for the locked packages; the registry is flagged all the same. A fingerprint check is recognized by the command, not by comparing it.',
  },
  check(ctx) {
    const { model } = ctx;
    const sites: Site[] = [];
    const index = commandIndex(model);
    const names = /pip|npm|yarn|pnpm|gem|config-manager|dnf|zypper|apt-key|rpm|curl|wget|echo|printf|sed|add-apt-repository|cat|tee/;
    const words = /http:|trusted|allow|gpgcheck|apt-key|keyrings|rpm-gpg/i;
    // A `$VAR` can hide what the rule looks for only when some ARG or ENV value holds it.
    let hidden = false;
    let indexVariables = false;
    for (const i of model.instructions) {
      if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
      const text = model.text.slice(i.start, i.end);
      hidden ||= HIDDEN_WORDS.test(text);
      indexVariables ||= /INDEX_URL|registry/i.test(text);
    }
    const needs = hidden ? new RegExp(`${words.source}|\\$`, 'i') : words;
    for (const c of commandsWhere(ctx, names, needs, (n) => HANDLED.has(n) || PIP.test(n) || PYTHON.test(n))) {
      const name = c.name ?? '';
      if (WRITERS.has(name)) sites.push(...writerSites(ctx, c));
      else if (name === 'cat' || name === 'tee') {
        const body = commandHeredoc(model, c);
        if (body) sites.push(...heredocSites(model, body));
      } else if (REPO_TOOLS.has(name)) sites.push(...addRepoSites(c));
      else if (name === 'curl' || name === 'wget' || name === 'rpm' || name === 'apt-key') {
        // What a download installs is named in the words: a key sink or folder, or a repository folder.
        if (mayHold(model, c.instr, (w) => KEY_WORDS.test(w) || (REPO_WORDS.test(w) && w.includes('http:')) || (hidden && w.includes('$')))) {
          sites.push(...keySites(c, index.of(c.instr)));
          sites.push(...repoFileSites(c));
        }
      }
      if (PIP.test(name) || NODE_MANAGERS.has(name) || name === 'gem' || (PYTHON.test(name) && c.packages?.tool === 'pip')) sites.push(...managerSites(c));
    }
    for (const instr of withCarried(model)) {
      if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || !mayHold(model, instr, (w) => w.includes('<<'))) continue;
      for (const body of copyHeredocs(model, instr)) sites.push(...heredocSites(model, body));
    }
    if (indexVariables) sites.push(...variableSites(model));
    sites.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const s of sites) {
      ctx.report({
        message: s.message,
        range: model.lines.range(s.start, s.end),
        instructionLine: s.instr.line,
        ...(s.severity ? { severity: s.severity } : {}),
        fixes: s.edits ? [{ title: FIX, applicability: 'unsafe', edits: s.edits }] : [],
      });
    }
  },
};
