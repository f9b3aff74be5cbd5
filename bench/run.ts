/**
 * `npm run bench`: the performance figures the issues set targets for, measured on this machine
 * (median wall time; warm process unless the name says otherwise). Exits 1 if a target is missed.
 */
import { benchLint } from './lint';
import type { BenchResult } from './measure';
import { benchScope } from './scope';
import { benchSynthCommand, benchSynthInProcess } from './synth';

async function main(): Promise<void> {
  const results: BenchResult[] = [
    await benchSynthInProcess({ vendorUpstream: false }),
    await benchSynthInProcess({ vendorUpstream: true }),
    await benchSynthCommand(),
    { ...(await benchLint()), targetMs: 150 },
    { ...(await benchScope()), targetMs: 200 },
  ];
  let missed = 0;
  for (const r of results) {
    const verdict = r.targetMs === undefined ? '' : r.medianMs <= r.targetMs ? `  (target < ${r.targetMs} ms: met)` : `  (target < ${r.targetMs} ms: MISSED)`;
    if (r.targetMs !== undefined && r.medianMs > r.targetMs) missed++;
    console.log(`${r.medianMs.toFixed(1).padStart(8)} ms  median of ${String(r.runs).padStart(2)}  ${r.name}${verdict}`);
  }
  process.exitCode = missed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
