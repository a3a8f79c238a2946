#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { CancellationToken, CodeAction, Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MANIFEST_REQUEST, SHOW_DOCUMENTATION_COMMAND } from '../../shared/src/protocol';
import type { ManifestParams, RuntimeManifest } from '../../shared/src/protocol';
import { ALL_CONFIG_NAMES, ConfigError, configErrorRange, findConfigFile, findConfigFor, isHadolintConfig, parseConfig, parseHadolintConfig } from './config/config-file';
import type { ConfigFile } from './config/config-file';
import { DEFAULT_SETTINGS, mergeSettings, normalizeSettings, resolveSettings } from './config/settings';
import type { ResolvedSettings, Settings } from './config/settings';
import { DocumentCache } from './engine';
import type { DocumentFacts, DockerfileModel } from './engine';
import { LineIndex } from './model/text';
import type { Finding } from './rules/types';
import { codeActions, deferredUri, FIX_ALL_KIND, resolveCodeAction } from './features/code-actions';
import { lintDelay, toDiagnostic } from './features/diagnostics';
import { hover } from './features/hover';
import { buildManifest } from './features/manifest';
import { initEngineForNode, keepHeapSmall } from './node-init';
import { UrlDigests } from './integrity/url-digests';
import { findRule } from './rules/index';
import { urlsWithoutChecksum } from './rules/integrity/add-url-without-checksum';
import { FrameResync } from './stdio-frames';

/**
 * LSP wiring only: every answer comes from the engine, and no exception reaches the client.
 * Run as `bulkhead-language-server --stdio` (or `--node-ipc` from the VS Code client).
 */

keepHeapSmall();

// Over stdio, framing errors are skipped rather than left to make the reader deaf to every later message.
const connection: Connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, process.stdin.pipe(new FrameResync((bytes, reason) => log(`skipped ${bytes} bytes of input: ${reason}`))), process.stdout)
  : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new DocumentCache();
const settingsByUri = new Map<string, Promise<ResolvedSettings>>();
/** The editor's settings when the client does not answer workspace/configuration. */
let globalSettings: Settings = DEFAULT_SETTINGS;
let configurationCapability = false;
/** Workspace folders (file system paths): config files are looked for from a Dockerfile's folder up to its root. */
let workspaceRoots: string[] = [];
/** Whether to ask the client to watch config and ignore files (it does not already, and can be asked). */
let registerWatchers = false;
/** Whether the client fetches a code action's edit when it is picked (codeAction/resolve). */
let resolveEdits = false;
/** Whether the client applies `documentChanges` that create files (a fix that creates a `.dockerignore`). */
let resourceOperations = false;
/** Whether a finding's hover repeats its message: the VS Code client says no, as VS Code shows it already. */
let hoverMessages = true;
let ready: Promise<void> = Promise.resolve();
const pending = new Map<string, { timer: NodeJS.Timeout } | { immediate: NodeJS.Immediate }>();
/** How long each open document's last lint took, to pace linting while typing. */
const lintMs = new Map<string, number>();

/** Generated docs ship next to the bundle: dist/../docs/rules/<name>.md. */
const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const docsHref = (name: string): string => pathToFileURL(path.join(docsDir, `${name}.md`)).toString();

function log(message: string): void {
  connection.console.log(message);
}

/** Rule failures already logged: a rule that throws on every keystroke is reported once, not per lint. */
const loggedFailures = new Set<string>();

function logRuleFailure(uri: string, code: string, message: string): void {
  const key = `${code}\0${message.split('\n')[0] ?? ''}`;
  if (loggedFailures.has(key) || loggedFailures.size >= 100) return;
  loggedFailures.add(key);
  connection.console.error(`rule ${code} failed on ${uri} (its findings are left out): ${message}`);
}

function isToken(x: unknown): x is CancellationToken {
  return typeof x === 'object' && x !== null && typeof (x as { isCancellationRequested?: unknown }).isCancellationRequested === 'boolean';
}

/** Answers a request the client has cancelled with RequestCancelled instead of computing it. */
function checkCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/**
 * Wraps a handler: it runs once the grammar is loaded, a request cancelled before or while it waited is
 * answered as cancelled, and any other failure is logged and answered with the fallback.
 */
