import { describe, expect, it } from 'vitest';
import { formatHelmValuePath, helmValuePaths } from '../support/manifest-validation';

describe('helmValuePaths', () => {
  it('lists every leaf a values tree sets: scalars, null, lists and empty maps', () => {
    const values = {
      driver: { kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true } },
      tolerations: [{ operator: 'Exists' }],
      podAnnotations: {},
      podPriorityClassName: null,
    };
    expect(helmValuePaths(values)).toEqual([
      ['driver', 'kind'],
      ['driver', 'modernEbpf', 'leastPrivileged'],
      ['tolerations'],
      ['podAnnotations'],
      ['podPriorityClassName'],
    ]);
  });

  it('has no paths for empty or missing values', () => {
    expect(helmValuePaths({})).toEqual([]);
    expect(helmValuePaths(null)).toEqual([]);
  });
});

describe('formatHelmValuePath', () => {
  it('joins plain keys with dots, as --set does', () => {
    expect(formatHelmValuePath(['k8s-metacollector', 'image', 'tag'])).toBe('k8s-metacollector.image.tag');
  });

  it('brackets keys that contain dots or slashes', () => {
    expect(formatHelmValuePath(['service', 'annotations', 'prometheus.io/scrape'])).toBe('service.annotations["prometheus.io/scrape"]');
  });
});
