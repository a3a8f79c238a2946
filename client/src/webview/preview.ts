import type { HostMessage, ManifestCommand, ManifestImage, RuntimeManifest, WebviewMessage } from '../../../shared/src/protocol';

/**
 * The runtime manifest preview. Every value is put in the page with textContent: nothing from the
 * Dockerfile is ever parsed as HTML.
 */

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

function code(text: string): HTMLElement {
  return el('code', {}, text);
}

/**
 * An image reference as code that a narrow panel wraps after "/", ":", "@" or "-" (word-break opportunities
 * as elements, so the text stays text) rather than in the middle of a name.
 */
function imageCode(text: string): HTMLElement {
  const parts = text.split(/(?<=[/:@-])/);
  const e = el('code', {});
  parts.forEach((part, i) => {
    if (i > 0) e.append(document.createElement('wbr'));
    e.append(document.createTextNode(part));
  });
  return e;
}

function lineLink(line: number | null): Child {
  if (line === null) return null;
  const a = el('button', { class: 'line', type: 'button', title: `Go to line ${line + 1}`, 'aria-label': `Go to line ${line + 1}` }, `line ${line + 1}`);
  a.addEventListener('click', () => vscode.postMessage({ type: 'reveal', line }));
  return a;
}

/** A short subject (a name, a flag, an instruction) kept readable in a narrow pane: it wraps only past 10em. */
function subject(text: string): HTMLElement {
  const e = code(text);
  e.classList.add('subject');
  return e;
}

function badge(text: string, kind: 'good' | 'bad' | 'warn' | 'neutral', title?: string): HTMLElement {
  return el('span', { class: `badge ${kind}`, ...(title ? { title } : {}) }, text);
}

