import { describe, expect, it } from 'vitest';
import { parseCondition, printCondition, stripLocations } from '../../../lib/rules/condition';

describe('transformers listed for Falco 0.44 (issue #3): concat and getopt', () => {
  it.each([
    'concat(proc.name, "-", proc.pname) = "bash-sshd"',
    'getopt(proc.args, "o:")[o] = "/tmp/x"',
    'concat(fd.directory, "/", fd.filename) = val(fd.name)',
    'tolower(concat(proc.name, proc.pname)) startswith "ba"',
  ])('parses and round-trips %s', (text) => {
    const ast = parseCondition(text);
    expect(stripLocations(parseCondition(printCondition(ast)))).toEqual(stripLocations(ast));
  });

  it('builds a field_transformer node with every argument', () => {
    const ast = stripLocations(parseCondition('concat(proc.name, "-", proc.pname) = "x"')) as any;
    expect(ast.type).toBe('binary_check');
    expect(ast.left.type).toBe('field_transformer');
    expect(ast.left.transformer).toBe('concat');
    expect(ast.left.values).toHaveLength(3);
  });

  it('still rejects an unknown transformer-looking call', () => {
    expect(() => parseCondition('concatx(proc.name) = "x"')).toThrow();
  });
});
