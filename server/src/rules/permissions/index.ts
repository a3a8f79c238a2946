import type { Rule, Uncovered } from '../types';
import { containerSocketExposed } from './container-socket-exposed';
import { privilegedPortNonRoot } from './privileged-port-non-root';
import { setuidBitAdded } from './setuid-bit-added';
import { worldWritablePath } from './world-writable-path';

/** The rules of this family; the registry in ../index.ts sorts them with the others. */
export const PERMISSION_RULES: readonly Rule[] = [worldWritablePath, setuidBitAdded, containerSocketExposed, privilegedPortNonRoot];

/** Checks of other tools this family answers for without a rule of the same meaning, and why. */
export const PERMISSION_UNCOVERED: readonly Uncovered[] = [];
