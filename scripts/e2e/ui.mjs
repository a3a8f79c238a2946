// UI tests as a person would use the extension, in the real workbench: every step waits for what appears on
// screen (selectors, frames, text), never for a fixed time.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const WAIT = { timeout: 30_000 };
const isMac = process.platform === 'darwin';
const MOD = isMac ? 'Meta' : 'Control';

/**
 * Opens a workspace file with Quick Open and resolves once its text is in the focused editor. The tab shows
 * before the remote file has loaded, and until it has, the editor has no language: a command whose palette entry
 * needs `editorLangId == dockerfile` would not be listed yet.
 */
async function openFile(page, name, shows) {
  const [dir, file] = name.includes('/') ? [name.slice(0, name.lastIndexOf('/')), name.slice(name.lastIndexOf('/') + 1)] : ['', name];
  await page.keyboard.press(`${MOD}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor(WAIT);
  await input.fill(name);
  // The row for the file: its label is the name, its description the folder.
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const row = dir ? rows.filter({ hasText: dir }).first() : rows.first();
  await row.waitFor(WAIT);
  for (let i = 0; i < 10 && !(await row.evaluate((el) => el.classList.contains('focused'))); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // The active tab shows the file name, and the folder when another open file has the same name.
  const tab = page.locator('.tab.active', { hasText: file });
  await (dir ? tab.filter({ hasText: dir }) : tab).first().waitFor(WAIT);
  await page.waitForFunction(
    (text) => {
      const editor = document.querySelector('.editor-instance .monaco-editor.focused');
      return (editor?.querySelector('.view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes(text);
    },
    shows,
    WAIT,
  );
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor(WAIT);
  await input.fill(`>${title}`);
  try {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor(WAIT);
  } catch (e) {
    // Say what the palette offered and where the focus was, since a CI log is all there may be to go on.
    const state = await page
      .evaluate(() => ({
        rows: [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.textContent).slice(0, 8),
        activeTab: document.querySelector('.tab.active')?.textContent ?? null,
        focused: document.activeElement?.className ?? null,
      }))
      .catch(() => undefined);
    throw new Error(`the command palette does not list "${title}": ${JSON.stringify(state)}`, { cause: e });
  }
  await page.keyboard.press('Enter');
}

/** The frame of the preview webview whose document contains #root, once it shows the text. */
async function previewFrame(page, text) {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    for (const frame of page.frames()) {
      try {
        const body = await frame.evaluate(() => document.getElementById('root')?.textContent ?? null);
        if (body && body.includes(text)) return frame;
      } catch {
        /* frame navigating or cross-origin while loading */
      }
    }
    if (Date.now() > deadline) throw new Error(`no preview frame showing "${text}"`);
    await page.waitForEvent('framenavigated', { timeout: 1000 }).catch(() => {});
  }
}

/** Resolves when the active editor's visible text satisfies the test (checked on each animation frame). */
async function waitForEditorText(page, includes, excludes) {
  await page.waitForFunction(
    ([inc, exc]) => {
      const text = (document.querySelector('.editor-instance .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ');
      return text.includes(inc) && !text.includes(exc);
    },
    [includes, excludes],
    WAIT,
  );
}

/** pid → { ppid, args } for every process, from one `ps` call. */
function processTable() {
  const table = new Map();
  for (const line of execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m) table.set(Number(m[1]), { ppid: Number(m[2]), args: m[3] });
  }
  return table;
}

function descendants(table, pid) {
  const out = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [child, p] of table) {
      if (p.ppid === parent) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

export async function runUiTests({ browser, startCodeServer, stopCodeServer, workbenchUrl, screenshots, log }) {
  const passes = [];
  const failures = [];
  let page;
  let rpage;
  const step = async (title, fn) => {
    try {
      await fn();
      passes.push(title);
      console.log(`  ✔ ${title}`);
    } catch (e) {
      // Keep a picture of the failure, then leave no menu or quick input open for the next step.
      const live = rpage ?? page;
      await live?.screenshot({ path: join(screenshots, `failed-${failures.length + 1}.png`) }).catch(() => {});
      for (const p of [page, rpage]) await p?.keyboard.press('Escape').catch(() => {});
      failures.push({ title, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      console.log(`  ✘ ${title}\n      ${String(e instanceof Error ? e.message : e).split('\n')[0]}`);
    }
  };

  // Session 2: a trusted workspace, used as a person would.
  const cs = await startCodeServer({ trust: false });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  const dialogs = [];
  const consoleErrors = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  try {
    await page.goto(workbenchUrl(cs, { tests: false }));
    await page.locator('.monaco-workbench').waitFor(WAIT);
    log('workbench opened for UI tests');

    await step('a Dockerfile shows squiggles for its findings', async () => {
      await openFile(page, 'Dockerfile', 'FROM node:20.11-bookworm-slim');
      await page.locator('.editor-instance .squiggly-error').first().waitFor(WAIT);
      await page.locator('.editor-instance .squiggly-warning').first().waitFor(WAIT);
      await page.screenshot({ path: join(screenshots, 'editor-diagnostics.png') });
    });

    await step('the Problems panel lists the findings', async () => {
      await page.keyboard.press(`${MOD}+Shift+M`);
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Installs the SSH server "openssh-server".' });
      await row.first().waitFor(WAIT);
      for (const text of ['The container runs as root', 'Exposes port 22, the SSH port.', 'ADD copies local "package.json"']) {
        await page.locator('.markers-panel .monaco-list-row', { hasText: text }).first().waitFor(WAIT);
      }
      await page.screenshot({ path: join(screenshots, 'problems.png') });
      await page.keyboard.press(`${MOD}+Shift+M`);
    });

    await step('hovering a finding explains it', async () => {
      const add = page.locator('.editor-instance .view-line', { hasText: 'ADD package.json' }).first();
      await add.waitFor(WAIT);
      const box = await add.boundingBox();
      if (!box) throw new Error('ADD line not visible');
      await page.mouse.move(box.x + 12, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover', { hasText: 'COPY says what it does' });
      await hover.first().waitFor(WAIT);
      await page.locator('.monaco-hover', { hasText: 'Why:' }).first().waitFor(WAIT);
      // The hover fades in: take the picture once it is fully shown.
      await page.waitForFunction(() => [...document.querySelectorAll('.monaco-hover')].some((h) => getComputedStyle(h).opacity === '1' && h.textContent?.includes('Why:')), undefined, WAIT);
      // VS Code puts the diagnostic's message at the top; Bulkhead's explanation follows without repeating it.
      const said = await page.evaluate(() => {
        const hover = [...document.querySelectorAll('.monaco-hover')].find((h) => h.textContent?.includes('Why:'));
        return (hover?.textContent ?? '').split('COPY says what it does').length - 1;
      });
      if (said !== 1) throw new Error(`the hover says the finding's message ${said} times`);
      await page.screenshot({ path: join(screenshots, 'hover.png') });
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    });

    await step('the lightbulb menu applies "Use COPY instead of ADD"', async () => {
      // Put the cursor on the ADD keyword, as a person clicking on the squiggle would; the lightbulb appears.
      const add = page.locator('.editor-instance .view-line', { hasText: 'ADD package.json' }).first();
      const box = await add.boundingBox();
      if (!box) throw new Error('ADD line not visible');
      await page.mouse.click(box.x + 12, box.y + box.height / 2);
      await page.locator('.statusbar-item', { hasText: 'Ln 3,' }).first().waitFor(WAIT);
      // The lightbulb sits in the gutter (a glyph-margin decoration) when the line's text starts at the left
      // edge, as here; elsewhere it is a widget in the text area.
      const bulb = page.locator('.editor-instance').locator('[class*="codicon-gutter-lightbulb"], .lightBulbWidget[class*="codicon-light"]').filter({ visible: true }).first();
      await bulb.waitFor(WAIT);
      await bulb.click();
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Use COPY instead of ADD' });
      await item.first().waitFor(WAIT);
      for (const title of ['Ignore add-instead-of-copy for this instruction', 'Show documentation for add-instead-of-copy']) {
        await page.locator('.action-widget .monaco-list-row', { hasText: title }).first().waitFor(WAIT);
      }
      await page.screenshot({ path: join(screenshots, 'quick-fix.png') });
      // The menu lays a pointer block over the editor that goes away once the mouse moves, as a hand would.
      const itemBox = await item.first().boundingBox();
      if (!itemBox) throw new Error('menu item not visible');
      await page.mouse.move(itemBox.x + 20, itemBox.y + itemBox.height / 2, { steps: 5 });
      await item.first().click();
      await waitForEditorText(page, 'COPY package.json ./', 'ADD package.json');
      await page.locator('.action-widget').first().waitFor({ state: 'hidden', ...WAIT });
    });

    await step('the runtime manifest preview opens beside the editor and shows the manifest', async () => {
      await runCommand(page, 'Bulkhead: Show Runtime Manifest');
      const frame = await previewFrame(page, 'runs as root');
      for (const text of ['Base images', 'node:20.11-bookworm-slim', '3000', '["node","server.js"]', 'No HEALTHCHECK']) {
        const body = await frame.evaluate(() => document.getElementById('root')?.textContent ?? '');
        if (!body.includes(text)) throw new Error(`preview lacks "${text}"`);
      }
      await page.locator('.tab', { hasText: 'Runtime: Dockerfile' }).first().waitFor(WAIT);
      await page.screenshot({ path: join(screenshots, 'preview.png') });
    });

    await step('HTML and script in Dockerfile values render as text, and nothing runs', async () => {
      await openFile(page, 'xss/Dockerfile', 'onerror=alert(1)');
      await runCommand(page, 'Bulkhead: Show Runtime Manifest');
      const frame = await previewFrame(page, 'onerror=alert(1)');
      const { text, injected } = await frame.evaluate(() => {
        const root = document.getElementById('root');
        return { text: root?.textContent ?? '', injected: root ? root.querySelectorAll('img, script, b').length : -1 };
      });
      for (const s of ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '<script>alert(3)</script>', '</script><script>alert(5)</script>']) {
        if (!text.includes(s)) throw new Error(`preview does not show ${s} as text`);
      }
      if (injected !== 0) throw new Error(`${injected} injected element(s) in the preview`);
      // Its own tab, told apart from the first Dockerfile's preview by the folder.
      await page.locator('.tab', { hasText: 'Runtime: xss/Dockerfile' }).first().waitFor(WAIT);
      await frame.evaluate(() => document.getElementById('s-environment')?.scrollIntoView());
      await frame.waitForFunction(() => {
        const r = document.getElementById('s-environment')?.getBoundingClientRect();
        return r !== undefined && r.top >= 0 && r.top < window.innerHeight;
      }, undefined, WAIT);
      await page.screenshot({ path: join(screenshots, 'preview-xss.png') });
      if (dialogs.length > 0) throw new Error(`a dialog opened: ${dialogs.join(', ')}`);
      const alerts = consoleErrors.filter((e) => /alert|Content Security Policy|Refused to/i.test(e));
      if (alerts.length > 0) throw new Error(`console errors: ${alerts.join(' | ')}`);
    });
  } finally {
    await context.close().catch(() => {});
    stopCodeServer(cs);
  }

  // Restricted Mode: the workspace is not trusted. Bulkhead still lints and previews, and starts nothing else.
  const untrusted = await startCodeServer({ trust: true });
  const rcontext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Every request of the workbench, its iframes, webviews and service workers.
  const requests = [];
  rcontext.on('requestfinished', (r) => {
    void r.response().then((res) => requests.push({ url: r.url(), fromServiceWorker: res?.fromServiceWorker() ?? false }));
  });
  rcontext.on('requestfailed', (r) => requests.push({ url: r.url(), fromServiceWorker: false }));
  rpage = await rcontext.newPage();
  rpage.on('websocket', (ws) => requests.push({ url: ws.url(), fromServiceWorker: false }));
  try {
    await rpage.goto(workbenchUrl(untrusted, { tests: false }));
    await rpage.locator('.monaco-workbench').waitFor(WAIT);
    await step('Restricted Mode: an untrusted workspace gets diagnostics and the preview, the server starts no process and opens no socket, the browser talks only to this code-server', async () => {
      const decline = rpage.locator('.monaco-dialog-box .monaco-button', { hasText: /don't trust|Restricted Mode/i });
      await decline.first().waitFor(WAIT);
      await decline.first().click();
      await rpage.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor(WAIT);
      await openFile(rpage, 'Dockerfile', 'FROM node:20.11-bookworm-slim');
      await rpage.locator('.editor-instance .squiggly-error').first().waitFor(WAIT);
      await rpage.locator('.editor-instance .squiggly-warning').first().waitFor(WAIT);
      await runCommand(rpage, 'Bulkhead: Show Runtime Manifest');
      await previewFrame(rpage, 'runs as root');
      await rpage.screenshot({ path: join(screenshots, 'restricted-mode.png') });

      // The language server is the only process Bulkhead runs: exactly one among this code-server's descendants,
      // and it has no children of its own.
      const table = processTable();
      const tree = descendants(table, untrusted.proc.pid);
      const servers = tree.filter((pid) => /dist\/server\.js/.test(table.get(pid)?.args ?? ''));
      if (servers.length !== 1) throw new Error(`expected one language server under code-server ${untrusted.proc.pid}, found ${servers.length}`);
      const server = servers[0];
      const spawned = descendants(table, server).map((pid) => `${pid} ${table.get(pid)?.args}`);
      if (spawned.length > 0) throw new Error(`the language server started processes: ${spawned.join(' | ')}`);
      // No network from the server: no TCP or UDP socket (its only channel is the IPC pipe to the extension host).
      const sockets = execFileSync('ss', ['-Htuanp'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(`pid=${server},`));
      if (sockets.length > 0) throw new Error(`the language server holds network sockets: ${sockets.join(' | ')}`);
      // No network from the browser side (workbench, webviews) beyond this code-server.
      const origin = `127.0.0.1:${untrusted.port}`;
      // Webview resources have vscode-cdn.net URLs that the webview's service worker answers from the workbench.
      const foreign = requests.filter(({ url: u, fromServiceWorker }) => {
        const url = new URL(u);
        return /^(https?|wss?):$/.test(url.protocol) && url.host !== origin && !fromServiceWorker;
      });
      if (foreign.length > 0) throw new Error(`requests beyond code-server: ${[...new Set(foreign.map((r) => r.url))].join(', ')}`);
      if (requests.length === 0) throw new Error('no request recorded: the check would prove nothing');
      const served = requests.filter((r) => r.fromServiceWorker).length;
      log(`Restricted Mode: ${requests.length} browser requests, all to ${origin} (${served} answered by the webview service worker); language server ${server} has no children and no sockets`);
    });
  } finally {
    await rcontext.close().catch(() => {});
    stopCodeServer(untrusted);
  }
  return { passes, failures };
}
