import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCondition, printCondition, stripLocations } from '../../../lib/rules/condition';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';

interface UpstreamCondition {
  readonly file: string;
  readonly kind: 'rule' | 'macro';
  readonly name: string;
  readonly condition: string;
}

/** Every rule and macro condition of the pinned upstream files, read in place. */
function upstreamConditions(): UpstreamCondition[] {
  const out: UpstreamCondition[] = [];
  for (const file of UPSTREAM_RULE_FILES) {
    const items = parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[];
    for (const item of items) {
      const kind = typeof item.rule === 'string' ? 'rule' : typeof item.macro === 'string' ? 'macro' : undefined;
      if (kind !== undefined && typeof item.condition === 'string') {
        out.push({ file: path.basename(file), kind, name: item[kind] as string, condition: item.condition });
      }
    }
  }
  return out;
}

const CORPUS = upstreamConditions();

describe('upstream falco-rules corpus (falco-rules-5.1.0)', () => {
  it('has every rule and macro of the three files (MANIFEST.md: 93 rules, 352 macros)', () => {
    expect(CORPUS.filter((c) => c.kind === 'rule')).toHaveLength(25 + 31 + 37);
    expect(CORPUS.filter((c) => c.kind === 'macro')).toHaveLength(87 + 82 + 183);
  });

  it.each(CORPUS.map((c) => [`${c.file} ${c.kind} '${c.name}'`, c] as const))('%s parses and round-trips', (_label, c) => {
    const ast = parseCondition(c.condition);
    const printed = printCondition(ast);
    expect(stripLocations(parseCondition(printed))).toEqual(stripLocations(ast));
  });

  it('never has a top-level or in a rule condition (MANIFEST.md)', () => {
    const topLevelOr = CORPUS.filter((c) => c.kind === 'rule' && parseCondition(c.condition).type === 'or');
    expect(topLevelOr.map((c) => c.name)).toEqual([]);
  });
});
