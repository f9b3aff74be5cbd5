import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCUMENTED_OPTIONAL_VALUES, FREE_FORM_VALUES, checkValuesAgainstChart } from '../support/manifest-validation';
import { SHARED_DIR, chartValuesPath } from '../support/shared-dir';
import { VALID_FALCO_VALUES } from './fixtures';

const FALCO = chartValuesPath('falco', '9.1.0');
const FALCOSIDEKICK = chartValuesPath('falcosidekick', '0.14.0');

describe('checkValuesAgainstChart', () => {
  it('accepts valid falco values, including subchart values and free-form maps', () => {
    expect(checkValuesAgainstChart(parse(VALID_FALCO_VALUES), FALCO)).toEqual([]);
  });

  it('accepts no values at all', () => {
    expect(checkValuesAgainstChart(null, FALCO)).toEqual([]);
  });

  it('fails when a key has a typo, and suggests the upstream key', () => {
    expect(checkValuesAgainstChart({ collectors: { kubernetes: { enabeld: true } } }, FALCO)).toEqual([
      "unknown Helm value 'collectors.kubernetes.enabeld' (not in falco-9.1.0/values.yaml; did you mean 'collectors.kubernetes.enabled'?)",
    ]);
  });

  it('fails when a falco.yaml setting has a typo', () => {
    expect(checkValuesAgainstChart({ falco: { http_output: { urll: 'http://x' } } }, FALCO)).toEqual([
      "unknown Helm value 'falco.http_output.urll' (not in falco-9.1.0/values.yaml; did you mean 'falco.http_output.url'?)",
    ]);
  });

  it('fails without a suggestion when no upstream key is close', () => {
    expect(checkValuesAgainstChart({ hostNetwork: true }, FALCO)).toEqual([
      "unknown Helm value 'hostNetwork' (not in falco-9.1.0/values.yaml)",
    ]);
  });

  it('fails when a scalar is set where upstream has a map', () => {
    expect(checkValuesAgainstChart({ driver: 'modern_ebpf' }, FALCO)).toEqual([
      "Helm value 'driver' must be a map as in falco-9.1.0/values.yaml, got a string",
    ]);
  });

  it('fails when a map is set where upstream has a list', () => {
    expect(checkValuesAgainstChart({ tolerations: { operator: 'Exists' } }, FALCO)).toEqual([
      "Helm value 'tolerations' must be a list as in falco-9.1.0/values.yaml, got a map",
    ]);
  });

  it('fails when a list is set where upstream has a scalar', () => {
    expect(checkValuesAgainstChart({ driver: { kind: ['modern_ebpf'] } }, FALCO)).toEqual([
      "Helm value 'driver.kind' must be a scalar as in falco-9.1.0/values.yaml, got a list",
    ]);
  });

  it('fails when a list is set where upstream has an empty (free-form) map', () => {
    expect(checkValuesAgainstChart({ podAnnotations: ['a=b'] }, FALCO)).toEqual([
      "Helm value 'podAnnotations' must be a map as in falco-9.1.0/values.yaml, got a list",
    ]);
  });

  it('accepts any value where upstream is null, and null anywhere (it removes a default)', () => {
    expect(checkValuesAgainstChart({ podPriorityClassName: 'system-node-critical', services: [{ name: 'x' }], driver: null }, FALCO)).toEqual([]);
  });

  it('does not check keys inside list items', () => {
    expect(checkValuesAgainstChart({ extra: { env: [{ nmae: 'typo-inside-a-list-item' }] } }, FALCO)).toEqual([]);
  });

  it('checks keys next to an allow-listed free-form map', () => {
    expect(checkValuesAgainstChart({ resources: { requests: { 'hugepages-2Mi': '4Mi' }, limitz: {} } }, FALCO)).toEqual([
      "unknown Helm value 'resources.limitz' (not in falco-9.1.0/values.yaml; did you mean 'resources.limits'?)",
    ]);
  });

  it('fails when a subchart key has a typo, naming both places the key could come from', () => {
    expect(checkValuesAgainstChart({ falcosidekick: { config: { slack: { webhookurll: 'x' } } } }, FALCO)).toEqual([
      "unknown Helm value 'falcosidekick.config.slack.webhookurll' (not in falcosidekick-0.14.0/values.yaml or under 'falcosidekick' in falco-9.1.0/values.yaml; did you mean 'falcosidekick.config.slack.webhookurl'?)",
    ]);
  });

  it('accepts keys the parent chart adds to a subchart section', () => {
    expect(checkValuesAgainstChart({ falcosidekick: { enabled: true, fullfqdn: true } }, FALCO)).toEqual([]);
  });

  it('checks a subchart the parent values.yaml does not mention against its own values.yaml', () => {
    expect(checkValuesAgainstChart({ 'k8s-metacollector': { replicaCount: 2, replicas: 2 } }, FALCO)).toEqual([
      "unknown Helm value 'k8s-metacollector.replicas' (not in k8s-metacollector-0.3.1/values.yaml or under 'k8s-metacollector' in falco-9.1.0/values.yaml)",
    ]);
  });

  it('fails when a subchart section is not a map', () => {
    expect(checkValuesAgainstChart({ falcosidekick: true }, FALCO)).toEqual([
      "Helm value 'falcosidekick' must be a map as in falcosidekick-0.14.0/values.yaml, got a boolean",
    ]);
  });

  it('applies the subchart allow-list inside the subchart section', () => {
    const values = { 'k8s-metacollector': { service: { ports: { 'custom-port': { port: 9000 } } } } };
    expect(checkValuesAgainstChart(values, FALCO)).toEqual([]);
  });

  it('checks a chart on its own', () => {
    expect(checkValuesAgainstChart({ config: { slack: { webhookurl: 'x' }, slak: {} } }, FALCOSIDEKICK)).toEqual([
      "unknown Helm value 'config.slak' (not in falcosidekick-0.14.0/values.yaml; did you mean 'config.slack'?)",
    ]);
  });

  it('fails when the values are not a map', () => {
    expect(checkValuesAgainstChart(['driver'], FALCO)).toEqual(['Helm values must be a map, got a list']);
  });
});

