import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, DEFAULT_MAX_DEPTH, parseCondition } from '../../../lib/rules/condition';
import { assertAccepts, assertFails, assertParses, assertRejects, catchError } from './helpers';

/**
 * Accept/reject cases from falcosecurity/libs
 * `userspace/libsinsp/test/filter_parser.ut.cpp` (libs 0.25.x), which pins
 * down what the real parser takes. libs' `test_accept` also retries each input
 * with spaces around it and every space turned into a line break, then a tab;
 * `acceptsEverywhere` does the same.
 */
function acceptsEverywhere(input: string): void {
  assertAccepts(input);
  const padded = ` ${input} `;
  assertAccepts(padded);
  assertAccepts(padded.replace(/ /g, '\n'));
  assertAccepts(padded.replace(/ /g, '\t'));
}

describe('parseCondition accepts what libs accepts', () => {
  it.each([
    '  a',
    '(a)',
    'a and b',
    'a and b and(c)',
    '(a)and(b)and(c)',
    'a or b or(c)',
    '(a)or(b)or(c)',
    '(a.a exists and b)',
    'a.a=1 or b.b=2 and c',
    'not (a)',
    'not(a)',
    'not (not (a))',
    'not (a.b=1)',
    'not a.a exists',
    'not not(a)',
    'not(not(a))',
    'not(a)and(not(b))',
    "a.b = 'bla'",
    'a.b = not',
    "a.b icontains 'bla'",
    "a.g in (1, 'a', b)",
    'fd.name=*.log',
    "a.g in (1, 'a', b.c)",
    'a and notb',
    'a or notb',
    'macro and not not_macro',
    'macro and and_macro',
    '((macro) and (or_macro))',
    'evt.arg[0] contains /bin',
    'evt.arg[a] contains /bin',
    'test.str = testval',
    'test.str = ""',
    "test.str = ''",
    'test.str = "0a!@#456:/.; !$%^&*[]{}|"',
    'test.str[aaaa1] = a',
    'test.str[+0.25e+10] = a',
    "test.str['a aa'] = a",
    'test.str = "mixed \'"',
    'test.num <= 0x12345',
    'test.num > -0.1222e+10',
    'test.str = !0.1222e+10',
    'test.str = 0xAAA.1',
    'test.str = 0aaaaa',
    "test.list in ('single-quoted')",
    'test.list in (0a!@#456:/\\.;!$%^&*[]{}|, value)',
    'test.op =value',
    'test.op ==value',
    'test.op !=value',
    'test.op >1',
    'test.op <=1',
    'test.op in()',
    'test.op intersects()',
    'test.op pmatch()',
    'b64(test.field) exists or not b64(test.field) contains \'a\'',
    'b64(b64( test.field)) exists',
    'b64(b64(test.field) ) exists',
    'some.field = b64 or(some_macro)',
    "some.field = 'some_fake_transformer(some_macro)'",
    'tolower(some.field) = b64(test.field) or tolower(other.field) = tolower(anoter.field)',
    'join(",", (proc.name, proc.pid)) = "myproc,123"',
    'join("-", ( fd.name , fd.directory )) = /tmp',
    'join( "-", (fd.name, fd.directory)) = /tmp',
    'len(toupper(join("-", (fd.name, fd.directory)))) = 10',
    'evt.type = tolower(join("-", (fd.name, fd.directory)))',
  ])('accepts %j (also padded, with line breaks and with tabs)', (input) => {
    acceptsEverywhere(input);
  });

  it('accepts a string whose last escape is a backslash-space (libs keeps it for old rules)', () => {
    assertParses('test.str = "bad escape \\ " ', {
      type: 'binary_check',
      left: { type: 'field', field: 'test.str' },
      op: '=',
      right: { type: 'value', value: 'bad escape \\' },
    });
  });

  it('skips backspaces and CR LF line breaks as blanks, like libs lex_blank', () => {
    assertParses('\ta\b\band\r\nb\t', {
      type: 'and',
      children: [
        { type: 'identifier', identifier: 'a' },
        { type: 'identifier', identifier: 'b' },
      ],
    });
  });

  it('accepts a form feed or vertical tab after not (libs matches not[[:space:]]+)', () => {
    assertParses('not\fa', { type: 'not', child: { type: 'identifier', identifier: 'a' } });
    assertParses('not\va', { type: 'not', child: { type: 'identifier', identifier: 'a' } });
  });
});

