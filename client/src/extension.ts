import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import type { HostMessage } from '../../shared/src/protocol';
import { PreviewManager } from './preview-panel';

/** What activate() returns: used by the extension's own tests. */
export interface BulkheadApi {
  /** Resolves once the language server is running. */
  ready: Promise<void>;
  /** The last message the preview panel posted to its webview. */
  lastPreviewMessage(): HostMessage | undefined;
  /** Fires with every message a preview panel posts to its webview. */
  onDidPostPreview: vscode.Event<HostMessage>;
}

/** Dockerfiles by language, and by name for files the editor does not know as Dockerfiles. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: 'dockerfile' },
  ...['file', 'untitled'].flatMap((scheme) =>
    ['**/Dockerfile', '**/*.Dockerfile', '**/*.dockerfile', '**/Dockerfile.*', '**/Containerfile', '**/Containerfile.*'].map((pattern) => ({ scheme, pattern })),
  ),
];

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): BulkheadApi {
  const output = vscode.window.createOutputChannel('Bulkhead', { log: true });
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // Config files and .dockerignore files change what open Dockerfiles get: the server reads them again and relints.
  const watchers = [
    '**/.bulkhead.{yaml,yml,json}',
    '**/.hadolint.{yaml,yml}',
    '**/.dockerignore',
    '**/*.dockerignore',
  ].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'bulkhead', fileEvents: watchers },
    // VS Code shows a diagnostic's message at the top of the same hover: the server leaves it out of its own.
    // The client watches the files itself, so the server need not ask for watchers.
    // Downloads (the ADD --checksum fix) only in a trusted workspace, and only when the setting allows them.
    initializationOptions: {
      hoverMessages: false,
      watchesFiles: true,
      network: vscode.workspace.isTrusted && vscode.workspace.getConfiguration('bulkhead').get<boolean>('network.enabled', true),
    },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('bulkhead', 'Bulkhead', serverOptions, clientOptions);
  const ready = client.start();
  ready.catch((e: unknown) => output.appendLine(`Bulkhead language server failed to start: ${String(e)}`));

  const previews = new PreviewManager(context, () => client, output);
  context.subscriptions.push(
    output,
    previews,
    ...watchers,
    vscode.commands.registerCommand('bulkhead.showManifest', (uri?: vscode.Uri) => previews.show(uri)),
  );
  return { ready, lastPreviewMessage: () => previews.lastMessage, onDidPostPreview: previews.onDidPost };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
