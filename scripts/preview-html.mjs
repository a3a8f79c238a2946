// Renders a runtime manifest (JSON from `bulkhead manifest`) into a standalone HTML page with the same
// webview script and stylesheet the VS Code preview uses. Usage: node scripts/preview-html.mjs manifest.json [title] > page.html
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [manifestPath, title = 'Dockerfile', theme = 'dark'] = process.argv.slice(2);
if (!manifestPath) {
  console.error('usage: node scripts/preview-html.mjs <manifest.json> [file name] [dark|light]');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const script = readFileSync(join(root, 'dist', 'preview.js'), 'utf8');
const css = readFileSync(join(root, 'media', 'preview.css'), 'utf8');
// Inside <script>, "<" is escaped so no value can close the element.
const json = (v) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
const message = { type: 'manifest', manifest, fileName: basename(title) };
const themes = {
  dark: '--vscode-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-descriptionForeground:#9d9d9d;--vscode-textLink-foreground:#4daafc;--vscode-textCodeBlock-background:#2b2b2b;--vscode-errorForeground:#f85149;--vscode-editorWarning-foreground:#cca700;--vscode-testing-iconPassed:#73c991;--vscode-widget-border:#3c3c3c;--vscode-editorWidget-border:#303031;--vscode-badge-background:#616161;--vscode-badge-foreground:#f8f8f8;',
  light: '--vscode-foreground:#3b3b3b;--vscode-editor-background:#ffffff;--vscode-descriptionForeground:#717171;--vscode-textLink-foreground:#005fb8;--vscode-textCodeBlock-background:#f2f2f2;--vscode-errorForeground:#c72e2e;--vscode-editorWarning-foreground:#9a6700;--vscode-testing-iconPassed:#388a34;--vscode-widget-border:#e5e5e5;--vscode-editorWidget-border:#eeeeee;--vscode-badge-background:#cccccc;--vscode-badge-foreground:#3b3b3b;',
};
process.stdout.write(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Runtime manifest: ${basename(title).replace(/[<>&"]/g, '')}</title>
<style>:root{${themes[theme] ?? themes.dark}}
${css}</style>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script>
window.acquireVsCodeApi = () => ({ postMessage: (m) => { if (m.type === 'ready') queueMicrotask(() => window.postMessage(${json(message)}, '*')); } });
</script>
<script>${script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`);
