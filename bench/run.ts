/**
 * `npm run bench`: the performance figures the issues set targets for, measured on this machine
 * (median wall time; warm process unless the name says otherwise). Exits 1 if a target is missed.
 * `npm run bench -- startup` measures only whole-process start-up (bench/startup.ts).
 */
import type { BenchResult } from './measure';
import { benchStartup } from './startup';

/** The in-process figures; loaded only when measured, as they import lib/ and test/ helpers by path. */
async function benchInProcess(): Promise<BenchResult[]> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { benchLint } = require('./lint') as typeof import('./lint');
  const { benchScope } = require('./scope') as typeof import('./scope');
  const { benchSynthCommand, benchSynthInProcess } = require('./synth') as typeof import('./synth');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return [
    await benchSynthInProcess({ vendorUpstream: false }),
    await benchSynthInProcess({ vendorUpstream: true }),
    await benchSynthCommand(),
    { ...(await benchLint()), targetMs: 150 },
    { ...(await benchScope()), targetMs: 200 },
  ];
}

async function main(args: readonly string[]): Promise<void> {
  const unknown = args.filter((a) => a !== 'startup');
  if (unknown.length > 0) {
    console.error(`usage: npm run bench [-- startup]; unknown argument ${unknown.map((a) => JSON.stringify(a)).join(' ')}`);
    process.exitCode = 2;
    return;
  }
  const results: BenchResult[] = [...(args.includes('startup') ? [] : await benchInProcess()), ...(await benchStartup())];
  let missed = 0;
  for (const r of results) {
    const target = r.target ?? `< ${r.targetMs} ms`;
    const verdict = r.targetMs === undefined ? '' : r.medianMs <= r.targetMs ? `  (target ${target}: met)` : `  (target ${target}: MISSED)`;
    if (r.targetMs !== undefined && r.medianMs > r.targetMs) missed++;
    console.log(`${r.medianMs.toFixed(1).padStart(8)} ms  median of ${String(r.runs).padStart(2)}  ${r.name}${verdict}`);
  }
  process.exitCode = missed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
