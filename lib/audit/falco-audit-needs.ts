import type { AuditLevel } from './audit-policy';
import type { AuditRequest } from './evaluate-audit-policy';

/**
 * What a Falco k8s_audit rule needs from the audit policy to ever fire: a request it watches, the
 * lowest level at which its condition can be decided, and the stage its events must come in.
 *
 * - level: `Metadata` for conditions on user, verb, target and response code; `Request` when the
 *   condition reads the request body (`ka.req.*`, `jevt.value[/requestObject...]`): below it the
 *   k8saudit plugin extracts nothing, so `ka.req.x intersects (true)` is never true and
 *   `not ka.req.x in (...)` is always true (a false positive on every event).
 * - stage: the rules' `kevt` macro keeps only `ResponseComplete`, `kevt_started` only
 *   `ResponseStarted` (k8s_audit_rules.yaml 0.18.0:52-56); `any` where a rule names no stage.
 *
 * The table covers every rule of k8s_audit_rules.yaml at falcosecurity/plugins tag
 * plugins/k8saudit/v0.18.0 and the project's own audit rules; test/audit checks both, and derives
 * each level and stage from the rule's condition (macros expanded), so the table cannot drift from
 * the rules it describes.
 */
export interface FalcoAuditNeed {
  readonly rule: string;
  /** Where the rule comes from. */
  readonly origin: 'k8saudit-0.18.0' | 'project';
  readonly request: AuditRequest;
  readonly level: Exclude<AuditLevel, 'None'>;
  readonly stage: 'ResponseComplete' | 'ResponseStarted' | 'any';
}

const ALICE = { user: 'alice', groups: ['system:authenticated'] } as const;
const ns = 'prod';
const core = (verb: string, resource: string, namespace: string | undefined, extra: Partial<AuditRequest> = {}): AuditRequest => ({
  ...ALICE,
  verb,
  apiGroup: '',
  resource,
  ...(namespace !== undefined ? { namespace } : {}),
  ...extra,
});
const rbac = (verb: string, resource: string, namespace?: string, name?: string): AuditRequest => ({
  ...ALICE,
  verb,
  apiGroup: 'rbac.authorization.k8s.io',
  resource,
  ...(namespace !== undefined ? { namespace } : {}),
  ...(name !== undefined ? { name } : {}),
});
const apps = (verb: string, resource: string): AuditRequest => ({ ...ALICE, verb, apiGroup: 'apps', resource, namespace: ns });

const need = (
  rule: string,
  request: AuditRequest,
  level: FalcoAuditNeed['level'],
  stage: FalcoAuditNeed['stage'] = 'ResponseComplete',
  origin: FalcoAuditNeed['origin'] = 'k8saudit-0.18.0',
): FalcoAuditNeed => ({ rule, origin, request, level, stage });