function section(title: string, ...content: Child[]): HTMLElement {
  const id = `s-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...content);
}

function empty(text: string): HTMLElement {
  return el('p', { class: 'muted' }, text);
}

function table(headers: string[], rows: Child[][]): HTMLElement {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

function imageText(img: ManifestImage): string {
  if (img.kind === 'stage') return `stage ${img.stage ?? ''}`;
  if (img.kind === 'scratch') return 'scratch';
  return img.resolved ?? img.written;
}

function commandBlock(label: string, cmd: ManifestCommand | null): HTMLElement {
  if (!cmd) return el('div', { class: 'kv' }, el('span', { class: 'k' }, label), el('span', { class: 'muted' }, 'not set'));
  return el(
    'div',
    { class: 'kv' },
    el('span', { class: 'k' }, label),
    el(
      'div',
      {},
      el('div', {}, badge(cmd.form === 'exec' ? 'exec form' : 'shell form', cmd.form === 'exec' ? 'good' : 'warn', cmd.form === 'exec' ? 'The process receives signals directly' : 'Runs under a shell, which may not forward signals'), ' ', lineLink(cmd.line)),
      el('pre', {}, JSON.stringify(cmd.effective)),
    ),
  );
}

function render(m: RuntimeManifest, fileName: string): HTMLElement {
  const out = el('div', {});
  out.append(el('h1', {}, 'Runtime manifest ', el('span', { class: 'muted' }, `· ${fileName}`)));
  if (m.finalStage === null) {
    out.append(empty('No FROM instruction: nothing runs yet.'));
    return out;
  }
  const u = m.user;
  const summary = el(
    'div',
    { class: 'badges', role: 'list', 'aria-label': 'Summary' },
    u.isRoot === true ? badge('runs as root', 'bad') : u.isRoot === false ? badge('non-root', 'good') : badge('user unknown until build', 'warn'),
    u.isRoot === false ? (u.numeric ? badge('numeric UID', 'good', 'Kubernetes runAsNonRoot can verify it') : badge('named user', 'warn', 'Kubernetes runAsNonRoot cannot verify a user name')) : null,
    m.healthcheck && !m.healthcheck.disabled ? badge('healthcheck', 'good') : badge('no healthcheck', 'warn'),
    m.env.some((e) => e.masked) ? badge('secret-looking ENV', 'bad', 'Values are stored in the image config; values are masked here') : null,
    m.trust.some((t) => t.kind === 'insecure') ? badge('trust turned off', 'bad', 'TLS, signature checks or a safe build step are turned off: see Secrets and trust') : null,
    m.ports.some((p) => p.port === 22) ? badge('port 22', 'bad') : null,
    m.findings.length > 0 ? badge(`${m.findings.length} finding${m.findings.length === 1 ? '' : 's'}`, m.findings.some((f) => f.severity === 'error') ? 'bad' : 'warn') : badge('no findings', 'good'),
  );
  for (const b of Array.from(summary.children)) b.setAttribute('role', 'listitem');
  out.append(summary);

  out.append(
    section(
      'User',
      el(
        'div',
        { class: 'kv' },
        el('span', { class: 'k' }, 'USER'),
        el('span', {}, code(u.value ?? 'unknown'), ' ', lineLink(u.line)),
      ),
      el('div', { class: 'kv' }, el('span', { class: 'k' }, 'UID / GID'), el('span', {}, `${u.uid ?? '?'} / ${u.gid ?? '?'}`)),
      el(
        'div',
        { class: 'kv' },
        el('span', { class: 'k' }, 'Set by'),
        el(
          'span',
          {},
          u.source === 'USER' ? 'a USER instruction' : u.source === 'parent-stage' ? 'the stage it builds on' : u.source === 'base-image' ? 'the base image (known non-root image)' : 'nothing: the base image\'s default, root unless it sets one',
        ),
      ),
    ),
  );

  const TRUST_KINDS = { secret: 'secret', 'credential-file': 'credential file', insecure: 'trust off' } as const;
  out.append(
    section(
      'Secrets and trust',
      m.trust.length === 0
        ? empty('No secret-looking names, credential files or insecure settings found.')
        : table(
            ['Kind', 'What', 'Why', ''],
            m.trust.map((t) => [badge(TRUST_KINDS[t.kind], t.kind === 'insecure' || t.kind === 'credential-file' ? 'bad' : 'warn'), subject(t.subject), t.code ? el('span', {}, t.detail, ' ', el('span', { class: 'muted' }, t.code)) : t.detail, lineLink(t.line)]),
          ),
    ),
  );

  out.append(
    section(
      'Base images',
      table(
        ['Image', 'Digest', 'Registry', ''],
        m.baseImages.map((b) => [
          // The reference names its tag; say what a missing one means.
          el('span', {}, imageCode(imageText(b)), b.kind === 'image' && !b.tag && !b.digest ? el('span', { class: 'muted' }, ' no tag: latest') : null),
          b.digest ? code(b.digest) : b.kind === 'image' ? 'not pinned' : '—',
          b.registry ?? '—',
          lineLink(b.line),
        ]),
      ),
    ),
  );

  out.append(
    section(
      'Ports',
      m.ports.length === 0
        ? empty('No ports exposed.')
        : table(['Port', 'Protocol', ''], m.ports.map((p) => [p.port !== null ? String(p.port) : code(p.written), p.protocol, lineLink(p.line)])),
    ),
  );

  out.append(
    section(
      'Filesystem',
      el('div', { class: 'kv' }, el('span', { class: 'k' }, 'Working directory'), el('span', {}, m.workdir ? code(m.workdir) : el('span', { class: 'muted' }, 'not set (/)'))),
      m.volumes.length === 0 ? empty('No volumes declared.') : table(['Volume', ''], m.volumes.map((v) => [code(v.path), lineLink(v.line)])),
    ),
  );

  out.append(section('Process', commandBlock('ENTRYPOINT', m.entrypoint), commandBlock('CMD', m.cmd), m.stopSignal ? el('div', { class: 'kv' }, el('span', { class: 'k' }, 'STOPSIGNAL'), code(m.stopSignal)) : null));

  const hc = m.healthcheck;
  out.append(
    section(
      'Healthcheck',
      !hc
        ? empty('No HEALTHCHECK: a hung process looks healthy to Docker and Compose.')
        : hc.disabled
          ? el('p', {}, 'Disabled with ', code('HEALTHCHECK NONE'), ' ', lineLink(hc.line))
          : el(
              'div',
              {},
              commandBlock('Test', hc.test),
              el('div', { class: 'kv' }, el('span', { class: 'k' }, 'Timing'), el('span', {}, `interval ${hc.interval ?? '30s (default)'}, timeout ${hc.timeout ?? '30s (default)'}, retries ${hc.retries ?? '3 (default)'}`)),
            ),
    ),
  );

  out.append(
    section(
      'Environment',
      m.env.length === 0
        ? empty('No ENV set in this Dockerfile.')
        : table(['Name', 'Value', ''], m.env.map((e) => [code(e.name), e.masked ? el('span', { class: 'masked', title: 'Masked: the name looks like a secret' }, e.value ?? '') : e.value === null ? el('span', { class: 'muted' }, 'unknown until build') : code(e.value), lineLink(e.line)])),
    ),
  );

  out.append(section('Labels', m.labels.length === 0 ? empty('No labels.') : table(['Key', 'Value', ''], m.labels.map((l) => [code(l.key), code(l.value), lineLink(l.line)]))));

  out.append(
    section(
      'Stages',
      table(
        ['#', 'Name', 'From', 'OS', 'User', ''],
        m.stages.map((s) => [
          String(s.index),
          el('span', {}, s.name ?? '—', s.isFinal && ' ', s.isFinal && badge('final', 'neutral')),
          imageCode(imageText(s.base)),
          s.os,
          s.user ?? '?',
          lineLink(s.line),
        ]),
      ),
    ),
  );

  out.append(
    section(
      'Findings',
      m.findings.length === 0
        ? empty('No findings.')
        : table(['Severity', 'Rule', 'Message', ''], m.findings.map((f) => [badge(f.severity, f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'neutral'), code(`${f.code} ${f.name}`), f.message, lineLink(f.line)])),
    ),
  );
  return out;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  if (!msg || msg.type !== 'manifest') return;
  root.replaceChildren();
  if (msg.error) {
    root.append(el('h1', {}, 'Runtime manifest'), el('p', { class: 'error', role: 'alert' }, `Could not compute the manifest: ${msg.error}`));
    return;
  }
  if (!msg.manifest) {
    root.append(el('h1', {}, 'Runtime manifest'), empty(`${msg.fileName} is not open in the language server yet.`));
    return;
  }
  root.append(render(msg.manifest, msg.fileName));
});

vscode.postMessage({ type: 'ready' });
