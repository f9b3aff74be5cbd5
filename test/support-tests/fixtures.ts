/**
 * Small, valid manifests that tests copy and break one field at a time, so each "fails when ..."
 * test shows exactly which change causes which message.
 */

export function namespace(): Record<string, any> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'falco', labels: { 'app.kubernetes.io/part-of': 'falco-gitops' } } };
}

export function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ubuntu', namespace: 'prod', labels: { app: 'ubuntu' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'ubuntu' } },
      template: {
        metadata: { labels: { app: 'ubuntu' } },
        spec: {
          containers: [
            {
              name: 'ubuntu',
              image: 'ubuntu:24.04',
              command: ['sleep', 'infinity'],
              resources: { limits: { cpu: '100m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  };
}

export function configMap(): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'falco-rules', namespace: 'falco', annotations: { 'falco-gitops/source': 'rules/custom.yaml' } },
    data: { 'custom_rules.yaml': '- list: allowed_images\n  items: []\n' },
  };
}

export function application(): Record<string, any> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'falco', namespace: 'argocd' },
    spec: {
      project: 'falco',
      source: { repoURL: 'https://git.example.com/falco-gitops.git', targetRevision: 'main', path: 'dist' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'falco' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true'] },
    },
  };
}

export function appProject(): Record<string, any> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'falco', namespace: 'argocd' },
    spec: {
      sourceRepos: ['https://git.example.com/falco-gitops.git'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'falco' }],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    },
  };
}

/** Falco values that use every mechanism of the values check: nested keys, subcharts, free-form maps, lists. */
export const VALID_FALCO_VALUES = `
driver:
  kind: modern_ebpf
  modernEbpf:
    leastPrivileged: true
collectors:
  kubernetes:
    enabled: true
podAnnotations:
  example.com/anything: "free-form because upstream is {}"
tolerations:
  - operator: Exists
resources:
  requests:
    cpu: 200m
    ephemeral-storage: 1Gi
customRules:
  custom_rules.yaml: |-
    - list: allowed_images
      items: []
falco:
  json_output: true
  http_output:
    enabled: true
    url: http://falco-falcosidekick:2801
  rules:
    - disable:
        tag: network
falcosidekick:
  enabled: true
  replicaCount: 1
  config:
    slack:
      webhookurl: https://hooks.slack.example.com/x
      minimumpriority: warning
k8s-metacollector:
  image:
    tag: 0.1.3
  resources:
    requests:
      cpu: 50m
`;

export function helmChart(valuesContent = VALID_FALCO_VALUES): Record<string, any> {
  return {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChart',
    metadata: { name: 'falco', namespace: 'kube-system' },
    spec: {
      repo: 'https://falcosecurity.github.io/charts',
      chart: 'falco',
      version: '9.1.0',
      targetNamespace: 'falco',
      failurePolicy: 'abort',
      valuesContent,
    },
  };
}

export function helmChartConfig(valuesContent = 'tty: true\n'): Record<string, any> {
  return {
    apiVersion: 'helm.cattle.io/v1',
    kind: 'HelmChartConfig',
    metadata: { name: 'falco', namespace: 'kube-system' },
    spec: { valuesContent, failurePolicy: 'retry' },
  };
}