describe('parseCondition rejects what libs rejects', () => {
  it.each([
    'a andb',
    'aand b',
    'a and b or',
    'a and b not',
    'and a',
    'or a',
    'a or b and',
    'a not b and',
    'a not b not',
    'aor b',
    'a and or b',
    'a andor b',
    'a not b',
    'anot b',
    'a andnot b',
    '(a)andnot(b)',
    'a ornot b',
    '(a)ornot(b)',
    'a.b = b = 1',
    'a.g in ( 1 ,, , b)',
    '#a and b; # ; ; a and b',
    'test.str = a,',
    'test.str = a=',
    'test.str = a(\'")',
    "test.str = '",
    'test.str = \'"',
    'test.str = missing start quote',
    'test.str = "broken escape double quote""',
    "test.str = 'broken escape single quote''",
    'test.str = "mixed \\\'"',
    'test.str[0a!@#456:/\\.;!$%^&*[]{}] = testval',
    'test.str[[] = testval',
    'test.str[]] = testval',
    "test.str['''] = a",
    'test.str[ = testval',
    'test.str] = testval',
    'test.num < 0xAAA.1',
    'test.num >= 0aaaaa',
    'test.list in (',
    'test.list in )',
    'test.list in (value,,)',
    'test.list in (,   ,)',
    'test.list > (value)',
    'test.list = (value)',
    'test.list startswith (value)',
    'test.list contains (value)',
    'test.op exists something',
    'test.op ===',
    'test.op !== value',
    'test.op startswithvalue',
    'test.op bstartswithvalue',
    'test.op endswithvalue',
    'test.op icontainsvalue',
    'test.op bcontainsvalue',
    'test.op globvalue',
    'test.op iglobvalue',
    'test.op >',
    'test.op <=',
    'test.op in',
    'test.op intersects',
    'val(val(test.field)) exists',
    'val(b64(test.field)) exists',
    'some_fake_transformer (test.field) exists',
    'some.fake.transformer(test.field) exists',
    'b64,(test.field) exists',
    'b64(testfield)) exists',
    'b64(test_field)) exists',
    'b64(b64)) exists',
    'b64\n(test.field) exists',
    'b64(test.field exists',
    'test.field) exists',
    'b64(b64(test.field exists',
    'b64(test.field)) exists',
    '(test.field) exists',
    '(test.field exists',
    'a(test.field) exists',
    'a(b(test.field)) exists',
    'some.field = b64and(some_macro)',
    'some.field = b64or(some_macro)',
    'some.field = val(test.field [1])',
    'some.field = val(val(test.field))',
    'some.field = b64 (test.field)',
    'some.field = (b64(test.field)',
    'some.field = b64(test.field))',
    'some.field = ((b64(test.field)))',
    'some.field = b64\n(test.field)',
    'some.field = (test.field)',
    'some.field in (b64(test.field))',
    'some.field in (a, b, b64(test.field))',
    'join("-", (fd.name, fd.directory) = /tmp',
    'join("-", fd.name, fd.directory)) = /tmp',
    'join("-", (,)) = /tmp',
    'join("-", (,fd.name)) = /tmp',
    'join("-", (fd.name,,fd.directory)) = /tmp',
    'join("-", ((fd.name))) = /tmp',
    'join("-", (macro)) = /tmp',
  ])('rejects %j', (input) => {
    assertRejects(input);
  });
});

