import { describe, expect, it } from 'vitest';
import { validateKubernetesObject } from '../support/manifest-validation';
import { appProject, application, configMap, deployment, namespace } from './fixtures';

describe('validateKubernetesObject', () => {
  it.each([
    ['a Namespace', namespace()],
    ['a Deployment', deployment()],
    ['a ConfigMap', configMap()],
    ['an Argo CD Application', application()],
    ['an Argo CD AppProject', appProject()],
    ['a ClusterRole named like the system roles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:falco' }, rules: [] }],
    ['a Service with a named target port', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'falco', namespace: 'falco' }, spec: { ports: [{ port: 80, targetPort: 'http' }] } }],
  ])('accepts %s', (_, obj) => {
    expect(validateKubernetesObject(obj)).toEqual([]);
  });

  it('fails when a Deployment has a field of the wrong type', () => {
    const obj = deployment();
    obj.spec.template.spec.containers[0].image = 42;
    expect(validateKubernetesObject(obj)).toEqual(['Deployment prod/ubuntu: /spec/template/spec/containers/0/image must be string']);
  });

  it('fails when a required field of a nested schema is missing', () => {
    const obj = deployment();
    delete obj.spec.template.spec.containers[0].name;
    expect(validateKubernetesObject(obj)).toEqual([
      "Deployment prod/ubuntu: /spec/template/spec/containers/0 must have required property 'name'",
    ]);
  });

  it('fails when an Argo CD Application has a field of the wrong type', () => {
    const obj = application();
    obj.spec.destination.server = 443;
    expect(validateKubernetesObject(obj)).toEqual(['Application argocd/falco: /spec/destination/server must be string']);
  });

  it('fails when an AppProject has a scalar where the schema wants a list', () => {
    const obj = appProject();
    obj.spec.sourceRepos = '*';
    expect(validateKubernetesObject(obj)).toEqual(['AppProject argocd/falco: /spec/sourceRepos must be array']);
  });

  it('reports an int-or-string field of the wrong type once', () => {
    const obj = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'falco', namespace: 'falco' }, spec: { ports: [{ port: 80, targetPort: true }] } };
    expect(validateKubernetesObject(obj)).toEqual(['Service falco/falco: /spec/ports/0/targetPort must be string or integer']);
  });

  it('names the allowed values of an enum', () => {
    const obj = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'falco', namespace: 'falco' }, spec: { type: 'Internal' } };
    expect(validateKubernetesObject(obj)).toEqual([
      'Service falco/falco: /spec/type must be equal to one of the allowed values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('fails when the name is missing', () => {
    const obj = configMap();
    delete obj.metadata.name;
    expect(validateKubernetesObject(obj)).toEqual(["ConfigMap falco/<unnamed>: /metadata must have required property 'name'"]);
  });

  it('fails when metadata is missing altogether', () => {
    expect(validateKubernetesObject({ apiVersion: 'v1', kind: 'ConfigMap', data: {} })).toEqual([
      "ConfigMap <unnamed>: / must have required property 'metadata'",
    ]);
  });

  it('fails when a name is not a DNS-1123 subdomain', () => {
    const obj = configMap();
    obj.metadata.name = 'Falco_Rules';
    expect(validateKubernetesObject(obj)).toEqual([
      "ConfigMap falco/Falco_Rules: /metadata/name 'Falco_Rules' must be a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels (lowercase letters, digits or '-', starting and ending with a letter or digit)",
    ]);
  });

  it('fails when a Namespace name is a subdomain but not a DNS-1123 label', () => {
    const obj = namespace();
    obj.metadata.name = 'falco.security';
    expect(validateKubernetesObject(obj)).toEqual([
      "Namespace falco.security: /metadata/name 'falco.security' must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
    ]);
  });

  it('fails when a Service name starts with a digit', () => {
    const obj = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1falco', namespace: 'falco' }, spec: {} };
    expect(validateKubernetesObject(obj)).toEqual([
      "Service falco/1falco: /metadata/name '1falco' must be a DNS-1035 label: at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit",
    ]);
  });

  it('fails when the namespace is not a valid namespace name', () => {
    const obj = deployment();
    obj.metadata.namespace = 'Prod_Env';
    expect(validateKubernetesObject(obj)).toEqual([
      "Deployment Prod_Env/ubuntu: /metadata/namespace 'Prod_Env' must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",
    ]);
  });

  it('fails when a namespaced kind has no namespace', () => {
    const obj = deployment();
    delete obj.metadata.namespace;
    expect(validateKubernetesObject(obj)).toEqual([
      "Deployment ubuntu: /metadata must have required property 'namespace': Deployment is namespaced",
    ]);
  });

  it('fails when a cluster-scoped kind has a namespace', () => {
    const obj = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'falco', namespace: 'falco' }, rules: [] };
    expect(validateKubernetesObject(obj)).toEqual([
      'ClusterRole falco/falco: /metadata/namespace must not be set: ClusterRole is cluster-scoped',
    ]);
  });

  it('fails when labels have an invalid key or value, or a value that is not a string', () => {
    const obj = deployment();
    obj.metadata.labels = { 'bad key': 'ok', tier: 'front end', replicas: 2 };
    expect(validateKubernetesObject(obj)).toEqual([
      'Deployment prod/ubuntu: /metadata/labels/replicas must be string',
      "Deployment prod/ubuntu: /metadata/labels key 'bad key' must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
      "Deployment prod/ubuntu: /metadata/labels/tier value 'front end' must be a label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
    ]);
  });

  it('fails when an annotation value is not a string', () => {
    const obj = configMap();
    obj.metadata.annotations = { 'falco-gitops/enabled': true };
    expect(validateKubernetesObject(obj)).toEqual([
      'ConfigMap falco/falco-rules: /metadata/annotations/falco-gitops~1enabled must be string',
    ]);
  });

  it('fails when the kind is unknown', () => {
    const obj = { ...configMap(), kind: 'ConfigMapp' };
    expect(validateKubernetesObject(obj)).toEqual([
      "ConfigMapp falco/falco-rules: unknown kind 'ConfigMapp' for apiVersion 'v1' (no such resource in kubernetes-models)",
    ]);
  });

  it('fails when the kind names a nested type rather than a resource', () => {
    const obj = { ...deployment(), kind: 'DeploymentSpec' };
    expect(validateKubernetesObject(obj)).toEqual([
      "DeploymentSpec prod/ubuntu: unknown kind 'DeploymentSpec' for apiVersion 'apps/v1' (no such resource in kubernetes-models)",
    ]);
  });

  it('fails when the kind exists only in another API version', () => {
    const obj = { ...application(), apiVersion: 'argoproj.io/v1beta1' };
    expect(validateKubernetesObject(obj)).toEqual([
      "Application argocd/falco: unknown apiVersion 'argoproj.io/v1beta1' (not in kubernetes-models or @kubernetes-models/argo-cd, and not helm.cattle.io/v1)",
    ]);
  });

  it('fails when the apiVersion belongs to a CRD nothing here can check', () => {
    const obj = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'falco', namespace: 'falco' } };
    expect(validateKubernetesObject(obj)).toEqual([
      "Certificate falco/falco: unknown apiVersion 'cert-manager.io/v1' (not in kubernetes-models or @kubernetes-models/argo-cd, and not helm.cattle.io/v1)",
    ]);
  });

  it('fails when the kind is a list type', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMapList', metadata: {}, items: [configMap()] };
    expect(validateKubernetesObject(obj)).toEqual([
      'ConfigMapList <unnamed>: ConfigMapList is a list type; write each item as its own manifest',
    ]);
  });

  it('fails when apiVersion or kind is missing', () => {
    const { kind: _kind, ...obj } = configMap();
    expect(validateKubernetesObject(obj)).toEqual(['<no kind> falco/falco-rules: / must have a non-empty string apiVersion and kind']);
  });

  it('fails when the manifest is not an object', () => {
    expect(validateKubernetesObject([namespace()])).toEqual(['manifest must be an object, got a list']);
  });

  it('hands helm.cattle.io/v1 objects to the HelmChart validator', () => {
    const obj = { apiVersion: 'helm.cattle.io/v1', kind: 'HelmRelease', metadata: { name: 'falco', namespace: 'kube-system' } };
    expect(validateKubernetesObject(obj)).toEqual([
      `HelmRelease kube-system/falco: unknown kind "HelmRelease" for apiVersion 'helm.cattle.io/v1' (helm-controller defines HelmChart and HelmChartConfig)`,
    ]);
  });
});
