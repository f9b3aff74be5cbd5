import * as fs from 'node:fs';
import * as path from 'node:path';
import { scopeRuleFiles } from '../lib/rules/scope';
import { medianMs } from './measure';

/** The pinned upstream files, read from the reference copy beside the repository (`../shared`). */
const UPSTREAM_DIR = path.resolve(__dirname, '..', '..', 'shared', 'upstream', 'falco-rules');
const UPSTREAM_FILES = ['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml'];
const RUNS = 15;

/**
 * Scoping the three upstream rule files (load, merge, wrap every condition, order, print) in one
 * warm process: the median of 15 runs after 3 warm-up runs. File reading is outside the timing.
 */
export async function benchScope(): Promise<{ name: string; medianMs: number; runs: number }> {
  const inputs = UPSTREAM_FILES.map((name) => ({ name, text: fs.readFileSync(path.join(UPSTREAM_DIR, name), 'utf8') }));
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
