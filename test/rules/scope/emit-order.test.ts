import { describe, expect, it } from 'vitest';
import { emitOrder, OrderCycleError, type OrderItem } from '../../../lib/rules/scope/emit-order';

const item = (key: string, firstFile: number, index: number, after: string[] = []): OrderItem => ({ key, firstFile, index, after });

describe('emitOrder', () => {
  it('keeps first-definition order and files when nothing depends on a later item', () => {
    const items = [item('rule:b', 1, 3), item('list:a', 0, 0), item('macro:m', 0, 1, ['list:a']), item('rule:r', 0, 2)];
    expect(emitOrder(items)).toEqual([
      { key: 'list:a', file: 0 },
      { key: 'macro:m', file: 0 },
      { key: 'rule:r', file: 0 },
      { key: 'rule:b', file: 1 },
    ]);
  });

  it('moves a macro after the later macro its final definition uses, into that file, and nothing else', () => {
    // GIVEN macro m (file 0) redefined by file 1 to use n, which file 1 defines
    const items = [item('macro:m', 0, 0, ['macro:n']), item('rule:r', 0, 1), item('macro:n', 1, 2), item('rule:s', 1, 3)];
    // THEN the rule of file 0 stays first, and m follows n in file 1
    expect(emitOrder(items)).toEqual([
      { key: 'rule:r', file: 0 },
      { key: 'macro:n', file: 1 },
      { key: 'macro:m', file: 1 },
      { key: 'rule:s', file: 1 },
    ]);
  });

  it('fails on macros that use each other, naming them', () => {
    expect(() => emitOrder([item('macro:a', 0, 0, ['macro:b']), item('macro:b', 0, 1, ['macro:a']), item('rule:r', 0, 2)])).toThrow(
      new OrderCycleError(['macro:a', 'macro:b']),
    );
  });
});
