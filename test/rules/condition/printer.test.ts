import { describe, expect, it } from 'vitest';
import {
  ConditionPrintError,
  Expr,
  NO_LOC,
  parseCondition,
  printCondition,
  printNode,
  stripLocations,
} from '../../../lib/rules/condition';
import { catchError, loadFixtures } from './helpers';

/** print(parse(x)), checking on the way that it parses back to the same tree. */
function canonical(input: string): string {
  const ast = parseCondition(input);
  const printed = printCondition(ast);
  expect(stripLocations(parseCondition(printed)), printed).toEqual(stripLocations(ast));
  return printed;
}

describe('printCondition', () => {
  describe.each(loadFixtures('parse'))('round-trips fixture $name', ({ input }) => {
    it('prints text that parses back to the same AST, and printing is idempotent', () => {
      const printed = canonical(input);
      expect(canonical(printed)).toBe(printed);
    });
  });

  it.each([
    ['a or b and c', 'a or b and c'],
    ['(a or b) and c', '(a or b) and c'],
    ['(a and b) and c', '(a and b) and c'],
    ['a or (b or c)', 'a or (b or c)'],
    ['not (a or b)', 'not (a or b)'],
    ['not (not a)', 'not (not a)'],
    ['not a and b', 'not a and b'],
    ['not(a and b)', 'not (a and b)'],
    ['(not)', '(not)'],
    ['not (not)', 'not (not)'],
    ['evt.type=execve\n  and   proc.name  =  bash', 'evt.type = execve and proc.name = bash'],
    ['test.op existsand macro', 'test.op exists and macro'],
    ['x.y <= 0x1F', 'x.y <= 0x1F'],
    ["x.y = 'bash'", 'x.y = bash'],
    ["x.y = ''", 'x.y = ""'],
    ['x.y = C:\\dir', 'x.y = C:\\dir'],
    ["x.y = 'a b'", 'x.y = "a b"'],
    ["x.y = 'a=b'", 'x.y = "a=b"'],
    ["x.y = 'f(x)'", 'x.y = "f(x)"'],
    ["x.y = 'it\\'s'", 'x.y = "it\'s"'],
    ['x.y = "say \\"hi\\""', 'x.y = "say \\"hi\\""'],
    ["proc.name in ('\"(systemd)\"', 'a,b', '', bash, 1194)", 'proc.name in ("\\"(systemd)\\"", "a,b", "", bash, 1194)'],
    ["k8s.pod.label['app name'] = web", 'k8s.pod.label["app name"] = web'],
    ['proc.aname[2] = sshd', 'proc.aname[2] = sshd'],
    ['test.str[""] = empty', 'test.str[""] = empty'],
    ['proc.name in shell_binaries', 'proc.name in shell_binaries'],
    ['proc.name = val( proc.pname )', 'proc.name = val(proc.pname)'],
    ["join('-->',(proc.pid,123,\"lit\",tolower(fd.name))) exists", 'join("-->", (proc.pid, 123, "lit", tolower(fd.name))) exists'],
    ['join("-", ()) = /tmp', 'join("-", ()) = /tmp'],
    ["tolower('abc') = abc", 'tolower("abc") = abc'],
    ['proc.name  ==\toneof\n(cat,nginx)', 'proc.name == oneof (cat, nginx)'],
    ["proc.name contains anyof ('a b', x)", 'proc.name contains anyof ("a b", x)'],
    ['proc.name = allof my_list', 'proc.name = allof my_list'],
    ['proc.name == oneof ()', 'proc.name == oneof ()'],
    ['x.y == oneof android', 'x.y == oneof android'],
    ['proc.name == oneof', 'proc.name == oneof'],
    ['(proc.name == anyof) and not (x.y != allof)', 'proc.name == anyof and not x.y != allof'],
    ['getopt(proc.args, "nt:")["t"] = value', 'getopt(proc.args, "nt:")[t] = value'],
    ["getopt(proc.args, 'nt:')['a b'] = v", 'getopt(proc.args, "nt:")["a b"] = v'],
    ['a.b = val( c.d )[""]', 'a.b = val(c.d)[""]'],
    ['join("-", (getopt(proc.args, "nt:")[t], a.b)) in (x)', 'join("-", (getopt(proc.args, "nt:")[t], a.b)) in (x)'],
  ])('prints %j as %j', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  it('escapes control characters exactly as the lexer unescapes them', () => {
    const expr: Expr = {
      type: 'binary_check',
      left: { type: 'field', field: 'x.y', loc: NO_LOC },
      op: '=',
      right: { type: 'value', value: 'l1\nl2\tt\rr\bb\ff', loc: NO_LOC },
      loc: NO_LOC,
    };
    const printed = printCondition(expr);
    expect(printed).toBe('x.y = "l1\\nl2\\tt\\rr\\bb\\ff"');
    expect(stripLocations(parseCondition(printed))).toEqual(stripLocations(expr));
  });

  it('writes a final backslash as "\\ " because a quote right after a backslash never closes a string', () => {
    for (const value of ['a b\\', 'a b\\\\', '\\', 'x"\\']) {
      const expr: Expr = {
        type: 'binary_check',
        left: { type: 'field', field: 'x.y', loc: NO_LOC },
        op: '=',
        right: { type: 'value', value, loc: NO_LOC },
        loc: NO_LOC,
      };
      const printed = printCondition(expr);
      expect(printed.endsWith('\\ "') || !printed.includes('"'), printed).toBe(true);
      expect(stripLocations(parseCondition(printed)), printed).toEqual(stripLocations(expr));
    }
  });

  it('prints single nodes with printNode', () => {
    const expr = parseCondition('join("-", (fd.name, "a b")) in (x, "y z")');
    if (expr.type !== 'binary_check') throw new Error('expected a binary check');
    expect(printNode(expr.left)).toBe('join("-", (fd.name, "a b"))');
    expect(printNode(expr.right)).toBe('(x, "y z")');
  });

  describe('fails when the tree has no text form', () => {
    const field = { type: 'field', field: 'x.y', loc: NO_LOC } as const;
    const cases: [string, Expr, string][] = [
      [
        'val() is on the left side',
        {
          type: 'unary_check',
          left: { type: 'field_transformer', transformer: 'val', values: [field], loc: NO_LOC },
          op: 'exists',
          loc: NO_LOC,
        },
        'the left side of a check must be a field or a transformer other than val(), got val()',
      ],
      [
        'a numeric operator has a non-number',
        { type: 'binary_check', left: field, op: '>', right: { type: 'value', value: 'abc', loc: NO_LOC }, loc: NO_LOC },
        `'>' needs a number on its right, got the value "abc"`,
      ],
      [
        'a list operator has a value that is not a list name',
        { type: 'binary_check', left: field, op: 'in', right: { type: 'value', value: 'a-b', loc: NO_LOC }, loc: NO_LOC },
        `'in' needs a list or a list name on its right, got the value "a-b"`,
      ],
      [
        'a string operator has a list',
        {
          type: 'binary_check',
          left: field,
          op: '=',
          right: { type: 'list', values: ['a'], valueLocs: [NO_LOC], loc: NO_LOC },
          loc: NO_LOC,
        },
        `'=' needs a value on its right, got a list`,
      ],
      [
        'a modifier follows a numeric operator',
        {
          type: 'binary_check',
          left: field,
          op: '>',
          modifier: 'oneof',
          right: { type: 'list', values: ['1'], valueLocs: [NO_LOC], loc: NO_LOC },
          loc: NO_LOC,
        },
        "the modifier 'oneof' can only follow a string operator, not '>'",
      ],
      [
        'a modifier has a transformer on its right',
        {
          type: 'binary_check',
          left: field,
          op: '==',
          modifier: 'anyof',
          right: { type: 'field_transformer', transformer: 'tolower', values: [field], loc: NO_LOC },
          loc: NO_LOC,
        },
        "'== anyof' needs a list or a list name on its right, other than 'and', 'or', 'not' and names starting with " +
          "'and_', 'or_', 'not_', got tolower()",
      ],
      [
        'the list name after a modifier would read as a keyword',
        { type: 'binary_check', left: field, op: '=', modifier: 'allof', right: { type: 'value', value: 'not_x', loc: NO_LOC }, loc: NO_LOC },
        "'= allof' needs a list or a list name on its right, other than 'and', 'or', 'not' and names starting with " +
          `'and_', 'or_', 'not_', got the value "not_x"`,
      ],
      [
        'an and node has one child',
        { type: 'and', children: [{ type: 'identifier', identifier: 'a', loc: NO_LOC }], loc: NO_LOC },
        "an 'and' node needs at least 2 children, got 1",
      ],
      [
        'a macro name is not an identifier',
        { type: 'identifier', identifier: 'a.b', loc: NO_LOC },
        "'a.b' is not a valid macro name ([a-zA-Z][a-zA-Z0-9_]*)",
      ],
      [
        'a value needing quotes contains NUL',
        { type: 'binary_check', left: field, op: '=', right: { type: 'value', value: 'a b\0', loc: NO_LOC }, loc: NO_LOC },
        'a value containing a NUL character can only be written bare, and this one cannot',
      ],
    ];
    it.each(cases)('fails when %s', (_name, expr, message) => {
      const error = catchError(() => printCondition(expr));
      expect(error).toBeInstanceOf(ConditionPrintError);
      expect((error as Error).message).toBe(message);
    });
  });
});