/** The allow-lists are checked against the files they justify themselves with, so they cannot rot. */
describe('value allow-lists', () => {
  const upstream = (chartId: string): Record<string, unknown> =>
    parse(fs.readFileSync(path.join(SHARED_DIR, 'upstream', 'charts', chartId, 'values.yaml'), 'utf8'));
  const lookup = (values: unknown, keyPath: readonly string[]): unknown =>
    keyPath.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);

  it.each(Object.entries(FREE_FORM_VALUES).flatMap(([chartId, entries]) => entries.map((entry) => [chartId, entry.path.join('.'), entry.path] as const)))(
    '%s free-form %s is a map with default keys upstream',
    (chartId, _, keyPath) => {
      const value = lookup(upstream(chartId), keyPath);
      expect(value !== null && typeof value === 'object' && !Array.isArray(value)).toBe(true);
      // An empty map is free-form already; listing it would only hide that the entry is redundant.
      expect(Object.keys(value as object).length).toBeGreaterThan(0);
    },
  );

  it.each(Object.entries(DOCUMENTED_OPTIONAL_VALUES).flatMap(([chartId, entries]) => entries.map((entry) => [chartId, entry.path.join('.'), entry.path] as const)))(
    '%s documented optional %s is still absent upstream, under an existing map',
    (chartId, _, keyPath) => {
      const parent = lookup(upstream(chartId), keyPath.slice(0, -1));
      expect(parent !== null && typeof parent === 'object' && !Array.isArray(parent)).toBe(true);
      expect(Object.keys(parent as object)).not.toContain(keyPath[keyPath.length - 1]);
    },
  );
});
