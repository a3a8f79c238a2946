import type { Alias } from './types';

/**
 * Trivy's Dockerfile checks go by three spellings: `DS-0002` today, `DS002` in older releases and `AVD-DS-0002`
 * in its vulnerability database. Ignore comments and config files may use any of them.
 */
export function trivy(n: string, differs?: string): Alias[] {
  const num = n.padStart(4, '0');
  const extra = differs === undefined ? {} : { differs };
  return [
    { tool: 'trivy', id: `DS-${num}`, ...extra },
    { tool: 'trivy', id: `DS${num.slice(1)}`, ...extra },
    { tool: 'trivy', id: `AVD-DS-${num}`, ...extra },
  ];
}

/** The IDs of a Trivy check in all its spellings, for a finding's `aliases`. */
export function trivyIds(n: string): string[] {
  return trivy(n).map((a) => a.id);
}
