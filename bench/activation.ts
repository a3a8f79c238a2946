/**
 * Extension activation, as VS Code counts it: loading the client bundle and running `activate()` until it
 * returns (the language server then starts in the background; its start-up is the "first diagnostics" row).
 * Run in a fresh Node.js process per sample with a stand-in for the `vscode` module that answers every
 * property with a callable, constructible stand-in, so the client's own code runs in full; the time of the real
 * workbench's API calls is not in it.
 *
 *   node dist/bench-activation.js <client.js>     prints one sample in ms as JSON
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

/** The `vscode` module's top-level names, from its type declarations (bundles copy a module's own keys). */
function vscodeNames(): string[] {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of dts.matchAll(/^\t?export (?:namespace|class|enum|const|function|let) ([A-Za-z_]\w*)/gm)) if (m[1]) names.add(m[1]);
  return [...names];
}

function standIn(name: string, keys: readonly string[] = []): unknown {
  const target = function () {
    /* stand-in */
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.toPrimitive) return () => name;
      if (name === 'vscode' && prop === 'version') return '1.100.0';
      if (prop === 'prototype') return {};
      if (prop === Symbol.iterator) return function* () {};
      return standIn(`${name}.${String(prop)}`);
    },
    ownKeys: () => [...keys, 'prototype'],
    getOwnPropertyDescriptor: (t, prop) =>
      prop === 'prototype' ? Object.getOwnPropertyDescriptor(t, prop) : keys.includes(String(prop)) ? { configurable: true, enumerable: true, value: standIn(`${name}.${String(prop)}`) } : undefined,
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`) as object,
  });
}

let vscodeModule: unknown;
const moduleInternals = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const load = moduleInternals._load;
moduleInternals._load = function (request: string, parent: unknown, isMain: boolean): unknown {
  if (request === 'vscode') return (vscodeModule ??= standIn('vscode', vscodeNames()));
  return load.call(this, request, parent, isMain);
};

const client = path.resolve(process.argv[2] ?? 'dist/client.js');
const started = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(client) as { activate: (context: unknown) => unknown };
const loaded = performance.now();
const context = { subscriptions: [], asAbsolutePath: (p: string) => path.join(path.dirname(client), '..', p), extensionPath: path.dirname(client), extensionUri: standIn('uri') };
extension.activate(context);
const activated = performance.now();
process.stdout.write(`${JSON.stringify({ loadMs: loaded - started, activateMs: activated - loaded, totalMs: activated - started })}\n`);
// The stand-in client never connects: leave at once.
process.exit(0);
