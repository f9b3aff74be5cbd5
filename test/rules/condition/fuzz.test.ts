import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConditionSyntaxError, formatConditionError, parseCondition, printCondition, stripLocations } from '../../../lib/rules/condition';
import { UPSTREAM_RULE_FILES } from '../../support/shared-dir';
import { mulberry32 } from '../../support/prng';


const SEED = 0x5eed_f41c;
const MUTATIONS = 4000;
/** Characters and words that sit on the grammar's edges. */
const INSERTS = [
  '(', ')', '[', ']', ',', '=', '"', "'", '\\', ' ', '\n', '\t', '\b', 'not ', 'not(', ' and ', ' or ', 'and', 'or',
  'in', 'exists', 'contains', '<=', '!=', '==', 'val(', 'tolower(', 'join(', '0x', '1e+5', '-', '.', 'a', 'z.z', '\\q', '\\"',
  ' oneof ', 'anyof', ' allof (', '[t]', '[', 'getopt(', 'concat(',
];

const CORPUS = UPSTREAM_RULE_FILES.flatMap((file) =>
  (parseYaml(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[])
    .map((item) => item.condition)
    .filter((c): c is string => typeof c === 'string'),
);

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const at = Math.floor(random() * (text.length + 1));
  const tokens = text.split(/(\s+)/);
  const ti = Math.floor(random() * tokens.length);
  const tj = Math.floor(random() * tokens.length);
  switch (Math.floor(random() * 8)) {
    case 0: // delete a character
      return text.slice(0, at) + text.slice(at + 1);
    case 1: // insert an edge character or word
      return text.slice(0, at) + pick(INSERTS) + text.slice(at);
    case 2: // duplicate a character
      return text.slice(0, at) + text.slice(at, at + 1) + text.slice(at);
    case 3: // swap two adjacent characters
      return text.slice(0, at) + text.slice(at + 1, at + 2) + text.slice(at, at + 1) + text.slice(at + 2);
    case 4: // delete a token
      return [...tokens.slice(0, ti), ...tokens.slice(ti + 1)].join('');
    case 5: // duplicate a token
      return [...tokens.slice(0, ti + 1), tokens[ti] ?? '', ...tokens.slice(ti + 1)].join('');
    case 6: {
      // swap two tokens
      const copy = [...tokens];
      [copy[ti], copy[tj]] = [copy[tj] as string, copy[ti] as string];
      return copy.join('');
    }
    default: // cut the text short
      return text.slice(0, at);
  }
}

describe('fuzzing the parser with mutated upstream conditions', () => {
  it(`returns an AST that round-trips or throws ConditionSyntaxError, for ${MUTATIONS} mutations (seed ${SEED})`, () => {
    const random = mulberry32(SEED);
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      let input = CORPUS[Math.floor(random() * CORPUS.length)] as string;
      const rounds = 1 + Math.floor(random() * 3);
      for (let r = 0; r < rounds; r++) {
        input = mutate(input, random);
      }
      let outcome: unknown;
      try {
        outcome = parseCondition(input);
      } catch (e) {
        outcome = e;
      }
      if (outcome instanceof ConditionSyntaxError) {
        rejected++;
        expect(outcome.offset, input).toBeGreaterThanOrEqual(0);
        expect(outcome.offset, input).toBeLessThanOrEqual(input.length);
        expect(outcome.end.offset, input).toBeGreaterThanOrEqual(outcome.start.offset);
        expect(outcome.end.offset, input).toBeLessThanOrEqual(input.length);
        expect(formatConditionError(outcome), input).toMatch(/ \(\d+:\d+\)$/);
        continue;
      }
      expect(outcome, `${JSON.stringify(input)} threw something other than ConditionSyntaxError`).not.toBeInstanceOf(Error);
      accepted++;
      const ast = outcome as ReturnType<typeof parseCondition>;
      const printed = printCondition(ast);
      expect(stripLocations(parseCondition(printed)), `${JSON.stringify(input)} printed as ${JSON.stringify(printed)}`).toEqual(
        stripLocations(ast),
      );
    }
    // The mutations must exercise both outcomes, or the test proves little.
    expect(accepted).toBeGreaterThan(MUTATIONS / 10);
    expect(rejected).toBeGreaterThan(MUTATIONS / 10);
    // Bounded: no single parse of a corpus-sized input may take long. The
    // bound is generous on purpose (slow CI); a backtracking blow-up takes seconds.
  });
});
