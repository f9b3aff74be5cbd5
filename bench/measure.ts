import { performance } from 'node:perf_hooks';

export interface BenchResult {
  readonly name: string;
  readonly medianMs: number;
  readonly runs: number;
  /** The target this figure is held to, if any. */
  readonly targetMs?: number;
  /** How to print the target, when `< targetMs ms` does not say it (e.g. a multiple of another figure). */
  readonly target?: string;
}

/** Runs `work` `warmup` times unmeasured, then `runs` times, and returns the median wall time. */
export async function medianMs(work: () => unknown, runs: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
}
