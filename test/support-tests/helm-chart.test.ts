import { describe, expect, it } from 'vitest';
import { validateHelmChart } from '../support/manifest-validation';
import { toAjvSchema } from '../support/manifest-validation/crd-schema';
import { helmChart, helmChartConfig } from './fixtures';
import Ajv from 'ajv';

describe('validateHelmChart', () => {
  it('accepts a HelmChart', () => {
    expect(validateHelmChart(helmChart())).toEqual([]);
  });

  it('accepts a HelmChart using the structured and int-or-string fields', () => {
    const obj = helmChart();
    obj.spec.values = { anything: { goes: ['here'] } };
    obj.spec.set = { 'image.tag': '0.44.1', 'controller.deployment.replicas': 2 };
    obj.spec.backOffLimit = 3;
    obj.spec.podSecurityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    expect(validateHelmChart(obj)).toEqual([]);
  });

  it('accepts a HelmChartConfig', () => {
    expect(validateHelmChart(helmChartConfig())).toEqual([]);
  });

  it('fails when spec.failurePolicy has the wrong type', () => {
    const obj = helmChart();
    obj.spec.failurePolicy = true;
    expect(validateHelmChart(obj)).toEqual([
      'HelmChart kube-system/falco: /spec/failurePolicy must be string',
      'HelmChart kube-system/falco: /spec/failurePolicy must be equal to one of the allowed values: "abort", "reinstall", "retry"',
    ]);
  });

  it('fails when spec.failurePolicy is not one of the allowed values', () => {
    const obj = helmChart();
    obj.spec.failurePolicy = 'Abort';
    expect(validateHelmChart(obj)).toEqual([
      'HelmChart kube-system/falco: /spec/failurePolicy must be equal to one of the allowed values: "abort", "reinstall", "retry"',
    ]);
  });

  it('fails when spec has a field the CRD does not declare (Kubernetes would prune it)', () => {
    const obj = helmChart();
    obj.spec.valuesContents = 'tty: true';
    expect(validateHelmChart(obj)).toEqual([
      "HelmChart kube-system/falco: /spec has unknown field 'valuesContents' (not in the schema, so Kubernetes would drop it)",
    ]);
  });

  it('fails when a nested object has an undeclared field', () => {
    const obj = helmChart();
    obj.spec.podSecurityContext = { runAsUser: 1000, runAsUsr: 1000 };
    expect(validateHelmChart(obj)).toEqual([
      "HelmChart kube-system/falco: /spec/podSecurityContext has unknown field 'runAsUsr' (not in the schema, so Kubernetes would drop it)",
    ]);
  });

  it('fails when a top-level field is undeclared', () => {
    const obj = { ...helmChart(), data: {} };
    expect(validateHelmChart(obj)).toEqual([
      "HelmChart kube-system/falco: / has unknown field 'data' (not in the schema, so Kubernetes would drop it)",
    ]);
  });

  it('fails when a HelmChartConfig sets a field only HelmChart has', () => {
    const obj = helmChartConfig();
    obj.spec.version = '9.1.0';
    expect(validateHelmChart(obj)).toEqual([
      "HelmChartConfig kube-system/falco: /spec has unknown field 'version' (not in the schema, so Kubernetes would drop it)",
    ]);
  });

  it('fails when a spec.set value is neither an integer nor a string', () => {
    const obj = helmChart();
    obj.spec.set = { tty: true };
    expect(validateHelmChart(obj)).toEqual(['HelmChart kube-system/falco: /spec/set/tty must be integer or string']);
  });

  it('fails when an int32 field is out of range', () => {
    const obj = helmChart();
    obj.spec.backOffLimit = 2 ** 31;
    expect(validateHelmChart(obj)).toEqual(['HelmChart kube-system/falco: /spec/backOffLimit must match format "int32"']);
  });

  it('fails when the namespace is missing', () => {
    const obj = helmChart();
    delete obj.metadata.namespace;
    expect(validateHelmChart(obj)).toEqual(["HelmChart falco: /metadata must have required property 'namespace': HelmChart is namespaced"]);
  });

  it('fails when the name is not a DNS-1123 subdomain', () => {
    const obj = helmChart();
    obj.metadata.name = 'Falco';
    expect(validateHelmChart(obj)).toEqual([
      "HelmChart kube-system/Falco: /metadata/name 'Falco' must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels (lowercase letters, digits or '-', starting and ending with a letter or digit)",
    ]);
  });

  it('fails when the kind is not a helm-controller kind', () => {
    const obj = { ...helmChart(), kind: 'HelmCharts' };
    expect(validateHelmChart(obj)).toEqual([
      `HelmCharts kube-system/falco: unknown kind "HelmCharts" for apiVersion 'helm.cattle.io/v1' (helm-controller defines HelmChart and HelmChartConfig)`,
    ]);
  });

  it('fails when the apiVersion is not helm.cattle.io/v1', () => {
    const obj = { ...helmChart(), apiVersion: 'helm.cattle.io/v2' };
    expect(validateHelmChart(obj)).toEqual([`HelmChart kube-system/falco: /apiVersion must be 'helm.cattle.io/v1', got "helm.cattle.io/v2"`]);
  });
});

describe('toAjvSchema', () => {
  const validate = (schema: Record<string, unknown>, data: unknown): boolean =>
    new Ajv({ strict: false }).compile(toAjvSchema(schema))(data) as boolean;

  it('accepts null for a nullable field', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', nullable: true } } };
    expect(validate(schema, { a: null })).toBe(true);
    expect(validate({ ...schema, properties: { a: { type: 'string' } } }, { a: null })).toBe(false);
  });

  it('accepts an integer or a string for x-kubernetes-int-or-string', () => {
    const schema = { type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } };
    expect(validate(schema, { port: 80 })).toBe(true);
    expect(validate(schema, { port: 'http' })).toBe(true);
    expect(validate(schema, { port: true })).toBe(false);
  });

  it('keeps unknown fields only under x-kubernetes-preserve-unknown-fields', () => {
    const schema = { type: 'object', properties: { kept: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { a: {} } } } };
    expect(validate(schema, { kept: { b: 1 } })).toBe(true);
    expect(validate(schema, { pruned: 1 })).toBe(false);
  });
});
