import { describe, expect, it } from 'vitest';
import { closestValueKey as closestMatch, valueKeyEditDistance as editDistance } from '../../lib/manifest-validation';

describe('editDistance', () => {
  it.each([
    ['enabled', 'enabled', 0],
    ['enabeld', 'enabled', 1],
    ['urll', 'url', 1],
    ['kind', 'kinds', 1],
    ['driver', 'drive', 1],
    ['abc', 'xyz', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('closestMatch', () => {
  it('suggests the closest key for a typo', () => {
    expect(closestMatch('enabeld', ['enabled', 'pluginRef', 'verbosity'])).toBe('enabled');
  });

  it('ignores case when comparing', () => {
    expect(closestMatch('modernebpf', ['kmod', 'modernEbpf', 'loader'])).toBe('modernEbpf');
  });

  it('suggests nothing when no key is close', () => {
    expect(closestMatch('tolerance', ['image', 'driver'])).toBeUndefined();
  });
});
