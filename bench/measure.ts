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
  const [median] = await mediansSideBySide([work], runs, warmup);
  return median!;
}

/**
 * Like `medianMs` for several pieces of work measured in turn, one run of each per round, so a
 * machine that is slower for a while (a shared host) slows all of them alike: for figures that
 * are compared with each other, as a command's start-up with Node's own.
 */
export async function mediansSideBySide(works: ReadonlyArray<() => unknown>, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) for (const work of works) await work();
  const times: number[][] = works.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, work] of works.entries()) {
      const start = performance.now();
      await work();
      times[k]!.push(performance.now() - start);
    }
  }
  return times.map((t) => median(t));
}

function median(times: number[]): number {
  times.sort((a, b) => a - b);
  const middle = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
}
