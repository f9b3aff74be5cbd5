import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../lib/core/edit-distance';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['proc.name', 'proc.name', 0],
    ['proc.nmae', 'proc.name', 2],
    ['fd.nam', 'fd.name', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('stops early past the limit and reports limit + 1', () => {
    expect(editDistance('proc.name', 'k8smeta.deployment.labels', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  });
});