function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const token = args.find(isToken);
    try {
      await ready;
      checkCancelled(token);
      const result = await fn(...args);
      checkCancelled(token);
      return result;
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  };
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  configurationCapability = params.capabilities.workspace?.configuration === true;
  const init = params.initializationOptions as { settings?: unknown; hoverMessages?: unknown; watchesFiles?: unknown; network?: unknown } | undefined;
  networkAllowed = init?.network === true;
  if (init?.settings) globalSettings = normalizeSettings(init.settings);
  if (init?.hoverMessages === false) hoverMessages = false;
  registerWatchers = init?.watchesFiles !== true && params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceRoots = roots.flatMap((u) => filePath(u) ?? []);
  resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
  resourceOperations = workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations?.includes('create') ?? false);
  ready = initEngineForNode();
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      hoverProvider: true,
      executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
    },
    serverInfo: { name: 'bulkhead', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (!registerWatchers) return;
  const watchers = [`**/{${ALL_CONFIG_NAMES.join(',')}}`, '**/.dockerignore', '**/*.dockerignore'].map((globPattern) => ({ globPattern }));
  connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((e: unknown) => log(`cannot watch config files: ${String(e)}`));
});

connection.onDidChangeConfiguration((change) => {
  settingsByUri.clear();
  const s = (change.settings as { bulkhead?: unknown } | undefined)?.bulkhead;
  if (!configurationCapability && s !== undefined) globalSettings = normalizeSettings(s);
  for (const doc of documents.all()) schedule(doc.uri, 0);
});

/** A file: URI's path; undefined for other schemes (untitled documents have no folder to look in). */
function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Config files by folder (undefined: none there), and read config files by path: dropped when one changes. */
const configFolders = new Map<string, string | undefined>();
const configFiles = new Map<string, ConfigFile | undefined>();
/** Config files that have a published "invalid config" diagnostic. */
const brokenConfigs = new Set<string>();

/** The config file that applies to a Dockerfile, read and checked; an invalid one gets a diagnostic and is skipped. */
function configFor(uri: string): ConfigFile | undefined {
  const file = filePath(uri);
  if (!file) return undefined;
  const dir = path.dirname(file);
  // The workspace folder the file is in (the innermost), where the search stops; outside any, the file system root.
  const root = workspaceRoots.filter((r) => dir === r || dir.startsWith(r.endsWith(path.sep) ? r : r + path.sep)).sort((a, b) => b.length - a.length)[0];
  const found = findConfigFor(dir, root, (d) => {
    if (!configFolders.has(d)) configFolders.set(d, findConfigFile(d, true));
    return configFolders.get(d);
  });
  if (!found) return undefined;
  if (!configFiles.has(found)) configFiles.set(found, readConfig(found));
  return configFiles.get(found);
}

function readConfig(file: string): ConfigFile | undefined {
  const uri = pathToFileURL(file).toString();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    log(`cannot read config ${file}: ${String(e)}`);
    return undefined;
  }
  try {
    const config = isHadolintConfig(file) ? parseHadolintConfig(text, file) : parseConfig(text, file);
    for (const w of config.warnings) log(w);
    if (brokenConfigs.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    return config;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // One diagnostic on the config file, at the offending key when it can be found; Dockerfiles get the defaults.
    const lines = new LineIndex(text);
    const [start, end] = configErrorRange(text, e);
    const message = e.message.replace(`invalid config ${file}: `, 'Invalid Bulkhead config: ');
    brokenConfigs.add(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [{ range: lines.range(start, end), severity: DiagnosticSeverity.Error, source: 'bulkhead', message }] });
    return undefined;
  }
}

/** What each open Dockerfile's surroundings are (its .dockerignore), read once and again when one changes. */
const factsByUri = new Map<string, DocumentFacts>();

/**
 * Downloads for the `ADD --checksum` fix: only when the client says the network may be used (VS Code: a trusted
 * workspace with `bulkhead.network.enabled`). Findings go out first; when the digests of a document's ADD URLs
 * arrive, the document is linted again and its findings carry the fix. Each URL is fetched once per session.
 */
let networkAllowed = false;
const urlDigests = new UrlDigests();
const knownDigests: Record<string, string> = {};
const asked = new Set<string>();

function withDigests(facts: DocumentFacts): DocumentFacts {
  return Object.keys(knownDigests).length === 0 ? facts : { ...facts, urlDigests: { ...knownDigests } };
}

