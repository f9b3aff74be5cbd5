import { scopeRuleFiles } from '../lib/rules/scope';
import { medianMs } from './measure';
import { readUpstreamRules } from './upstream-rules';

const RUNS = 15;

/**
 * Scoping the three upstream rule files (load, merge, wrap every condition, order, print) in one
 * warm process: the median of 15 runs after 3 warm-up runs. File reading is outside the timing.
 */
export async function benchScope(): Promise<{ name: string; medianMs: number; runs: number }> {
  const inputs = readUpstreamRules();
  const work = (): void => {
    const result = scopeRuleFiles(inputs, { namespaces: ['prod'], field: 'k8smeta.ns.name' });
    // A run that failed would be fast and meaningless.
    if (result.files.length !== inputs.length) throw new Error('scoping the upstream rules failed');
  };
  return { name: 'scope the three upstream rule files (warm)', medianMs: await medianMs(work, RUNS), runs: RUNS };
}

if (require.main === module) {
  benchScope().then((r) => console.log(`${r.medianMs.toFixed(1)} ms  median of ${r.runs}  ${r.name}`));
}
