import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../paths';
import type {
  CodeAction,
  Diagnostic,
  Hover,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  ShowDocumentParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

/** The bundled server (`BULKHEAD_DIST`: another build folder than dist/). */
export const SERVER = path.join(process.env.BULKHEAD_DIST ? path.resolve(process.env.BULKHEAD_DIST) : path.join(REPO_ROOT, 'dist'), 'server.js');

/** A language client for tests: spawns the built server over stdio and speaks the protocol to it. */
export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  /** Every publishDiagnostics notification, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** What `workspace/configuration` answers for section "bulkhead". */
  settings: unknown = {};
  /** While set, `workspace/configuration` requests wait for it: a test can hold the server mid-request. */
  configurationGate: Promise<void> | undefined;
  /** How many `workspace/configuration` requests the server has sent. */
  configurationRequests = 0;
  /** Every `client/registerCapability` request's registrations, in order. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];

  /** `server`: the script to run (default: the built `dist/server.js`). */
  constructor(server = SERVER) {
    this.proc = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
    this.proc.stderr.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.diagnostics.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.test(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onRequest('workspace/configuration', async (p: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      await this.configurationGate;
      return p.items.map(() => this.settings);
    });
    this.connection.onRequest('window/showDocument', (p: ShowDocumentParams) => {
      this.shownDocuments.push(p);
      return { success: true };
    });
    this.connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.listen();
  }

  /**
   * `resolveEdits`: the client fetches code action edits through codeAction/resolve, as VS Code does.
   * `workspace`: workspace folders (URIs), whether the server may ask the client to watch files, and whether the
   * client applies `documentChanges` that create files (`resourceOperations`).
   */
  async initialize(
    configuration = true,
    initializationOptions?: unknown,
    resolveEdits = false,
    workspace: { folders?: string[]; watchFiles?: boolean; resourceOperations?: boolean } = {},
  ): Promise<InitializeResult> {
    const codeAction = {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
      ...(resolveEdits ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
    };
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      ...(workspace.folders ? { workspaceFolders: workspace.folders.map((uri) => ({ uri, name: uri })) } : {}),
      initializationOptions,
      capabilities: {
        workspace: {
          configuration,
          didChangeConfiguration: { dynamicRegistration: false },
          ...(workspace.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
          ...(workspace.resourceOperations ? { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } : {}),
        },
        window: { showDocument: { support: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for the URI that pass the test (already published ones count). */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const current = this.diagnostics.get(uri);
    if (current && test(current)) return Promise.resolve(current);
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve }));
  }

  /** Diagnostics published for exactly this version of the document. */
  diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  codeActions(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.proc.kill('SIGKILL');
        }, 5000);
        this.proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
