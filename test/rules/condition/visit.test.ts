import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  Expr,
  Node,
  NO_LOC,
  parseCondition,
  printCondition,
  stripLocations,
  transform,
  walk,
} from '../../../lib/rules/condition';

const CONDITION = 'spawned_process and not proc.name in (a, b) and tolower(proc.aname[2]) = val(proc.pname)';

describe('walk', () => {
  it('visits every node once, parents before children, in source order', () => {
    const seen: string[] = [];
    walk(parseCondition(CONDITION), (node, { depth }) => {
      seen.push(`${depth}:${node.type}`);
    });
    expect(seen).toEqual([
      '0:and',
      '1:identifier',
      '1:not',
      '2:binary_check',
      '3:field',
      '3:list',
      '1:binary_check',
      '2:field_transformer',
      '3:field',
      '2:field_transformer',
      '3:field',
    ]);
  });

  it('visits in the same order when the visitor does not take the context (no parents tracked then)', () => {
    const withContext: string[] = [];
    const without: string[] = [];
    walk(parseCondition(CONDITION), (node, _context) => void withContext.push(node.type));
    walk(parseCondition(CONDITION), (node) => void without.push(node.type));
    expect(without).toEqual(withContext);
    expect(without).toHaveLength(11);
    const fields: string[] = [];
    walk(parseCondition(CONDITION), { field: (n) => void fields.push(n.field) });
    expect(fields).toEqual(['proc.name', 'proc.aname', 'proc.pname']);
  });

  it('calls only the handlers of a visitor map, with the parent', () => {
    const fields: string[] = [];
    walk(parseCondition(CONDITION), {
      field: (node, { parent }) => {
        fields.push(`${node.field}<${parent?.type}`);
      },
    });
    expect(fields).toEqual(['proc.name<binary_check', 'proc.aname<field_transformer', 'proc.pname<field_transformer']);
  });

  it("does not descend into a node whose visitor returns 'skip'", () => {
    const seen: string[] = [];
    walk(parseCondition(CONDITION), (node) => {
      seen.push(node.type);
      return node.type === 'not' ? 'skip' : undefined;
    });
    expect(seen).not.toContain('list');
    expect(seen).toContain('field_transformer');
  });

  it('walks a tree deeper than the call stack could recurse', () => {
    let expr: Expr = { type: 'identifier', identifier: 'a', loc: NO_LOC };
    for (let i = 0; i < 50_000; i++) {
      expr = { type: 'not', child: expr, loc: NO_LOC };
    }
    let count = 0;
    walk(expr, () => {
      count++;
    });
    expect(count).toBe(50_001);
  });

  it('lists the direct children of every node kind', () => {
    const expr = parseCondition('join("-", (a.b)) exists');
    if (expr.type !== 'unary_check') throw new Error('expected unary');
    expect(childrenOf(expr).map((n) => n.type)).toEqual(['field_transformer']);
    expect(childrenOf(expr.left).map((n) => n.type)).toEqual(['value', 'transformer_list']);
  });
});

describe('transform', () => {
  it('returns new nodes, leaves the input untouched, and the result prints and re-parses', () => {
    const original = parseCondition(CONDITION);
    const snapshot = JSON.stringify(original);
    const renamed = transform(original, (node): Node | undefined =>
      node.type === 'identifier' ? { ...node, identifier: `${node.identifier}_v2` } : undefined,
    );
    expect(JSON.stringify(original)).toBe(snapshot);
    const printed = printCondition(renamed);
    expect(printed).toBe(
      'spawned_process_v2 and not proc.name in (a, b) and tolower(proc.aname[2]) = val(proc.pname)',
    );
    expect(stripLocations(parseCondition(printed))).toEqual(stripLocations(renamed));
  });

  it('shares untouched subtrees', () => {
    const original = parseCondition('a and (b or c)');
    const result = transform(original, (node): Node | undefined =>
      node.type === 'identifier' && node.identifier === 'a' ? { ...node, identifier: 'z' } : undefined,
    );
    if (original.type !== 'and' || result.type !== 'and') throw new Error('expected and');
    expect(result).not.toBe(original);
    expect(result.children[1]).toBe(original.children[1]);
  });

  it('keeps the modifier of a check and the argument of a transformer when it rebuilds them', () => {
    const original = parseCondition('getopt(proc.args, "nt:")[t] startswith anyof (a, b) and x.y == oneof my_list');
    const renamed = transform(original, (node): Node | undefined =>
      node.type === 'field' ? { ...node, field: `${node.field}_v2` } : undefined,
    );
    const printed = printCondition(renamed);
    expect(printed).toBe('getopt(proc.args_v2, "nt:")[t] startswith anyof (a, b) and x.y_v2 == oneof my_list');
    expect(stripLocations(parseCondition(printed))).toEqual(stripLocations(renamed));
  });

  it('returns the same object when nothing changes', () => {
    const original = parseCondition(CONDITION);
    expect(transform(original, () => undefined)).toBe(original);
  });

  it('can wrap a condition in a scope check (transform, print, parse round trip)', () => {
    const scoped = transform(parseCondition('a or b'), (node): Node | undefined =>
      node.type === 'or'
        ? {
            type: 'and',
            children: [
              node,
              {
                type: 'binary_check',
                left: { type: 'field', field: 'k8s.ns.name', loc: NO_LOC },
                op: 'in',
                right: { type: 'list', values: ['prod', 'prod eu'], valueLocs: [NO_LOC, NO_LOC], loc: NO_LOC },
                loc: NO_LOC,
              },
            ],
            loc: NO_LOC,
          }
        : undefined,
    );
    const printed = printCondition(scoped);
    expect(printed).toBe('(a or b) and k8s.ns.name in (prod, "prod eu")');
    expect(stripLocations(parseCondition(printed))).toEqual(stripLocations(scoped));
  });
});

describe('stripLocations', () => {
  it('removes loc and valueLocs at every level and keeps everything else', () => {
    expect(stripLocations(parseCondition('proc.aname[1] in (a, "b")'))).toEqual({
      type: 'binary_check',
      left: { type: 'field', field: 'proc.aname', arg: '1' },
      op: 'in',
      right: { type: 'list', values: ['a', 'b'] },
    });
  });
});
