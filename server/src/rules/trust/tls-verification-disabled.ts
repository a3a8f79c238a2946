import type { TextEdit } from 'vscode-languageserver-types';
import { commandIndex } from '../../model/commands';
import type { IndexedCommand } from '../../model/commands';
import type { Instr } from '../../model/document';
import type { Rule, RuleContext } from '../types';
import { argsOf, commandsWhere, declaredVariables, removeCommandEdit, removeLetterEdit, removeWordsEdit, shellAssignments, writtenText } from './_util';
import type { Arg } from './_util';

/** curl's short options that take a value: in a cluster, the rest of the word (or the next word) is that value. */
const CURL_VALUE_SHORT = new Set('AbcCdDeEFHKmoPQrTtuUwxXyYz'.split(''));
/** curl's long options that take the next word as their value (the ones a `-k` could hide behind). */
const CURL_VALUE_LONG = /^--(?:output|header|data(?:-\w+)?|user(?:-agent)?|request|url|cacert|cert|key|proxy|config|form|referer|write-out|max-time|connect-timeout|retry(?:-\w+)?|range|upload-file|cookie(?:-jar)?|continue-at|dump-header|resolve|connect-to|limit-rate|proto(?:-\w+)?|output-dir|ciphers|interface|netrc-file|create-dirs-mode)$/;

const FALSE = /^(?:false|0|no|off)$/i;

/** The variables that turn verification off, the value that does it, and the Checkov check about each. */
const VARIABLES: { name: RegExp; disables: (value: string) => boolean; alias: string }[] = [
  { name: /^PYTHONHTTPSVERIFY$/, disables: (v) => v.trim() === '0', alias: 'CKV2_DOCKER_5' },
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, disables: (v) => v.trim() === '0', alias: 'CKV2_DOCKER_6' },
  // npm reads its environment configuration whatever the case of the name; `0` is false to it as well.
  { name: /^NPM_CONFIG_STRICT_SSL$/i, disables: (v) => /^(?:false|0)$/.test(v.trim()), alias: 'CKV2_DOCKER_12' },
  // git only asks whether the variable is set: any value, `false` and the empty string included, turns checks off.
  { name: /^GIT_SSL_NO_VERIFY$/, disables: () => true, alias: 'CKV2_DOCKER_14' },
  { name: /^PIP_TRUSTED_HOST$/, disables: (v) => v.trim() !== '', alias: 'CKV2_DOCKER_16' },
];
const VARIABLE_WORDS = /PYTHONHTTPSVERIFY|NODE_TLS_REJECT_UNAUTHORIZED|NPM_CONFIG_STRICT_SSL|GIT_SSL_NO_VERIFY|PIP_TRUSTED_HOST/i;

const PIP = /^pip[0-9.]*$/;
const PYTHON = /^python[0-9.]*$/;
const RPM_TOOLS = ['yum', 'dnf', 'dnf5', 'tdnf', 'microdnf', 'yum-config-manager'];
const WRITERS = new Set(['echo', 'printf', 'sed']);

interface Site {
  instr: Instr;
  start: number;
  end: number;
  what: string;
  aliases: string[];
  edits: TextEdit[] | undefined;
  title: string;
}

const FLAG_FIX = 'Remove the TLS-disabling flag';
const VARIABLE_FIX = 'Remove the TLS-disabling variable';
const SETTING_FIX = 'Remove the TLS-disabling setting';

function flagSite(c: IndexedCommand, a: Arg, what: string, alias: string[], edits: () => TextEdit[] | undefined, value?: Arg): Site {
  return { instr: c.instr, start: a.word.start, end: (value ?? a).word.end, what, aliases: alias, edits: a.fromVariable ? undefined : edits(), title: FLAG_FIX };
}

