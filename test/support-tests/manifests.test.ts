import { describe, expect, it } from 'vitest';
import { validateManifests } from '../support/manifest-validation';
import { appProject, application, configMap, deployment, helmChart, helmChartConfig, namespace } from './fixtures';

describe('validateManifests', () => {
  it('accepts a valid stack: Namespace, Deployment, ConfigMap, HelmChart, HelmChartConfig, Application, AppProject', () => {
    const objects = [namespace(), deployment(), configMap(), helmChart(), helmChartConfig(), application(), appProject()];
    expect(validateManifests(objects)).toEqual([]);
  });

  it('accepts the falcosidekick chart installed on its own', () => {
    const obj = helmChart('replicaCount: 1\nconfig:\n  webhook:\n    address: http://example\n');
    obj.metadata.name = 'falcosidekick';
    obj.spec.chart = 'falcosidekick';
    obj.spec.version = '0.14.0';
    expect(validateManifests([obj])).toEqual([]);
  });

  it('reports the problems of every object', () => {
    const broken = deployment();
    broken.spec.replicas = 'one';
    const unnamed = configMap();
    delete unnamed.metadata.name;
    expect(validateManifests([namespace(), broken, unnamed])).toEqual([
      'Deployment prod/ubuntu: /spec/replicas must be integer',
      "ConfigMap falco/<unnamed>: /metadata must have required property 'name'",
    ]);
  });

  it('fails when valuesContent has a typo', () => {
    const obj = helmChart('collectors:\n  kubernetes:\n    enabeld: true\n');
    expect(validateManifests([obj])).toEqual([
      "HelmChart kube-system/falco: /spec/valuesContent: unknown Helm value 'collectors.kubernetes.enabeld' (not in falco-9.1.0/values.yaml; did you mean 'collectors.kubernetes.enabled'?)",
    ]);
  });

  it('fails when valuesContent sets a scalar where the chart expects a map', () => {
    const obj = helmChart('driver: modern_ebpf\n');
    expect(validateManifests([obj])).toEqual([
      "HelmChart kube-system/falco: /spec/valuesContent: Helm value 'driver' must be a map as in falco-9.1.0/values.yaml, got a string",
    ]);
  });

  it('fails when valuesContent is not valid YAML', () => {
    const obj = helmChart('tty: true\ntty: false\n');
    expect(validateManifests([obj])).toEqual([
      'HelmChart kube-system/falco: /spec/valuesContent is not valid YAML: Map keys must be unique (2:1)',
    ]);
  });

  it('checks spec.values and spec.set like valuesContent', () => {
    const obj = helmChart('tty: true\n');
    obj.spec.values = { falco: { json_outptu: true } };
    obj.spec.set = { 'driver.knd': 'kmod', 'falco.rules_files[0]': '/etc/falco/rules.d', 'service\\.annotations': 'x' };
    expect(validateManifests([obj])).toEqual([
      "HelmChart kube-system/falco: /spec/values: unknown Helm value 'falco.json_outptu' (not in falco-9.1.0/values.yaml; did you mean 'falco.json_output'?)",
      "HelmChart kube-system/falco: /spec/set: unknown Helm value 'driver.knd' (not in falco-9.1.0/values.yaml; did you mean 'driver.kind'?)",
      `HelmChart kube-system/falco: /spec/set: unknown Helm value '["service.annotations"]' (not in falco-9.1.0/values.yaml)`,
    ]);
  });

  it('fails when the chart version has no pinned reference', () => {
    const obj = helmChart();
    obj.spec.version = '9.0.0';
    expect(validateManifests([obj])).toEqual([
      "HelmChart kube-system/falco: no pinned reference for chart 'falco' version '9.0.0' (expected ../shared/upstream/charts/falco-9.0.0/values.yaml)",
    ]);
  });

  it('fails when the chart has no pinned reference', () => {
    const obj = helmChart('replicaCount: 1\n');
    obj.spec.chart = 'falco-talon';
    obj.spec.version = '0.3.0';
    expect(validateManifests([obj])).toEqual([
      "HelmChart kube-system/falco: no pinned reference for chart 'falco-talon' version '0.3.0' (expected ../shared/upstream/charts/falco-talon-0.3.0/values.yaml)",
    ]);
  });

  it('fails when the chart version is not pinned', () => {
    const obj = helmChart();
    delete obj.spec.version;
    expect(validateManifests([obj])).toEqual(["HelmChart kube-system/falco: /spec/version must pin a version of chart 'falco'"]);
  });

  it('checks a HelmChartConfig against the chart of the HelmChart it configures', () => {
    const config = helmChartConfig('falcosidekick:\n  enabeld: true\n');
    expect(validateManifests([helmChart(), config])).toEqual([
      "HelmChartConfig kube-system/falco: /spec/valuesContent: unknown Helm value 'falcosidekick.enabeld' (not in falcosidekick-0.14.0/values.yaml or under 'falcosidekick' in falco-9.1.0/values.yaml; did you mean 'falcosidekick.enabled'?)",
    ]);
  });

  it('fails when a HelmChartConfig has no HelmChart to configure', () => {
    expect(validateManifests([helmChartConfig()])).toEqual([
      "HelmChartConfig kube-system/falco: no HelmChart 'kube-system/falco' in these manifests, so its values cannot be checked",
    ]);
  });

  it('fails when an object is defined twice', () => {
    expect(validateManifests([namespace(), configMap(), namespace()])).toEqual(['Namespace falco: defined twice (manifests #0 and #2)']);
  });

  it('fails when a manifest is not an object', () => {
    expect(validateManifests([namespace(), null])).toEqual(['manifest #1 must be an object, got null']);
  });
});
