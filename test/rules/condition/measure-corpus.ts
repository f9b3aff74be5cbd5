/**
 * Times parsing every rule and macro condition of the three upstream rule
 * files. Not a test (timings do not belong in assertions); run it with
 * `npx tsx test/rules/condition/measure-corpus.ts`.
 */
import * as fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseCondition } from '../../../lib/rules/condition';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

const conditions = UPSTREAM_RULE_FILES.flatMap((file) =>
  (parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[])
    .map((item) => item.condition)
    .filter((c): c is string => typeof c === 'string'),
);
const chars = conditions.reduce((n, c) => n + c.length, 0);

function parseAll(): number {
  const started = process.hrtime.bigint();
  for (const c of conditions) {
    parseCondition(c);
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const cold = parseAll();
for (let i = 0; i < 20; i++) {
  parseAll(); // warm-up
}
const warm = Array.from({ length: 50 }, parseAll).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)] as number;
console.log(`${conditions.length} conditions, ${chars} characters`);
console.log(`cold: ${cold.toFixed(2)} ms`);
console.log(`warm: median ${median.toFixed(2)} ms, min ${(warm[0] as number).toFixed(2)} ms, max ${(warm[warm.length - 1] as number).toFixed(2)} ms`);