describe('parseCondition locations', () => {
  /**
   * libs `TEST(parser, position_*)` print `<kind><idx> <line> <col>` for every
   * node, parents first; this is the same listing for our AST.
   */
  function positions(input: string): string {
    const names: Record<string, string> = {
      binary_check: 'binary',
      unary_check: 'unary',
      field_transformer: 'transformer',
      transformer_list: 'transformer_list',
    };
    let out = '';
    const visit = (node: { type: string; loc: { offset: number; line: number; column: number } }): void => {
      out += `${names[node.type] ?? node.type}${node.loc.offset} ${node.loc.line} ${node.loc.column}`;
      const n = node as unknown as Record<string, unknown>;
      const kids = [n.children, n.child, n.left, n.right, n.values].flatMap((k) =>
        k === undefined ? [] : Array.isArray(k) ? (k as unknown[]) : [k],
      );
      for (const kid of kids) {
        if (typeof kid === 'object' && kid !== null) {
          visit(kid as never);
        }
      }
    };
    visit(parseCondition(input) as never);
    return out;
  }

  it.each([
    ['proc.name exists', 'unary0 1 1field0 1 1'],
    ['proc.name=nginx', 'binary0 1 1field0 1 1value10 1 11'],
    ['proc.aname[3]=nginx', 'binary0 1 1field0 1 1value14 1 15'],
    ['proc.name = nginx', 'binary0 1 1field0 1 1value12 1 13'],
    ['proc.name in ( nginx, apache)', 'binary0 1 1field0 1 1list13 1 14'],
    ['not proc.name=nginx', 'not0 1 1binary4 1 5field4 1 5value14 1 15'],
    ['(proc.name=nginx or proc.name=apache)', 'or1 1 2binary1 1 2field1 1 2value11 1 12binary20 1 21field20 1 21value30 1 31'],
    [
      '(proc.aname[2]=nginx and evt.type in (connect,accept)) or (not fd.name exists) or ' +
        '(proc.name=apache and evt.type=switch)',
      'or0 1 1and1 1 2binary1 1 2field1 1 2value15 1 16binary25 1 26field25 1 26list37 1 38not59 1 60unary63 1 64' +
        'field63 1 64and83 1 84binary83 1 84field83 1 84value93 1 94binary104 1 105field104 1 105value113 1 114',
    ],
    [
      'b64(evt.name) exists and tolower(toupper(evt.type)) in val(some.field) or proc.name=b64(tolower(some.field))',
      'or0 1 1and0 1 1unary0 1 1transformer0 1 1field4 1 5binary25 1 26transformer25 1 26transformer33 1 34' +
        'field41 1 42transformer55 1 56field59 1 60binary74 1 75field74 1 75transformer84 1 85transformer88 1 89field96 1 97',
    ],
    // falcosecurity/libs@0.25.4:userspace/libsinsp/test/filter_parser.ut.cpp:1520-1533
    ['proc.name == oneof (cat)', 'binary0 1 1field0 1 1list19 1 20'],
    ['proc.name == oneof my_list', 'binary0 1 1field0 1 1value19 1 20'],
    ['getopt(proc.args,"nt:")[t] = val(a.b)[k]', 'binary0 1 1transformer0 1 1field7 1 8value17 1 18transformer29 1 30field33 1 34'],
  ])('puts every node of %j where libs does', (input, expected) => {
    expect(positions(input)).toBe(expected);
  });

  it('puts the nodes of a multi-line condition at their line and column', () => {
    // libs gives the outermost `or` the position before the leading line
    // break ("or0 1 1"); we put every node at its first character.
    const input = '\n(proc.aname[2]=nginx\n     and evt.type in (connect,accept))\n   or (not fd.name exists)\n   or (proc.name=apache\n       and evt.type=switch)';
    expect(positions(input)).toBe(
      'or1 2 1and2 2 2binary2 2 2field2 2 2value16 2 16binary31 3 10field31 3 10list43 3 22not68 4 8unary72 4 12' +
        'field72 4 12and95 5 8binary95 5 8field95 5 8value105 5 18binary123 6 12field123 6 12value132 6 21',
    );
  });

  it('gives each node the length of its source text', () => {
    const input = 'evt.type in (open, openat) and not proc.name = "a b"';
    const expr = parseCondition(input);
    const slice = (loc: { offset: number; length?: number }): string => input.slice(loc.offset, loc.offset + (loc.length ?? 0));
    if (expr.type !== 'and') throw new Error('expected and');
    const [inCheck, notCheck] = expr.children;
    if (inCheck?.type !== 'binary_check' || notCheck?.type !== 'not' || notCheck.child.type !== 'binary_check') {
      throw new Error('unexpected shape');
    }
    expect(slice(expr.loc)).toBe(input);
    expect(slice(inCheck.loc)).toBe('evt.type in (open, openat)');
    expect(slice(inCheck.right.loc)).toBe('(open, openat)');
    expect(slice(notCheck.loc)).toBe('not proc.name = "a b"');
    expect(slice(notCheck.child.right.loc)).toBe('"a b"');
  });

  it('gives a modifier check and an indexed transformer the length of their source text', () => {
    const input = 'getopt(proc.args, "nt:")[t] startswith anyof (a, b)';
    const expr = parseCondition(input);
    if (expr.type !== 'binary_check') throw new Error('expected a binary check');
    const slice = (loc: { offset: number; length?: number }): string => input.slice(loc.offset, loc.offset + (loc.length ?? 0));
    expect(slice(expr.loc)).toBe(input);
    expect(slice(expr.left.loc)).toBe('getopt(proc.args, "nt:")[t]');
    expect(slice(expr.right.loc)).toBe('(a, b)');
  });

  it('records where each list item was written', () => {
    const expr = parseCondition('proc.name in (\n  bash,\n  "z sh"\n)');
    if (expr.type !== 'binary_check' || expr.right.type !== 'list') throw new Error('expected a list check');
    expect(expr.right.valueLocs).toEqual([
      { line: 2, column: 3, offset: 17, length: 4 },
      { line: 3, column: 3, offset: 25, length: 6 },
    ]);
  });

  it('finds a deep node of a multi-line macro-style condition', () => {
    const input = [
      'spawned_process',
      '  and container',
      '  and (proc.name in (shell_binaries)',
      '       or (proc.pname = runc and',
      '           tolower(proc.aname[2]) startswith "ku"))',
    ].join('\n');
    const expr = parseCondition(input);
    if (expr.type !== 'and') throw new Error('expected and');
    const or = expr.children[2];
    if (or?.type !== 'or') throw new Error('expected or');
    const inner = or.children[1];
    if (inner?.type !== 'and') throw new Error('expected inner and');
    const check = inner.children[1];
    if (check?.type !== 'binary_check' || check.left.type !== 'field_transformer') throw new Error('expected a transformer check');
    const field = check.left.values[0];
    expect(check.loc).toMatchObject({ line: 5, column: 12 });
    expect(field?.loc).toMatchObject({ line: 5, column: 20, length: 13 });
    expect(check.right.loc).toMatchObject({ line: 5, column: 46, length: 4 });
  });

  it('counts a CR LF as one line break', () => {
    const expr = parseCondition('a and\r\nb');
    if (expr.type !== 'and') throw new Error('expected and');
    expect(expr.children[1]?.loc).toEqual({ line: 2, column: 1, offset: 7, length: 1 });
  });
});

