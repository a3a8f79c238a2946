import { performance } from 'node:perf_hooks';

/**
 * Line-wise delta debugging (ddmin), bounded in time: the smallest set of lines, in order, that still fails the
 * same way. Lines keep their own line breaks, so CR, LF and CRLF survive. Then, while time is left, the same on
 * characters of what is left when it is small.
 */
export function minimise(text: string, fails: (candidate: string) => boolean, budgetMs: number): { text: string; probes: number } {
  const deadline = performance.now() + budgetMs;
  let probes = 0;
  const test = (parts: readonly string[]): boolean => {
    probes++;
    return fails(parts.join(''));
  };
  const ddmin = (start: string[]): string[] => {
    let parts = start;
    let n = 2;
    while (parts.length >= 2 && performance.now() < deadline) {
      const size = Math.ceil(parts.length / n);
      let reduced = false;
      for (let i = 0; i < parts.length && performance.now() < deadline; i += size) {
        const complement = [...parts.slice(0, i), ...parts.slice(i + size)];
        if (complement.length > 0 && test(complement)) {
          parts = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (n >= parts.length) break;
        n = Math.min(parts.length, n * 2);
      }
    }
    return parts;
  };
  const lines = ddmin(text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [text]);
  let out = lines.join('');
  if (out.length <= 2000 && performance.now() < deadline) out = ddmin(out.split('')).join('');
  return { text: out, probes };
}
