/**
 * Which kinds are cluster-scoped. Neither the OpenAPI schemas in kubernetes-models nor the Argo CD
 * models carry this (it lives in the API server's discovery data), so it is kept here, keyed by
 * API group ('' is the core group) and kind. Every other kind is treated as namespaced, which is
 * the safe direction: a cluster-scoped kind missing here shows up as a loud "needs a namespace"
 * failure, never as a silently accepted manifest.
 *
 * Source: the scope of each resource in the Kubernetes API reference (1.32), restricted to the
 * kinds kubernetes-models 4.5 has models for. helm.cattle.io and argoproj.io kinds are all
 * namespaced (`scope: Namespaced` in their CRDs), so they need no entry.
 */
const CLUSTER_SCOPED_KINDS: Readonly<Record<string, readonly string[]>> = {
  '': ['ComponentStatus', 'Namespace', 'Node', 'PersistentVolume'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'ValidatingWebhookConfiguration',
  ],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'authentication.k8s.io': ['SelfSubjectReview', 'TokenReview'],
  'authorization.k8s.io': ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  // Removed from Kubernetes in 1.25, but kubernetes-models still has a model for it.
  extensions: ['PodSecurityPolicy'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'node.k8s.io': ['RuntimeClass'],
  policy: ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io': ['PriorityClass'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
};

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return CLUSTER_SCOPED_KINDS[apiGroupOf(apiVersion)]?.includes(kind) ?? false;
}