/** The rules of k8s_audit_rules.yaml 0.18.0, in file order. */
export const K8SAUDIT_RULE_NEEDS: readonly FalcoAuditNeed[] = [
  need('Disallowed K8s User', core('get', 'pods', ns), 'Metadata'),
  need('Create Disallowed Pod', core('create', 'pods', ns), 'Metadata'),
  need('Create Privileged Pod', core('create', 'pods', ns), 'Request'),
  need('Create Sensitive Mount Pod', core('create', 'pods', ns), 'Request'),
  need('Create HostNetwork Pod', core('create', 'pods', ns), 'Request'),
  need('Create HostPid Pod', core('create', 'pods', ns), 'Request'),
  need('Create HostIPC Pod', core('create', 'pods', ns), 'Request'),
  need('Create NodePort Service', core('create', 'services', ns), 'Request'),
  need('Create/Modify Configmap With Private Credentials', core('update', 'configmaps', ns), 'Request'),
  need('Anonymous Request Allowed', { user: 'system:anonymous', groups: ['system:unauthenticated'], verb: 'get', path: '/version' }, 'Metadata'),
  need('Attach/Exec Pod', core('create', 'pods', ns, { subresource: 'exec' }), 'Metadata', 'ResponseStarted'),
  need('port-forward', core('create', 'pods', ns, { subresource: 'portforward' }), 'Metadata', 'any'),
  need('EphemeralContainers Created', core('patch', 'pods', ns, { subresource: 'ephemeralcontainers' }), 'Metadata'),
  need('Create Disallowed Namespace', core('create', 'namespaces', undefined), 'Metadata'),
  need('Pod Created in Kube Namespace', core('create', 'pods', 'kube-system'), 'Request'),
  need('Service Account Created in Kube Namespace', core('create', 'serviceaccounts', 'kube-system'), 'Metadata'),
  need('System ClusterRole Modified/Deleted', rbac('update', 'clusterroles', undefined, 'system:aggregate-to-edit'), 'Metadata'),
  need('Attach to cluster-admin Role', rbac('create', 'clusterrolebindings'), 'Request'),
  need('ClusterRole With Wildcard Created', rbac('create', 'clusterroles'), 'Request'),
  need('ClusterRole With Write Privileges Created', rbac('create', 'clusterroles'), 'Request'),
  need('ClusterRole With Pod Exec Created', rbac('create', 'roles', ns), 'Request'),
  need('K8s Deployment Created', apps('create', 'deployments'), 'Metadata'),
  need('K8s Deployment Deleted', apps('delete', 'deployments'), 'Metadata'),
  need('K8s Service Created', core('create', 'services', ns), 'Metadata'),
  need('K8s Service Deleted', core('delete', 'services', ns), 'Metadata'),
  need('K8s ConfigMap Created', core('create', 'configmaps', ns), 'Metadata'),
  need('K8s ConfigMap Deleted', core('delete', 'configmaps', ns), 'Metadata'),
  need('K8s Namespace Created', core('create', 'namespaces', undefined), 'Metadata'),
  need('K8s Namespace Deleted', core('delete', 'namespaces', undefined), 'Metadata'),
  need('K8s Serviceaccount Created', core('create', 'serviceaccounts', ns), 'Metadata'),
  need('K8s Serviceaccount Deleted', core('delete', 'serviceaccounts', ns), 'Metadata'),
  need('K8s Role Created', rbac('create', 'roles', ns), 'Metadata'),
  need('K8s Role Deleted', rbac('delete', 'roles', ns), 'Metadata'),
  need('K8s ClusterRole Created', rbac('create', 'clusterroles'), 'Metadata'),
  need('K8s ClusterRole Deleted', rbac('delete', 'clusterroles'), 'Metadata'),
  need('K8s RoleBinding Created', rbac('create', 'rolebindings', ns), 'Metadata'),
  need('K8s RoleBinding Deleted', rbac('delete', 'rolebindings', ns), 'Metadata'),
  need('K8s ClusterRoleBinding Created', rbac('create', 'clusterrolebindings'), 'Metadata'),
  need('K8s ClusterRoleBinding Deleted', rbac('delete', 'clusterrolebindings'), 'Metadata'),
  need('K8s Secret Created', core('create', 'secrets', ns), 'Metadata'),
  need('K8s Secret Deleted', core('delete', 'secrets', ns), 'Metadata'),
  need('K8s Secret Get Successfully', core('get', 'secrets', ns), 'Metadata'),
  need('K8s Secret Get Unsuccessfully Tried', core('get', 'secrets', ns), 'Metadata'),
  need('All K8s Audit Events', core('get', 'pods', ns), 'Metadata'),
  need('Full K8s Administrative Access', { user: 'kubernetes-admin', groups: ['system:masters'], verb: 'get', apiGroup: '', resource: 'pods', namespace: ns }, 'Metadata'),
  need('Ingress Object without TLS Certificate Created', { ...ALICE, verb: 'create', apiGroup: 'networking.k8s.io', resource: 'ingresses', namespace: ns }, 'Request'),
  need('Untrusted Node Successfully Joined the Cluster', { user: 'system:node:worker-1', groups: ['system:nodes'], verb: 'create', apiGroup: '', resource: 'nodes' }, 'Metadata'),
  need('Untrusted Node Unsuccessfully Tried to Join the Cluster', { user: 'system:node:worker-1', groups: ['system:nodes'], verb: 'create', apiGroup: '', resource: 'nodes' }, 'Metadata'),
];

/** Names of the project's own audit rules (rules/k8saudit/falco-gitops_k8saudit_rules.yaml). */
export const PROJECT_AUDIT_RULES = {
  mutablePod: 'Mutable Pod Created in Scoped Namespace',
  exec: 'Exec into Pod of Scoped Namespace',
} as const;

/** What the project's own audit rules need, for a namespace they are scoped to. */
export function projectAuditRuleNeeds(scopedNamespace: string): FalcoAuditNeed[] {
  return [
    need(PROJECT_AUDIT_RULES.mutablePod, core('create', 'pods', scopedNamespace), 'Request', 'ResponseComplete', 'project'),
    need(PROJECT_AUDIT_RULES.exec, core('create', 'pods', scopedNamespace, { subresource: 'exec' }), 'Metadata', 'ResponseStarted', 'project'),
  ];
}

/**
 * The k8saudit 0.18.0 rules whose requests carry no namespace (cluster-scoped targets such as
 * namespaces, nodes, ClusterRoles and ClusterRoleBindings, or non-resource URLs): scoped on
 * `ka.target.namespace`, they could never fire, so by default they stay unscoped.
 */
export const AUDIT_CLUSTER_SCOPED_RULES: readonly string[] = K8SAUDIT_RULE_NEEDS.filter((n) => !n.request.namespace).map((n) => n.rule);