function curlSites(ctx: RuleContext, c: IndexedCommand): Site[] {
  const out: Site[] = [];
  const args = argsOf(c);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    const v = a.value;
    if (v === '--') break;
    if (v === '--insecure') {
      out.push(flagSite(c, a, 'curl --insecure', ['CKV2_DOCKER_2'], () => removeWordsEdit(ctx.model, c.command, [a.word])));
      continue;
    }
    if (v.startsWith('--')) {
      if (!v.includes('=') && CURL_VALUE_LONG.test(v)) i++;
      continue;
    }
    if (!/^-[A-Za-z0-9#:]+/.test(v)) continue;
    for (let k = 1; k < v.length; k++) {
      const letter = v[k] ?? '';
      if (letter === 'k') {
        out.push(flagSite(c, a, 'curl -k', ['CKV2_DOCKER_2'], () => removeLetterEdit(ctx.model, c.instr, c.command, a.word, k)));
        break;
      }
      if (CURL_VALUE_SHORT.has(letter)) {
        if (k === v.length - 1) i++;
        break;
      }
    }
  }
  return out;
}

function wgetSites(ctx: RuleContext, c: IndexedCommand): Site[] {
  // getopt_long takes any unambiguous abbreviation: `--no-check-cert` is the same option.
  return argsOf(c)
    .filter((a) => a.value.length >= 7 && '--no-check-certificate'.startsWith(a.value))
    .map((a) => flagSite(c, a, 'wget --no-check-certificate', ['CKV2_DOCKER_3'], () => removeWordsEdit(ctx.model, c.command, [a.word])));
}

/** The arguments of a pip command (after `-m pip` for `python -m pip`), or undefined when it is no pip. */
function pipArgs(c: IndexedCommand): Arg[] | undefined {
  const args = argsOf(c);
  if (PIP.test(c.name ?? '')) return args;
  if (!PYTHON.test(c.name ?? '')) return undefined;
  const m = args.findIndex((a) => a.value === '-m');
  return m >= 0 && PIP.test(args[m + 1]?.value ?? '') ? args.slice(m + 2) : undefined;
}

function pipSites(ctx: RuleContext, c: IndexedCommand): Site[] {
  const args = pipArgs(c);
  if (!args) return [];
  const out: Site[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value === '--trusted-host' || a.value.startsWith('--trusted-host=')) {
      const next = a.value === '--trusted-host' ? args[i + 1] : undefined;
      out.push(flagSite(c, a, 'pip --trusted-host', ['CKV2_DOCKER_4'], () => (next?.fromVariable ? undefined : removeWordsEdit(ctx.model, c.command, next ? [a.word, next.word] : [a.word])), next));
      if (next) i++;
    }
  }
  // pip config set global.trusted-host host
  const values = args.map((a) => a.value);
  const set = values.indexOf('config');
  if (set >= 0 && values[set + 1] === 'set' && /(?:^|\.)trusted-host$/.test(values[set + 2] ?? '')) {
    const key = args[set + 2] as Arg;
    out.push({ instr: c.instr, start: key.word.start, end: key.word.end, what: 'pip config set trusted-host', aliases: ['CKV2_DOCKER_4'], edits: removeCommandEdit(ctx.model, c), title: SETTING_FIX });
  }
  return out;
}

