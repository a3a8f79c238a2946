#!/usr/bin/env node
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, createConnection, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { CancellationToken, CodeAction, Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MANIFEST_REQUEST, SHOW_DOCUMENTATION_COMMAND } from '../../shared/src/protocol';
import type { ManifestParams, RuntimeManifest } from '../../shared/src/protocol';
import { DEFAULT_SETTINGS, normalizeSettings, resolveSettings } from './config/settings';
import type { ResolvedSettings } from './config/settings';
import { DocumentCache } from './engine';
import type { DockerfileModel } from './engine';
import type { Finding } from './rules/types';
import { codeActions, deferredUri, FIX_ALL_KIND, resolveCodeAction } from './features/code-actions';
import { lintDelay, toDiagnostic } from './features/diagnostics';
import { hover } from './features/hover';
import { buildManifest } from './features/manifest';
import { initEngineForNode, keepHeapSmall } from './node-init';
import { findRule } from './rules/index';
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
let globalSettings: ResolvedSettings = resolveSettings(DEFAULT_SETTINGS);
let configurationCapability = false;
/** Whether the client fetches a code action's edit when it is picked (codeAction/resolve). */
let resolveEdits = false;
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
  const init = params.initializationOptions as { settings?: unknown; hoverMessages?: unknown } | undefined;
  if (init?.settings) globalSettings = resolveSettings(normalizeSettings(init.settings));
  if (init?.hoverMessages === false) hoverMessages = false;
  resolveEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
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

connection.onDidChangeConfiguration((change) => {
  settingsByUri.clear();
  const s = (change.settings as { bulkhead?: unknown } | undefined)?.bulkhead;
  if (!configurationCapability && s !== undefined) globalSettings = resolveSettings(normalizeSettings(s));
  for (const doc of documents.all()) schedule(doc.uri, 0);
});

function settingsFor(uri: string): Promise<ResolvedSettings> {
  if (!configurationCapability) return Promise.resolve(globalSettings);
  let s = settingsByUri.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'bulkhead' })
      .then((raw: unknown) => resolveSettings(normalizeSettings(raw)))
      .catch(() => globalSettings);
    settingsByUri.set(uri, s);
  }
  return s;
}

async function analyze(uri: string): Promise<{ doc: TextDocument; settings: ResolvedSettings } | undefined> {
  await ready;
  const doc = documents.get(uri);
  if (!doc) return undefined;
  return { doc, settings: await settingsFor(uri) };
}

/** The open document's cached model and findings, for requests about it. */
async function current(uri: string): Promise<{ uri: string; model: DockerfileModel; findings: Finding[]; settings: ResolvedSettings } | undefined> {
  const a = await analyze(uri);
  if (!a || tooLarge(a.doc)) return undefined;
  const { doc, settings } = a;
  const model = cache.model(doc.uri, doc.version, doc.getText());
  const { findings } = cache.lint(doc.uri, doc.version, doc.getText(), settings);
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
  const { doc, settings } = a;
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
  const result = cache.lint(uri, doc.version, doc.getText(), settings);
  lintMs.set(uri, performance.now() - started);
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
  // A timer of 0 ms still waits a millisecond or more for the timers phase; the next turn comes sooner.
  if (delay <= 0) settle(documents.get(uri)?.version);
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
  lintMs.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCodeAction(
  guard('codeAction', [], async (params) => {
    const c = await current(params.textDocument.uri);
    if (!c) return [];
    return codeActions({ ...c, range: params.range, only: params.context.only, docsHref, resolveLater: resolveEdits });
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
