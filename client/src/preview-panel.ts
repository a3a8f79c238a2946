import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MANIFEST_REQUEST } from '../../shared/src/protocol';
import type { HostMessage, ManifestParams, RuntimeManifest, WebviewMessage } from '../../shared/src/protocol';

const VIEW_TYPE = 'bulkhead.manifest';

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}

/** Whether a document is one the language server handles. */
export function isDockerfile(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'dockerfile') return true;
  const name = path.basename(doc.uri.path);
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(name) || /\.[Dd]ockerfile$/.test(name);
}

/** One preview panel per Dockerfile; each follows its document as it changes. */
export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, Preview>();
  private readonly posted = new vscode.EventEmitter<HostMessage>();
  /** Fires with every message a preview posts to its webview (the extension's tests wait on it). */
  readonly onDidPost = this.posted.event;
  lastMessage: HostMessage | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  async show(uri?: vscode.Uri): Promise<void> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || !isDockerfile(doc)) {
      void vscode.window.showInformationMessage('Open a Dockerfile to show its runtime manifest.');
      return;
    }
    const key = doc.uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    const preview = new Preview(
      this.context,
      doc,
      this.client,
      this.output,
      (m) => {
        this.lastMessage = m;
        this.posted.fire(m);
      },
      () => this.panels.delete(key),
    );
    this.panels.set(key, preview);
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    this.panels.clear();
    this.posted.dispose();
  }
}

class Preview implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private webviewReady = false;
  private generation = 0;

  constructor(
    context: vscode.ExtensionContext,
    private readonly doc: vscode.TextDocument,
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
    private readonly posted: (m: HostMessage) => void,
    private readonly onDispose: () => void,
  ) {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      previewTitle(doc),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [dist, media] },
    );
    this.panel.iconPath = vscode.Uri.joinPath(media, 'manifest.svg');
    this.panel.webview.html = this.html(this.panel.webview, dist, media);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.doc.uri.toString()) this.schedule();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        // Findings arrive after the server linted: refresh so the panel shows the current ones.
        if (e.uris.some((u) => u.toString() === this.doc.uri.toString())) this.schedule();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  private html(webview: vscode.Webview, dist: vscode.Uri, media: vscode.Uri): string {
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'preview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${n}'`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Runtime manifest</title>
</head>
<body>
<main id="root" aria-live="polite"><p class="muted">Loading the runtime manifest…</p></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  private onMessage(m: WebviewMessage): void {
    if (m.type === 'ready') {
      this.webviewReady = true;
      void this.update();
    } else if (m.type === 'reveal' && Number.isInteger(m.line) && m.line >= 0) {
      const pos = new vscode.Position(Math.min(m.line, this.doc.lineCount - 1), 0);
      void vscode.window.showTextDocument(this.doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = vscode.workspace.getConfiguration('bulkhead', this.doc.uri).get<number>('preview.debounce', 250);
    this.timer = setTimeout(() => void this.update(), Math.max(0, delay));
  }

  private async update(): Promise<void> {
    if (!this.webviewReady) return;
    const generation = ++this.generation;
    const fileName = path.basename(this.doc.uri.path);
    let message: HostMessage;
    try {
      const client = this.client();
      if (!client) throw new Error('the language server is not running');
      if (!client.isRunning()) await client.start();
      const params: ManifestParams = { uri: this.doc.uri.toString() };
      const manifest = await client.sendRequest<RuntimeManifest | null>(MANIFEST_REQUEST, params);
      message = { type: 'manifest', manifest, fileName };
    } catch (e) {
      this.output.error(`Runtime manifest of ${fileName} failed: ${String(e)}`);
      message = { type: 'manifest', manifest: null, fileName, error: e instanceof Error ? e.message : String(e) };
    }
    if (generation !== this.generation) return; // a newer update is on its way
    this.posted(message);
    await this.panel.webview.postMessage(message);
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/**
 * "Runtime: <path in the workspace>", so the previews of two Dockerfiles with the same name can be told apart;
 * the file name alone for a file outside the workspace.
 */
export function previewTitle(doc: vscode.TextDocument): string {
  const relative = vscode.workspace.asRelativePath(doc.uri, false);
  const inWorkspace = doc.isUntitled || relative !== doc.uri.fsPath;
  return `Runtime: ${inWorkspace ? relative : path.basename(doc.uri.path)}`;
}