/** `npm config set strict-ssl false`, `yarn config set strict-ssl false`, and `--strict-ssl=false` / `--no-strict-ssl` on any npm, yarn or pnpm command. */
function npmSites(ctx: RuleContext, c: IndexedCommand): Site[] {
  const tool = c.name ?? 'npm';
  const args = argsOf(c);
  const out: Site[] = [];
  const values = args.map((a) => a.value);
  const config = values.indexOf('config');
  const setAt = config >= 0 && values[config + 1] === 'set' ? config + 2 : values[0] === 'set' ? 1 : -1;
  if (setAt >= 0) {
    for (let i = setAt; i < args.length; i++) {
      const v = values[i] ?? '';
      if (v.startsWith('-')) continue;
      // npm and Yarn 1 call it strict-ssl, Yarn 2 and later enableStrictSsl.
      const eq = /^(?:strict-ssl|enableStrictSsl)=(.*)$/.exec(v);
      const off = eq ? /^(?:false|0)$/.test(eq[1] ?? '') : (v === 'strict-ssl' || v === 'enableStrictSsl') && /^(?:false|0)$/.test(values[i + 1] ?? '');
      if (off) {
        const key = args[i] as Arg;
        out.push({ instr: c.instr, start: key.word.start, end: key.word.end, what: `${tool} strict-ssl false`, aliases: ['CKV2_DOCKER_13'], edits: removeCommandEdit(ctx.model, c), title: SETTING_FIX });
      }
      break;
    }
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    const m = /^--strict-ssl(?:=(.*))?$/.exec(a.value);
    if (a.value === '--no-strict-ssl') {
      out.push(flagSite(c, a, `${tool} --no-strict-ssl`, ['CKV2_DOCKER_13'], () => removeWordsEdit(ctx.model, c.command, [a.word])));
    } else if (m) {
      const next = m[1] === undefined ? args[i + 1] : undefined;
      const value = m[1] ?? next?.value ?? '';
      if (!/^(?:false|0)$/.test(value)) continue;
      out.push(flagSite(c, a, `${tool} --strict-ssl false`, ['CKV2_DOCKER_13'], () => (next?.fromVariable ? undefined : removeWordsEdit(ctx.model, c.command, next ? [a.word, next.word] : [a.word])), next));
    }
  }
  return out;
}

const GIT_SSL_KEY = /^http\.(?:.*\.)?sslverify$/i;

/** `git -c http.sslVerify=false …` and `git config --global http.sslVerify false`. */
function gitSites(ctx: RuleContext, c: IndexedCommand): Site[] {
  const args = argsOf(c);
  const out: Site[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    if (a.value === '-c') {
      const next = args[i + 1];
      const m = /^([^=]+)=(.*)$/s.exec(next?.value ?? '');
      if (next && m && GIT_SSL_KEY.test(m[1] ?? '') && FALSE.test(m[2] ?? '')) {
        out.push({ instr: c.instr, start: a.word.start, end: next.word.end, what: 'git http.sslVerify=false', aliases: [], edits: next.fromVariable ? undefined : removeWordsEdit(ctx.model, c.command, [a.word, next.word]), title: FLAG_FIX });
      }
      i++;
      continue;
    }
    if (!a.value.startsWith('-')) break;
  }
  const values = args.map((a) => a.value);
  const config = values.indexOf('config');
  if (config >= 0) {
    const rest = args.slice(config + 1).filter((a) => !a.value.startsWith('-'));
    const key = rest[0];
    if (key && GIT_SSL_KEY.test(key.value) && FALSE.test(rest[1]?.value ?? '')) {
      out.push({ instr: c.instr, start: key.word.start, end: key.word.end, what: 'git http.sslVerify false', aliases: [], edits: removeCommandEdit(ctx.model, c), title: SETTING_FIX });
    }
  }
  return out;
}

const SSLVERIFY_OFF = /^(?:[\w.-]+\.)?sslverify\s*=\s*(?:false|0|no|off)$/i;

/** `--setopt=sslverify=0` (or `--setopt sslverify=false`, per repository too) on yum, dnf, tdnf, microdnf and yum-config-manager. */
function setoptSites(ctx: RuleContext, c: IndexedCommand): Site[] {
  const args = argsOf(c);
  const out: Site[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Arg;
    const attached = /^--setopt=(.*)$/s.exec(a.value);
    const next = a.value === '--setopt' ? args[i + 1] : undefined;
    const value = attached ? attached[1] ?? '' : next?.value;
    if (value === undefined || !SSLVERIFY_OFF.test(value)) continue;
    out.push(flagSite(c, a, `${c.name ?? 'yum'} sslverify=${value.replace(/^.*=\s*/, '')}`, ['CKV2_DOCKER_15'], () => (next?.fromVariable ? undefined : removeWordsEdit(ctx.model, c.command, next ? [a.word, next.word] : [a.word])), next));
    if (next) i++;
  }
  return out;
}

