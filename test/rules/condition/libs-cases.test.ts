import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, parseCondition, printCondition, stripLocations } from '../../../lib/rules/condition';
import { catchError } from './helpers';
import { libsAsString } from './libs-as-string';

/** One case of `libs-0.25.4-cases.json` (its `about` says where each field comes from). */
interface LibsCase {
  /** `<test file>:<line>` under falcosecurity/libs@0.25.4:userspace/libsinsp/test/. */
  readonly at: string;
  readonly test: string;
  readonly input: string;
  /** Whether libs' parser accepts the input. */
  readonly accept: boolean;
  /** `test_accept`: the padded, line-break and tab variants must parse too. */
  readonly variants: boolean;
  /** libs' `as_string` of the tree, for an accepted input. */
  readonly ast: string | undefined;
  /** compile stage only: whether the test expects libs' compiler to accept it. */
  readonly compiles: boolean | undefined;
}

const CASES_FILE = path.join(__dirname, 'libs-0.25.4-cases.json');

function readCases(stage: 'parse' | 'compile'): LibsCase[] {
  const data: unknown = JSON.parse(fs.readFileSync(CASES_FILE, 'utf8'));
  const list: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, stage) : undefined;
  if (!Array.isArray(list)) throw new Error(`${CASES_FILE} has no '${stage}' array`);
  return list.map((item: unknown, i): LibsCase => {
    const field = (key: string): unknown => (typeof item === 'object' && item !== null ? Reflect.get(item, key) : undefined);
    const at = field('at');
    const test = field('test');
    const input = field('input');
    const accept = field('accept');
    const variants = field('variants') ?? false;
    const ast = field('ast');
    const compiles = field('compiles');
    if (
      typeof at !== 'string' ||
      !/^[\w/.-]+:\d+$/.test(at) ||
      typeof test !== 'string' ||
      typeof input !== 'string' ||
      typeof accept !== 'boolean' ||
      typeof variants !== 'boolean' ||
      (ast !== undefined && typeof ast !== 'string') ||
      (compiles !== undefined && typeof compiles !== 'boolean') ||
      accept !== (ast !== undefined)
    ) {
      throw new Error(`${stage}[${i}] of ${CASES_FILE} is malformed: ${JSON.stringify(item)}`);
    }
    return { at, test, input, accept, variants, ast, compiles };
  });
}

const PARSE_CASES = readCases('parse');
const COMPILE_CASES = readCases('compile');

/** libs `test_accept` (filter_parser.ut.cpp:55-72): the input, then padded, then spaces to line breaks, then to tabs. */
function withVariants(c: LibsCase): string[] {
  if (!c.variants) return [c.input];
  const padded = ` ${c.input} `;
  return [c.input, padded, padded.replace(/ /g, '\n'), padded.replace(/ /g, '\t')];
}

function title(c: LibsCase): string {
  return `${c.at} ${c.accept ? 'accepts' : 'rejects'} ${JSON.stringify(c.input)}`;
}

/** Parses as libs does: the same tree (compared in libs' printed form), which also prints and parses back to itself. */
function expectAcceptedLikeLibs(c: LibsCase): void {
  for (const input of withVariants(c)) {
    expect(() => parseCondition(input), JSON.stringify(input)).not.toThrow();
  }
  const ast = parseCondition(c.input);
  expect(libsAsString(ast)).toBe(c.ast);
  expect(stripLocations(parseCondition(printCondition(ast)))).toEqual(stripLocations(ast));
}

function expectRejected(c: LibsCase): void {
  expect(catchError(() => parseCondition(c.input))).toBeInstanceOf(ConditionSyntaxError);
}

describe('the parser cases of libs 0.25.4 (filter_parser.ut.cpp), as data', () => {
  it('has every assertion of the test file: 384 accepted, 195 rejected', () => {
    expect(PARSE_CASES.filter((c) => c.accept)).toHaveLength(384);
    expect(PARSE_CASES.filter((c) => !c.accept)).toHaveLength(195);
    expect(PARSE_CASES.every((c) => c.at.startsWith('filter_parser.ut.cpp:'))).toBe(true);
  });

  it.each(PARSE_CASES.map((c): [string, LibsCase] => [title(c), c]))('%s', (_title, c) => {
    if (c.accept) {
      expectAcceptedLikeLibs(c);
    } else {
      expectRejected(c);
    }
  });
});

describe('the filters of libs 0.25.4 compiler tests parse as in libs', () => {
  // Compiling is not parsing: 176 of these strings parse but fail libs' compiler (types,
  // transformer arity, `val(x)[k]`, …), which is the linter's business. The parser must give
  // each one libs' parser's verdict and tree.
  it('has every filter string of the three test files: 647 parse, 10 do not', () => {
    expect(COMPILE_CASES.filter((c) => c.accept)).toHaveLength(647);
    expect(COMPILE_CASES.filter((c) => !c.accept)).toHaveLength(10);
    expect(COMPILE_CASES.filter((c) => c.compiles === true)).toHaveLength(471);
  });

  it.each(COMPILE_CASES.map((c): [string, LibsCase] => [title(c), c]))('%s', (_title, c) => {
    if (c.accept) {
      expectAcceptedLikeLibs(c);
    } else {
      expectRejected(c);
    }
  });
});
