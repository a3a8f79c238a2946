#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify as toYaml } from 'yaml';
import { version } from '../../package.json';
import { ConfigError, findConfigFile, readConfigFile } from './config/config-file';
import { DEFAULT_SETTINGS, resolveSettings } from './config/settings';
import type { ResolvedSettings } from './config/settings';
import { lintText } from './engine';
import { fixText } from './features/fix';
import { buildManifest } from './features/manifest';
import { formatJson } from './features/output/json';
import type { FileReport } from './features/output/json';
import { formatSarif } from './features/output/sarif';
import { formatText } from './features/output/text';
import { initEngineForNode } from './node-init';
import { RULES } from './rules/index';
import { SEVERITIES } from './rules/types';
import type { Severity } from './rules/types';

const USAGE = `Usage:
  bulkhead lint [paths…] [--format text|json|sarif] [--fix [--unsafe-fixes]] [--config FILE] [--fail-on LEVEL]
  bulkhead manifest <Dockerfile> [--format json|yaml]
  bulkhead rules [--format text|json]
  bulkhead --help | --version

lint      Lint Dockerfiles (folders are searched for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile).
          --fix applies safe fixes in place; --unsafe-fixes adds fixes that change what is built or run.
          --fail-on error|warning|info|hint|none sets the lowest severity that fails (default: warning).
          --config FILE reads rules/ignore/failOn from JSON or YAML (default: .bulkhead.json/.yaml/.yml here).
manifest  Print what the final stage runs as: user, ports, volumes, entrypoint, healthcheck, env, labels.
rules     List every rule.

Exit status: 0 no finding at or above the threshold, 1 findings, 2 usage or I/O error.`;

class UsageError extends Error {}

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)$|^Dockerfile\..+|\.(Dockerfile|dockerfile)$|^Containerfile\..+/;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name);
}

/** Dockerfiles under the paths: files as given, folders searched (sorted, so output is stable). */
function discover(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && isDockerfileName(e.name)) {
        out.push(p);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new IoError(`no such file or folder: ${p}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push(p);
  }
  return out;
}

class IoError extends Error {}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new IoError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

function loadConfig(configPath: string | undefined): { settings: ResolvedSettings; failOn: Severity | 'none' | undefined } {
  const file = configPath ?? findConfigFile(process.cwd());
  if (!file) return { settings: resolveSettings(DEFAULT_SETTINGS), failOn: undefined };
  const cfg = readConfigFile(file);
  return { settings: resolveSettings(cfg.settings), failOn: cfg.failOn === 'off' ? 'none' : cfg.failOn };
}

function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${allowed.join(', ')}`);
  return value as T;
}

function lint(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      fix: { type: 'boolean' },
      'unsafe-fixes': { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'fail-on': { type: 'string' },
    },
  });
  const format = parseFormat(values.format, ['text', 'json', 'sarif'] as const, 'text');
  if (values['unsafe-fixes'] && !values.fix) throw new UsageError('--unsafe-fixes needs --fix');
  const failOnArg = values['fail-on'];
  if (failOnArg !== undefined && failOnArg !== 'none' && !(SEVERITIES as readonly string[]).includes(failOnArg)) {
    throw new UsageError('--fail-on must be error, warning, info, hint or none');
  }
  const config = loadConfig(values.config);
  const failOn = (failOnArg as Severity | 'none' | undefined) ?? config.failOn ?? 'warning';
  const files = discover(positionals.length > 0 ? positionals : ['.']);
  const reports: FileReport[] = [];
  for (const file of files) {
    let text = read(file);
    let fixed: FileReport['fixed'];
    if (values.fix) {
      const result = fixText(text, { unsafe: values['unsafe-fixes'] ?? false, settings: config.settings });
      if (result.text !== text) {
        try {
          fs.writeFileSync(file, result.text);
        } catch (e) {
          throw new IoError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
        text = result.text;
        fixed = result.applied;
      }
    }
    const { findings, errors } = lintText(text, config.settings);
    for (const e of errors) process.stderr.write(`bulkhead: rule ${e.code} failed on ${display(file)}: ${e.message.split('\n')[0] ?? ''}\n`);
    reports.push({ path: display(file), findings, ...(fixed ? { fixed } : {}) });
  }
  const color = format === 'text' && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const output = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, { version }) : formatText(reports, { color });
  process.stdout.write(`${output}\n`);
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return reports.some((r) => r.findings.some((f) => severityRank(f.severity) <= threshold)) ? 1 : 0;
}

function manifest(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', short: 'f' }, config: { type: 'string', short: 'c' } } });
  const format = parseFormat(values.format, ['json', 'yaml'] as const, 'json');
  if (positionals.length !== 1) throw new UsageError('manifest takes exactly one Dockerfile');
  const file = positionals[0] ?? '';
  const { settings } = loadConfig(values.config);
  const { model, findings } = lintText(read(file), settings);
  const m = buildManifest(model, findings);
  process.stdout.write(format === 'yaml' ? toYaml(m) : `${JSON.stringify(m, null, 2)}\n`);
  return 0;
}

function rules(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', short: 'f' } } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ''}`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const list = RULES.map((r) => ({
    code: r.code,
    name: r.name,
    category: r.category,
    severity: r.severity,
    aliases: r.aliases.map((a) => a.id),
    fixable: r.fixable,
    summary: r.docs.summary,
  }));
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  for (const r of list) {
    process.stdout.write(`${r.code}  ${r.name.padEnd(22)} ${r.severity.padEnd(8)} fix: ${r.fixable.padEnd(7)} ${r.summary}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  await initEngineForNode();
  switch (command) {
    case 'lint':
      return lint(rest);
    case 'manifest':
      return manifest(rest);
    case 'rules':
      return rules(rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const usage = e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
    const message = e instanceof Error ? e.message : String(e);
    if (usage) process.stderr.write(`bulkhead: ${message}\n\n${USAGE}\n`);
    else if (e instanceof IoError || e instanceof ConfigError) process.stderr.write(`bulkhead: ${message}\n`);
    else process.stderr.write(`bulkhead: internal error: ${e instanceof Error ? (e.stack ?? message) : message}\n`);
    process.exitCode = 2;
  },
);