function learnDigests(uri: string, model: DockerfileModel): void {
  if (!networkAllowed) return;
  const urls = urlsWithoutChecksum(model).filter((u) => !asked.has(u));
  if (urls.length === 0) return;
  for (const u of urls) asked.add(u);
  void urlDigests.forUrls(urls).then(({ digests, failures }) => {
    for (const f of failures) connection.console.info(`No digest for ${f.url}: ${f.error}`);
    if (Object.keys(digests).length === 0) return;
    Object.assign(knownDigests, digests);
    if (documents.get(uri)) schedule(uri, 0);
  });
}

/**
 * The ignore file Docker would use: `<Dockerfile name>.dockerignore` beside the Dockerfile, else `.dockerignore`
 * in the build context, taken to be the Dockerfile's folder. Unknown for documents that are not files.
 */
function factsFor(uri: string): DocumentFacts {
  let facts = factsByUri.get(uri);
  if (facts) return facts;
  const file = filePath(uri);
  facts = {};
  // A document whose folder does not exist (a virtual or not yet saved file) has no build context to speak of.
  if (file && isFolder(path.dirname(file))) {
    facts.dockerignore = null;
    for (const p of [`${file}.dockerignore`, path.join(path.dirname(file), '.dockerignore')]) {
      try {
        facts.dockerignore = { path: path.basename(p), text: fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '') };
        break;
      } catch {
        // absent or unreadable: as Docker, go on without it
      }
    }
  }
  factsByUri.set(uri, facts);
  return facts;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// Config and ignore files changed on disk: read them again and lint every open Dockerfile.
connection.onDidChangeWatchedFiles((params) => {
  let configs = false;
  let ignores = false;
  for (const change of params.changes) {
    const file = filePath(change.uri);
    const name = path.basename(file ?? change.uri);
    if (ALL_CONFIG_NAMES.includes(name)) {
      configs = true;
      // The diagnostic went out under the URI the server makes of the path, which a client may spell differently.
      const uri = file ? pathToFileURL(file).toString() : change.uri;
      if (brokenConfigs.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    if (name.endsWith('.dockerignore')) ignores = true;
  }
  if (configs) {
    configFolders.clear();
    configFiles.clear();
    settingsByUri.clear();
  }
  if (ignores) factsByUri.clear();
  if (configs || ignores) for (const doc of documents.all()) schedule(doc.uri, 0);
});

function settingsFor(uri: string): Promise<ResolvedSettings> {
  let s = settingsByUri.get(uri);
  if (!s) {
    const editor: Promise<Settings> = configurationCapability
      ? connection.workspace
          .getConfiguration({ scopeUri: uri, section: 'bulkhead' })
          .then((raw: unknown) => normalizeSettings(raw))
          .catch(() => globalSettings)
      : Promise.resolve(globalSettings);
    // A config file's settings win over the editor's (see mergeSettings).
    s = editor.then((e) => {
      const file = configFor(uri);
      return resolveSettings(file ? mergeSettings(e, file.settings) : e);
    });
    settingsByUri.set(uri, s);
  }
  return s;
}

async function analyze(uri: string): Promise<{ doc: TextDocument; settings: ResolvedSettings; facts: DocumentFacts } | undefined> {
  await ready;
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const settings = await settingsFor(uri);
  return { doc, settings, facts: withDigests(factsFor(uri)) };
}

/** The open document's cached model and findings, for requests about it. */
async function current(uri: string): Promise<{ uri: string; model: DockerfileModel; findings: Finding[]; settings: ResolvedSettings } | undefined> {
  const a = await analyze(uri);
  if (!a || tooLarge(a.doc)) return undefined;
  const { doc, settings, facts } = a;
  const model = cache.model(doc.uri, doc.version, doc.getText(), facts);
  const { findings } = cache.lint(doc.uri, doc.version, doc.getText(), settings, facts);
  return { uri: doc.uri, model, findings, settings };
}

/**
 * Real Dockerfiles are a few kilobytes. Past this size dockerfile-ast's parse time grows faster than the text,
 * so the server leaves the file alone (and says so) rather than stall the editor; the CLI still lints it.
 */
const MAX_DOCUMENT_CHARS = 2 * 1024 * 1024;

function tooLarge(doc: TextDocument): boolean {
  return doc.getText().length > MAX_DOCUMENT_CHARS;
}

const validate = guard('validate', undefined, async (uri: string): Promise<void> => {
  const a = await analyze(uri);
  if (!a) return;
  const { doc, settings, facts } = a;
  if (tooLarge(doc)) {
    const mib = (doc.getText().length / 1024 / 1024).toFixed(1);
    await connection.sendDiagnostics({
      uri,
      version: doc.version,
      diagnostics: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 3,
          source: 'bulkhead',
          message: `Bulkhead does not lint files over 2 MiB in the editor (this one is ${mib} MiB); run "bulkhead lint" on it instead.`,
        },
      ],
    });
    return;
  }
  const started = performance.now();
  const result = cache.lint(uri, doc.version, doc.getText(), settings, facts);
  lintMs.set(uri, performance.now() - started);
  learnDigests(uri, cache.model(uri, doc.version, doc.getText(), facts));
  for (const e of result.errors) logRuleFailure(uri, e.code, e.message);
  // The document may have changed while settings were fetched: publish only for the current version.
  if (documents.get(uri)?.version !== doc.version) return;
  await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: result.findings.map((f) => toDiagnostic(f, docsHref)) });
});

