import * as fs from 'node:fs';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { FALCO_TARGET, UserError } from '../../lib/core';
import {
  assertFalcoChartAcceptsValues,
  checkFalcoChartValues,
  FALCO_CHART_GUARDED_DEFAULTS,
  FALCO_CHART_GUARDS,
  FALCO_CHART_GUARDS_SOURCE,
  FALCO_CHART_REFUSAL_SUMMARY,
  FALCO_DRIVER_KINDS,
  FalcoHelmChart,
  type FalcoDriverKind,
} from '../../lib/falco';
import { chartValuesPath } from '../support/shared-dir';

const HELPERS = 'falcosecurity/charts@falco-9.1.0:charts/falco/templates/_helpers.tpl';
const removed = (item: string) =>
  `The following chart configuration is no longer supported: ${item}. See BREAKING-CHANGES.md for migration guidance.`;
const unsupported = (shown: string) =>
  `unsupported driver kind: "${shown}". Supported drivers [kmod modern_ebpf auto], alias [module modern-bpf]`;

/** Subject, received value and the chart's message of every problem, in order. */
function refusals(values: Record<string, unknown>) {
  return checkFalcoChartValues(values).map((p) => ({
    subject: p.subject,
    received: p.received,
    message: /the chart fails with "(.*)" \(/.exec(p.problem)?.[1],
  }));
}

/** The falco chart's defaults, as Helm reads them. */
const chartDefaults = YAML.parse(fs.readFileSync(chartValuesPath('falco', FALCO_TARGET.chart.version), 'utf8')) as Record<string, unknown>;

function hasPath(values: unknown, path: string): boolean {
  let node = values;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

function valueAt(values: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
}

const MINIMAL_FALCO_PROPS = {
  targetNamespace: 'secured-ns',
  httpOutputUrl: 'http://falcosidekick.secured-ns.svc.cluster.local:2801/',
  rulesMounts: [{ configMapName: 'falco-gitops-rules-project', mountPath: '/etc/falco/falco-gitops/01-project' }],
};

function renderedValues(props: Partial<{ driverKind: FalcoDriverKind; kubernetesMetadata: boolean }> = {}): Record<string, unknown> {
  const chart = Testing.chart();
  new FalcoHelmChart(chart, 'falco', { ...MINIMAL_FALCO_PROPS, ...props });
  const [object] = Testing.synth(chart) as Array<{ spec: { valuesContent: string } }>;
  if (object === undefined) throw new Error('FalcoHelmChart rendered nothing');
  return YAML.parse(object.spec.valuesContent) as Record<string, unknown>;
}

describe('falco chart 9.1.0 guards: every refusal fires on values that violate it', () => {
  it.each([
    ['driver.kind: ebpf', { driver: { kind: 'ebpf' } }, 'driver.kind', 'ebpf', removed('driver.kind=ebpf')],
    ['driver.kind: gvisor', { driver: { kind: 'gvisor' } }, 'driver.kind', 'gvisor', removed('driver.kind=gvisor')],
    // The removed-config guard does not read driver.enabled.
    ['driver.kind: ebpf with the driver disabled', { driver: { enabled: false, kind: 'ebpf' } }, 'driver.kind', 'ebpf', removed('driver.kind=ebpf')],
    // What an 8.x values.yaml carried by default.
    ['driver.ebpf (8.x defaults)', { driver: { ebpf: { path: '${HOME}/.falco/falco-bpf.o', hostNetwork: false, leastPrivileged: false } } }, 'driver.ebpf', { path: '${HOME}/.falco/falco-bpf.o', hostNetwork: false, leastPrivileged: false }, removed('driver.ebpf')],
    ['driver.ebpf: {}', { driver: { ebpf: {} } }, 'driver.ebpf', {}, removed('driver.ebpf')],
    ['driver.ebpf: null (hasKey still sees it)', { driver: { ebpf: null } }, 'driver.ebpf', null, removed('driver.ebpf')],
    ['driver.gvisor (8.x defaults)', { driver: { gvisor: { runsc: { path: '/home/containerd/usr/local/sbin' } } } }, 'driver.gvisor', { runsc: { path: '/home/containerd/usr/local/sbin' } }, removed('driver.gvisor')],
    ['driver.gvisor with enabled: false', { driver: { gvisor: { enabled: false } } }, 'driver.gvisor', { enabled: false }, removed('driver.gvisor')],
    ['falco.grpc with enabled: false', { falco: { grpc: { enabled: false } } }, 'falco.grpc', { enabled: false }, removed('falco.grpc')],
    ['falco.grpc_output with enabled: false', { falco: { grpc_output: { enabled: false } } }, 'falco.grpc_output', { enabled: false }, removed('falco.grpc_output')],
    ['driver.kind: foo', { driver: { kind: 'foo' } }, 'driver.kind', 'foo', unsupported('foo')],
    ['driver.kind: modern-ebpf (a typo)', { driver: { kind: 'modern-ebpf', enabled: true } }, 'driver.kind', 'modern-ebpf', unsupported('modern-ebpf')],
    ['driver.kind: null (deletes the default)', { driver: { kind: null } }, 'driver.kind', null, unsupported('%!s(<nil>)')],
  ])('%s', (_name, values, subject, received, message) => {
    expect(refusals(values)).toEqual([{ subject, received, message }]);
  });

  it('reports every violated guard at once, in the order the chart lists them', () => {
    const values = {
      driver: { kind: 'ebpf', ebpf: { path: 'x' }, gvisor: {} },
      falco: { grpc: { enabled: false }, grpc_output: { enabled: false } },
    };
    expect(refusals(values).map((r) => r.subject)).toEqual(['driver.kind', 'driver.ebpf', 'driver.gvisor', 'falco.grpc', 'falco.grpc_output']);
  });

  it('reports a removed driver kind once: the chart fails on it before it checks the supported kinds', () => {
    expect(checkFalcoChartValues({ driver: { kind: 'gvisor' } })).toHaveLength(1);
  });

  it('names the value, what the chart prints, where and how to fix it', () => {
    const [problem, ...rest] = checkFalcoChartValues({ falco: { grpc_output: { enabled: false } } });
    expect(rest).toEqual([]);
    expect(problem).toEqual({
      subject: 'falco.grpc_output',
      received: { enabled: false },
      problem: `chart 9.0.0 removed the gRPC output (Falco 0.44.0 dropped it) and refuses the key, even with enabled: false; the chart fails with "${removed('falco.grpc_output')}" (${HELPERS}:327)`,
      fix: 'delete falco.grpc_output; send alerts with falco.http_output (to Falcosidekick) instead.',
    });
  });

  it('throws one UserError with the summary and every problem', () => {
    const values = { driver: { kind: 'ebpf' }, falco: { grpc: { enabled: false } } };
    let thrown: unknown;
    try {
      assertFalcoChartAcceptsValues(values);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    const error = thrown as UserError;
    expect(error.summary).toBe('falco chart 9.1.0 would refuse these values');
    expect(error.problems.map((p) => p.subject)).toEqual(['driver.kind', 'falco.grpc']);
    expect(error.message).toContain('falco chart 9.1.0 would refuse these values (2 problems):');
    expect(error.message).toContain(`driver.kind: received "ebpf"; chart 9.0.0 dropped the legacy eBPF probe`);
  });
});

describe('falco chart 9.1.0 guards: values the chart renders pass', () => {
  it.each([
    ['no values', {}],
    ['the driver kinds the chart supports', { driver: { kind: 'kmod' } }],
    ['the alias module (the chart only warns)', { driver: { kind: 'module' } }],
    ['the alias modern-bpf (the chart only warns)', { driver: { kind: 'modern-bpf' } }],
    ['an unknown kind with the driver disabled', { driver: { enabled: false, kind: 'foo' } }],
    ['an unknown kind with driver.enabled: null (nil is false)', { driver: { enabled: null, kind: 'foo' } }],
    ['the modern eBPF settings', { driver: { kind: 'modern_ebpf', modernEbpf: { leastPrivileged: true } } }],
    ['a key left undefined (never serialized)', { driver: { ebpf: undefined }, falco: { grpc: undefined } }],
    ['other outputs', { falco: { http_output: { enabled: true }, grpc_outputs: {} } }],
  ])('%s', (_name, values) => {
    expect(checkFalcoChartValues(values)).toEqual([]);
  });

  it.each(FALCO_DRIVER_KINDS)('every driver kind the library offers: %s', (kind) => {
    expect(checkFalcoChartValues({ driver: { kind } })).toEqual([]);
  });

  it('the values FalcoHelmChart renders with its defaults', () => {
    expect(checkFalcoChartValues(renderedValues())).toEqual([]);
  });

  it.each(FALCO_DRIVER_KINDS)('the values FalcoHelmChart renders with driverKind %s', (driverKind) => {
    expect(checkFalcoChartValues(renderedValues({ driverKind, kubernetesMetadata: false }))).toEqual([]);
  });
});

describe('FalcoHelmChart runs the guards on the values it renders', () => {
  it.each(['ebpf', 'gvisor', 'legacy'])('refuses driverKind %s at synth, before the install job would', (kind) => {
    const build = () =>
      new FalcoHelmChart(Testing.chart(), 'falco', { ...MINIMAL_FALCO_PROPS, driverKind: kind as FalcoDriverKind });
    expect(build).toThrow(UserError);
    expect(build).toThrow(`${FALCO_CHART_REFUSAL_SUMMARY} (1 problem):\n  - driver.kind: received "${kind}"; `);
  });
});

describe('the guards against the pinned chart', () => {
  it('were read from the chart the stack targets', () => {
    expect(FALCO_CHART_GUARDS_SOURCE.chartVersion).toBe(FALCO_TARGET.chart.version);
    expect(FALCO_CHART_GUARDS_SOURCE.tag).toBe(`falco-${FALCO_TARGET.chart.version}`);
  });

  it('the chart renders with its own defaults', () => {
    expect(checkFalcoChartValues(chartDefaults)).toEqual([]);
  });

  it('the chart defaults the guards fall back on are those of values.yaml', () => {
    for (const [path, value] of Object.entries(FALCO_CHART_GUARDED_DEFAULTS)) {
      expect(valueAt(chartDefaults, path), path).toEqual(value);
    }
  });

  it('every guarded value path is in values.yaml, or documented as removed and absent from it', () => {
    for (const guard of FALCO_CHART_GUARDS) {
      expect(hasPath(chartDefaults, guard.valuePath), `${guard.valuePath} (${guard.inChartValues})`).toBe(guard.inChartValues === 'present');
    }
    expect(FALCO_CHART_GUARDS.filter((g) => g.inChartValues === 'removed').map((g) => g.valuePath))
      .toEqual(['driver.ebpf', 'driver.gvisor', 'falco.grpc', 'falco.grpc_output']);
  });

  it('every guard cites the tagged chart source by line', () => {
    for (const guard of FALCO_CHART_GUARDS) {
      expect(guard.citation).toMatch(/^falcosecurity\/charts@falco-9\.1\.0:charts\/falco\/templates\/[\w.-]+:\d+$/);
      expect(guard.failsAt).toMatch(/^falcosecurity\/charts@falco-9\.1\.0:charts\/falco\/templates\/_helpers\.tpl:(327|339)$/);
      expect(guard.fix).toMatch(/\.$/);
    }
  });
});
