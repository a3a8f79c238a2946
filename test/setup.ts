import { initEngineForNode } from '../server/src/node-init';

/** Mocha root hook: load the shell grammar once before any test. */
export const mochaHooks = {
  async beforeAll(): Promise<void> {
    await initEngineForNode();
  },
};
