// Summaries of timing samples for `npm run bench` (no vscode import: used in Node and in the host).

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  total: number;
}

/** Nearest-rank percentiles (the p95 of 200 samples is the 190th smallest), in the samples' unit, rounded to 0.01. */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const total = s.reduce((a, b) => a + b, 0);
  const r = (x: number): number => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(rank(50) ?? 0), p95: r(rank(95) ?? 0), max: r(s[s.length - 1] ?? 0), mean: r(s.length ? total / s.length : 0), total: r(total) };
}

export function mb(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10;
}

/** Runs task(0..count-1) with at most `width` in flight, starting them in order. */
export async function pool(count: number, width: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, count)) }, lane));
}

/** A garbage collection when it can be had (node --expose-gc, or switched on at run time), so that heap figures are live data. */
export function collectGarbage(): void {
  const g = (globalThis as { gc?: () => void }).gc ?? exposeGc();
  g?.();
  g?.();
}

function exposeGc(): (() => void) | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const v8 = require('node:v8') as typeof import('node:v8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vm = require('node:vm') as typeof import('node:vm');
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
