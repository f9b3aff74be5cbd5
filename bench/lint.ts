import { lintRuleTexts } from '../lib/rules/lint';
import { medianMs } from './measure';
import { readUpstreamRules } from './upstream-rules';

const RUNS = 15;

/**
 * Linting the three upstream rule files in load order (YAML, merge, every lint rule) in one warm
 * process: the median of 15 runs after 3 warm-up runs. File reading is outside the timing.
 */
export async function benchLint(): Promise<{ name: string; medianMs: number; runs: number }> {
  const inputs = readUpstreamRules();
  const work = (): void => {
    const diagnostics = lintRuleTexts(inputs);
    // A run that failed early would be fast and meaningless.
    if (diagnostics.some((d) => d.severity === 'error')) throw new Error('linting the upstream rules reported errors');
  };
  return { name: 'lint the three upstream rule files (warm)', medianMs: await medianMs(work, RUNS), runs: RUNS };
}

if (require.main === module) {
  benchLint().then((r) => console.log(`${r.medianMs.toFixed(1)} ms  median of ${r.runs}  ${r.name}`));
}
