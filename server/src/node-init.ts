import * as fs from 'node:fs';
import * as path from 'node:path';
import { initEngine } from './engine';

/** Finds the grammar files next to the bundle (dist/) or in node_modules, and starts the engine. */
export async function initEngineForNode(): Promise<void> {
  await initEngine({
    runtimeWasm: locate('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm'),
    bashWasm: locate('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'),
  });
}

function locate(file: string, modulePath: string): string {
  const local = path.join(__dirname, file);
  if (fs.existsSync(local)) return local;
  return require.resolve(modulePath);
}