/**
 * Lints a document after `delay` ms, once the edits already sent have been read: the JSON-RPC connection handles
 * one message per event-loop turn, so the lint waits for a turn in which the document's version did not change.
 * A lint already scheduled is kept rather than pushed back, so a steady stream of edits still gets diagnostics.
 */
function schedule(uri: string, delay: number): void {
  if (pending.has(uri)) return;
  const settle = (version: number | undefined): void => {
    const immediate = setImmediate(() => {
      const now = documents.get(uri)?.version;
      if (now !== version) return settle(now);
      pending.delete(uri);
      void validate(uri);
    });
    pending.set(uri, { immediate });
  };
  // A timer of 0 ms still waits a millisecond or more for the timers phase; the next turn comes sooner. The first
  // look comes one turn later, after the connection has read the next message of a burst, if there is one.
  if (delay <= 0) pending.set(uri, { immediate: setImmediate(() => settle(documents.get(uri)?.version)) });
  else pending.set(uri, { timer: setTimeout(() => settle(documents.get(uri)?.version), delay) });
}

function unschedule(uri: string): void {
  const p = pending.get(uri);
  if (!p) return;
  if ('timer' in p) clearTimeout(p.timer);
  else clearImmediate(p.immediate);
  pending.delete(uri);
}

// TextDocuments reports an open as a content change too: lint opens at once, pause briefly on edits.
const opened = new Set<string>();
documents.onDidOpen((e) => opened.add(e.document.uri));
documents.onDidChangeContent((e) => {
  if (opened.delete(e.document.uri)) void validate(e.document.uri);
  else schedule(e.document.uri, lintDelay(lintMs.get(e.document.uri)));
});
documents.onDidClose((e) => {
  opened.delete(e.document.uri);
  unschedule(e.document.uri);
  cache.delete(e.document.uri);
  settingsByUri.delete(e.document.uri);
  factsByUri.delete(e.document.uri);
  lintMs.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(
  guard('codeAction', [], async (params) => {
    const c = await current(params.textDocument.uri);
    if (!c) return [];
    return codeActions({ ...c, range: params.range, only: params.context.only, docsHref, resolveLater: resolveEdits, resourceOperations });
  }),
);

// A picked file-wide fix gets its edit now; on any failure the action comes back as it was.
connection.onCodeActionResolve((action: CodeAction, token) =>
  guard('codeActionResolve', action, async (_token: CancellationToken) => {
    const uri = deferredUri(action);
    const c = uri ? await current(uri) : undefined;
    return c ? resolveCodeAction(action, c.model, c.settings) : action;
  })(token),
);

connection.onHover(
  guard('hover', null, async (params) => {
    const c = await current(params.textDocument.uri);
    return c ? hover(c.model, c.findings, params.position, { messages: hoverMessages }) : null;
  }),
);

connection.onRequest(
  MANIFEST_REQUEST,
  guard('manifest', null, async (params: ManifestParams): Promise<RuntimeManifest | null> => {
    const c = await current(params.uri);
    return c ? buildManifest(c.model, c.findings) : null;
  }),
);

connection.onExecuteCommand(
  guard('executeCommand', undefined, async (params) => {
    if (params.command !== SHOW_DOCUMENTATION_COMMAND) return;
    const rule = findRule(String(params.arguments?.[0] ?? ''));
    if (!rule) return;
    await connection.window.showDocument({ uri: docsHref(rule.name), takeFocus: true });
  }),
);

process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
