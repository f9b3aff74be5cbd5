/**
 * Built-in resources of Kubernetes 1.36 (`kubectl api-resources` of a v1.36 cluster): which API
 * group serves each, and whether it is namespaced. The policy linter reads it to find rules that
 * the API server accepts but that can never match: a resource written under the wrong group
 * (`deployments` under the core group `""`), or a `namespaces:` filter on a cluster-scoped
 * resource (a cluster-scoped request has the namespace `""`, checker.go:173-177).
 * Custom resources are not listed: the linter says nothing about names it does not know.
 */
export interface KubernetesResource {
  readonly group: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

const table = (group: string, namespaced: readonly string[], clusterScoped: readonly string[]): KubernetesResource[] => [
  ...namespaced.map((resource) => ({ group, resource, namespaced: true })),
  ...clusterScoped.map((resource) => ({ group, resource, namespaced: false })),
];

export const KUBERNETES_RESOURCES: readonly KubernetesResource[] = [
  ...table(
    '',
    ['bindings', 'configmaps', 'endpoints', 'events', 'limitranges', 'persistentvolumeclaims', 'pods', 'podtemplates',
      'replicationcontrollers', 'resourcequotas', 'secrets', 'serviceaccounts', 'services'],
    ['componentstatuses', 'namespaces', 'nodes', 'persistentvolumes'],
  ),
  ...table('apps', ['controllerrevisions', 'daemonsets', 'deployments', 'replicasets', 'statefulsets'], []),
  ...table('batch', ['cronjobs', 'jobs'], []),
  ...table('autoscaling', ['horizontalpodautoscalers'], []),
  ...table('policy', ['poddisruptionbudgets'], []),
  ...table('networking.k8s.io', ['ingresses', 'networkpolicies'], ['ingressclasses', 'ipaddresses', 'servicecidrs']),
  ...table('discovery.k8s.io', ['endpointslices'], []),
  ...table('coordination.k8s.io', ['leases'], []),
  ...table('events.k8s.io', ['events'], []),
  ...table('rbac.authorization.k8s.io', ['rolebindings', 'roles'], ['clusterrolebindings', 'clusterroles']),
  ...table('storage.k8s.io', ['csistoragecapacities'], ['csidrivers', 'csinodes', 'storageclasses', 'volumeattachments']),
  ...table('scheduling.k8s.io', [], ['priorityclasses']),
  ...table('node.k8s.io', [], ['runtimeclasses']),
  ...table('apiextensions.k8s.io', [], ['customresourcedefinitions']),
  ...table('apiregistration.k8s.io', [], ['apiservices']),
  ...table('admissionregistration.k8s.io', [], ['mutatingwebhookconfigurations', 'validatingadmissionpolicies',
    'validatingadmissionpolicybindings', 'validatingwebhookconfigurations']),
  ...table('certificates.k8s.io', [], ['certificatesigningrequests']),
  ...table('flowcontrol.apiserver.k8s.io', [], ['flowschemas', 'prioritylevelconfigurations']),
  ...table('authentication.k8s.io', [], ['selfsubjectreviews', 'tokenreviews']),
  ...table('authorization.k8s.io', ['localsubjectaccessreviews'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'subjectaccessreviews']),
];

/** The groups that serve `resource` (a subresource `pods/exec` is looked up as `pods`). */
export function groupsOf(resource: string): string[] {
  const base = resource.split('/')[0] ?? '';
  return KUBERNETES_RESOURCES.filter((r) => r.resource === base).map((r) => r.group);
}

/** The built-in resource of `group`, or undefined when unknown (a custom resource, a typo). */
export function findResource(group: string, resource: string): KubernetesResource | undefined {
  const base = resource.split('/')[0] ?? '';
  return KUBERNETES_RESOURCES.find((r) => r.group === group && r.resource === base);
}
