import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository root, found from this compiled file wherever the tests were transpiled to (out/, or a folder
 * given to `scripts/build.mjs --tests-out`): the nearest folder upwards with package.json and server/src.
 */
export const REPO_ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'server', 'src'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${__dirname}`);
  }
})();

/** The shared corpus of real-world Dockerfiles beside the checkout (may be absent). */
export const CORPUS_DOCKERFILES = path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'dockerfiles');