describe('parseCondition recursion limit', () => {
  const nested = (levels: number): string => `${'('.repeat(levels)}a${')'.repeat(levels)}`;

  it('uses Falco\'s limit of 1000 by default', () => {
    expect(DEFAULT_MAX_DEPTH).toBe(1000);
  });

  it('accepts 150 nested parentheses under the default limit', () => {
    assertParses(nested(150), { type: 'identifier', identifier: 'a' });
  });

  it('fails when parentheses nest past the default limit, without overflowing the stack', () => {
    const error = catchError(() => parseCondition(nested(100_000)));
    expect(error).toBeInstanceOf(ConditionSyntaxError);
    expect((error as ConditionSyntaxError).code).toBe('max-depth');
  });

  it('fails when a condition nests deeper than a custom limit, with the exact message', () => {
    // Each '(' costs the or/and/not/check/'(' productions: 5 levels, as in libs.
    assertFails(
      nested(3),
      {
        code: 'max-depth',
        line: 1,
        column: 3,
        message:
          "the condition nests deeper than the parser's limit of 12 levels: move parts of it into macros or remove redundant parentheses (1:3)",
      },
      { maxDepth: 12 },
    );
    assertParses(nested(1), { type: 'identifier', identifier: 'a' }, { maxDepth: 12 });
  });

  it('fails when maxDepth is not a positive integer', () => {
    expect(() => parseCondition('a', { maxDepth: 0 })).toThrow(
      new RangeError("'maxDepth' (0) must be a positive integer; the default is 1000"),
    );
    expect(() => parseCondition('a', { maxDepth: 2.5 })).toThrow(RangeError);
  });

  it('counts nested not( and transformers too', () => {
    const deepNot = `${'not('.repeat(400)}a${')'.repeat(400)}`;
    expect((catchError(() => parseCondition(deepNot)) as ConditionSyntaxError).code).toBe('max-depth');
    const deepTransformer = `${'tolower('.repeat(600)}a.b${')'.repeat(600)} = x`;
    expect((catchError(() => parseCondition(deepTransformer)) as ConditionSyntaxError).code).toBe('max-depth');
  });
});

describe('ConditionSyntaxError', () => {
  it('carries code, position, expected and found, and formats a pointer to the source', () => {
    const source = 'evt.type = open\n  and proc.name === bash';
    const error = catchError(() => parseCondition(source)) as ConditionSyntaxError;
    expect(error).toBeInstanceOf(ConditionSyntaxError);
    expect(error.name).toBe('ConditionSyntaxError');
    expect(error.code).toBe('expected-value');
    expect([error.line, error.column, error.offset]).toEqual([2, 19, 34]);
    expect(error.expected).toEqual(['a bare or quoted string', 'val(<field>)', 'a transformer']);
    expect(error.found).toBe("'='");
    expect(error.format(source)).toBe(
      [
        "expected one of a bare or quoted string, val(<field>), a transformer after '==' but found '=' (2:19)",
        '2 |   and proc.name === bash',
        '  |                   ^',
      ].join('\n'),
    );
  });
});