/** `echo "sslverify=0" >> /etc/yum.conf`, `sed -i 's/sslverify=1/sslverify=0/' …`: the setting written to a repository file. */
function writtenSites(c: IndexedCommand): Site[] {
  const out: Site[] = [];
  for (const a of argsOf(c)) {
    const m = /(?:^|[\s/;|\\])(sslverify\s*=\s*(?:false|0|no|off))(?![\w])/i.exec(writtenText(c.name ?? '', a.value));
    if (!m) continue;
    out.push({ instr: c.instr, start: a.word.start, end: a.word.end, what: m[1] ?? 'sslverify=0', aliases: ['CKV2_DOCKER_15'], edits: undefined, title: SETTING_FIX });
  }
  return out;
}

export const tlsVerificationDisabled: Rule = {
  code: 'BH170',
  name: 'tls-verification-disabled',
  category: 'supply-chain',
  severity: 'error',
  trust: 'insecure',
  aliases: [
    { tool: 'checkov', id: 'CKV2_DOCKER_2', differs: 'Reads `-k` inside clusters of short options (`-fsSLk`) and ignores it in other commands\' words (`echo -k`).' },
    { tool: 'checkov', id: 'CKV2_DOCKER_3', differs: 'Also reads the abbreviations wget accepts (`--no-check-cert`).' },
    { tool: 'checkov', id: 'CKV2_DOCKER_4', differs: 'Also reads `pip config set global.trusted-host`, which sets the same option for later installs.' },
    { tool: 'checkov', id: 'CKV2_DOCKER_5' },
    { tool: 'checkov', id: 'CKV2_DOCKER_6' },
    { tool: 'checkov', id: 'CKV2_DOCKER_12', differs: 'Also reads the lower-case `npm_config_strict_ssl` and the value `0`, which npm reads the same way.' },
    { tool: 'checkov', id: 'CKV2_DOCKER_13', differs: 'Also reads `--strict-ssl=false` and `--no-strict-ssl` on an npm, yarn or pnpm command, and `npm set strict-ssl=false`.' },
    { tool: 'checkov', id: 'CKV2_DOCKER_14' },
    { tool: 'checkov', id: 'CKV2_DOCKER_15' },
    { tool: 'checkov', id: 'CKV2_DOCKER_16' },
  ],
  references: [
    { standard: 'CWE', id: 'CWE-295', title: 'Improper Certificate Validation', url: 'https://cwe.mitre.org/data/definitions/295.html' },
    { standard: 'CWE', id: 'CWE-494', title: 'Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
    { standard: 'NIST SP 800-190', id: '4.1.3', title: 'Embedded malware' },
  ],
  fixable: 'unsafe',
  docs: {
    summary: 'A download in the build, or the image\'s environment, turns off TLS certificate verification.',
    attack: 'Anyone on the network path can answer in the server\'s place, and the build installs or runs what they serve.',
    what:
      'In a `RUN`, a flag or setting that makes a client accept any certificate: `curl -k` / `--insecure` (also inside `-fsSLk`), `wget --no-check-certificate`, `pip --trusted-host` and ' +
      '`pip config set global.trusted-host`, `npm` / `yarn config set strict-ssl false` and `--strict-ssl=false`, `git -c http.sslVerify=false` and `git config http.sslVerify false`, ' +
      '`sslverify=0` given to yum or dnf with `--setopt` or written into their configuration; and, in `ENV`, `ARG` or a `RUN`\'s own variables, `PYTHONHTTPSVERIFY=0`, ' +
      '`NODE_TLS_REJECT_UNAUTHORIZED=0`, `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY` (any value) and `PIP_TRUSTED_HOST`. The same words as arguments of other commands ' +
      '(`echo -k`) are not flagged; variables holding flags (`curl $CURL_OPTS`) are read when their value is known.',
    why:
      'Without certificate verification anyone on the network path (a proxy, a compromised mirror, a hijacked DNS name) can serve their own packages, scripts or binaries ' +
      'and the build will install them into the image. Set in `ENV`, the setting ships too: every connection the application makes at run time can then be intercepted.',
    bad: 'FROM debian:bookworm-slim\nRUN curl -fsSLk https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n',
    good: 'FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n',
    useInstead:
      'Keep verification on. If a host uses a private certificate authority, add that CA to the image\'s trust store (`COPY ca.crt /usr/local/share/ca-certificates/` and ' +
      '`update-ca-certificates`) or point the client at it (`curl --cacert`, `pip --cert`, `npm config set cafile`, `NODE_EXTRA_CA_CERTS`, `GIT_SSL_CAINFO`).',
    fixSafety:
      'Unsafe: removing the flag, setting or variable changes the build: against a host whose certificate does not verify, the download now fails, which is the point, ' +
      'but someone has to add the right CA first.',
    limitations:
      'Configuration files written in other ways (`.curlrc`, `.npmrc`, `pip.conf` from a heredoc or `COPY`) are not read, nor are flags spelled through variables whose value is not known. ' +
      '`CMD`, `ENTRYPOINT` and `HEALTHCHECK` commands are not checked (variables set with `ENV` are).',
  },
  check(ctx) {
    const { model } = ctx;
    const index = commandIndex(model);
    const sites: Site[] = [];
    for (const c of commandsWhere(ctx, /curl/, /insecure|-[\w#:]*k|\$/, (n) => n === 'curl')) sites.push(...curlSites(ctx, c));
    for (const c of commandsWhere(ctx, /wget/, /--no-ch|\$/, (n) => n === 'wget')) sites.push(...wgetSites(ctx, c));
    for (const c of commandsWhere(ctx, /pip/, /trusted-host|\$/, (n) => PIP.test(n) || PYTHON.test(n))) sites.push(...pipSites(ctx, c));
    for (const c of commandsWhere(ctx, /npm|yarn|pnpm/, /strict-ssl|enableStrictSsl|\$/, (n) => n === 'npm' || n === 'yarn' || n === 'pnpm')) sites.push(...npmSites(ctx, c));
    for (const c of commandsWhere(ctx, /git/, /sslverify|\$/i, (n) => n === 'git')) sites.push(...gitSites(ctx, c));
    for (const c of commandsWhere(ctx, /yum|dnf/, /sslverify|\$/i, (n) => RPM_TOOLS.includes(n))) sites.push(...setoptSites(ctx, c));
    for (const c of commandsWhere(ctx, /echo|printf|sed/, /sslverify|\$/i, (n) => WRITERS.has(n))) sites.push(...writtenSites(c));
    const matching = (name: string): (typeof VARIABLES)[number] | undefined => VARIABLES.find((v) => v.name.test(name));
    for (const d of declaredVariables(model, (n) => matching(n) !== undefined)) {
      const v = matching(d.name);
      if (!v || d.value === undefined || d.value === null || !v.disables(d.value)) continue;
      // Checkov reads ENV and RUN; an ARG default is in the environment of the build's RUNs only.
      sites.push({ instr: d.instr, start: d.start, end: d.end, what: `${d.name}=${d.value}`, aliases: d.instr.keyword === 'ENV' ? [v.alias] : [], edits: d.remove, title: VARIABLE_FIX });
    }
    for (const a of shellAssignments(model, (i) => index.of(i), VARIABLE_WORDS, (n) => matching(n) !== undefined)) {
      const v = matching(a.name);
      if (!v || !v.disables(a.value)) continue;
      sites.push({ instr: a.instr, start: a.start, end: a.end, what: `${a.name}=${a.value}`, aliases: [v.alias], edits: a.remove, title: VARIABLE_FIX });
    }
    sites.sort((a, b) => a.start - b.start);
    for (const s of sites) {
      ctx.report({
        message: `${s.what} turns off TLS certificate verification.`,
        range: model.lines.range(s.start, s.end),
        instructionLine: s.instr.line,
        aliases: s.aliases,
        fixes: s.edits ? [{ title: s.title, applicability: 'unsafe', edits: s.edits }] : [],
      });
    }
  },
};
