// Bundles the client, the language server, the CLI, the webview script, the docs generator, the
// benchmark and the tests with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// `--tests-out=DIR` transpiles only the engine and the tests into DIR (e.g. `.tools/out-mine`), leaving out/ and
// dist/ alone, so that several checkouts of work in progress can run their own tests side by side:
// `npx mocha --require DIR/test/setup.js 'DIR/test/rules/**/*.test.js'`.
const testsOut = process.argv.find((a) => a.startsWith('--tests-out='))?.slice('--tests-out='.length);

function sourceFiles(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  minify: production,
  target: 'node20',
  platform: 'node',
  format: 'cjs',
  // Without the `module` condition, CommonJS packages (dockerfile-ast) get the CommonJS build of their
  // dependencies (vscode-languageserver-types) instead of the ESM one behind esbuild's export getters, which
  // sit on the parser's hottest paths: parsing a 2,000-line Dockerfile takes 10–15% less time.
  conditions: ['node'],
};

// web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle does not have.
const importMeta = {
  define: { 'import.meta.url': '__bulkheadImportMetaUrl' },
  banner: { js: "const __bulkheadImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const builds = [
  { ...common, ...importMeta, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli.ts', 'gen-docs': 'scripts/gen-docs.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { preview: 'client/src/webview/preview.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'es2022' },
  // The benchmark and its helper processes load the peers from node_modules, as a user's script would.
  { ...common, entryPoints: { bench: 'bench/bench.ts', 'bench-peer': 'bench/peer.ts', 'bench-usage': 'bench/usage-preload.ts', 'bench-activation': 'bench/activation.ts' }, outdir: 'dist', packages: 'external' },
  // Tests are transpiled file by file (not bundled) so that they share one instance of each engine module
  // with the mocha setup that initialises the shell parser.
  {
    ...common,
    bundle: false,
    entryPoints: ['test', 'server/src', 'shared/src', 'client/src'].flatMap((d) => sourceFiles(d)).map((p) => ({ in: p, out: p.replace(/\.ts$/, '') })),
    outdir: 'out',
  },
];

const isFile = (p) => { try { return statSync(p).isFile(); } catch { return false; } };
// Entry points that do not exist (yet) are skipped rather than failing the whole build.
const present = (b) => ({
  ...b,
  entryPoints: Array.isArray(b.entryPoints)
    ? b.entryPoints.filter((e) => isFile(e.in))
    : Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => isFile(p))),
});
if (testsOut) {
  const tests = builds[builds.length - 1];
  rmSync(testsOut, { recursive: true, force: true });
  await esbuild.build({ ...present(tests), outdir: testsOut });
  process.exit(0);
}

rmSync('out', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), 'dist/tree-sitter-bash.wasm');

const hasEntries = (b) => (Array.isArray(b.entryPoints) ? b.entryPoints.length : Object.keys(b.entryPoints).length) > 0;

for (const b of builds.map(present).filter(hasEntries)) {
  if (watch) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  } else {
    await esbuild.build(b);
  }
}
for (const bin of ['dist/cli.js', 'dist/server.js']) {
  try { chmodSync(bin, 0o755); } catch { /* not built yet */ }
}
