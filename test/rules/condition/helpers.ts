import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConditionSyntaxError, formatConditionError, parseCondition, stripLocations } from '../../../lib/rules/condition';
import type { ParseOptions } from '../../../lib/rules/condition';

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

/**
 * One fixture file: the condition, a line `---`, then the expectation as YAML, optionally opened
 * by a comment `# falcosecurity/libs@0.25.4:…` naming the upstream lines the case follows.
 */
export interface Fixture {
  readonly name: string;
  readonly input: string;
  readonly expected: unknown;
  /** The text of the expectation's opening `# ` comment line, if any. */
  readonly citation: string | undefined;
}

/** Reads every `*.txt` fixture of `fixtures/<kind>`, sorted by name. */
export function loadFixtures(kind: 'parse' | 'errors'): Fixture[] {
  const dir = path.join(FIXTURES_DIR, kind);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const separator = text.indexOf('\n---\n');
      if (separator === -1) {
        throw new Error(`fixture ${file} has no '---' line between the input and the expectation`);
      }
      const expectation = text.slice(separator + 5);
      const citation = /^# (.*)/.exec(expectation.split('\n', 1)[0] ?? '')?.[1];
      return {
        name: file.replace(/\.txt$/, ''),
        input: text.slice(0, separator),
        expected: parseYaml(expectation),
        citation,
      };
    });
}

/** The condition parses, and its AST (without locations) is `expected`. */
export function assertParses(input: string, expected: unknown, options?: ParseOptions): void {
  expect(stripLocations(parseCondition(input, options))).toEqual(expected);
}

export interface ExpectedError {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The condition is rejected with exactly this code, position and message (as `formatConditionError` shows it). */
export function assertFails(input: string, expected: ExpectedError, options?: ParseOptions): void {
  const error = catchError(() => parseCondition(input, options));
  expect(error).toBeInstanceOf(ConditionSyntaxError);
  const e = error as ConditionSyntaxError;
  expect({ code: e.code, line: e.line, column: e.column, message: formatConditionError(e) }).toEqual(expected);
}

/** The condition is accepted (whatever its AST). */
export function assertAccepts(input: string): void {
  expect(() => parseCondition(input), JSON.stringify(input)).not.toThrow();
}

/** The condition is rejected with a ConditionSyntaxError (whatever its details). */
export function assertRejects(input: string): void {
  const error = catchError(() => parseCondition(input));
  expect(error, JSON.stringify(input)).toBeInstanceOf(ConditionSyntaxError);
}

export function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw, but it returned normally');
}
