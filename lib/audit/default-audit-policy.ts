import type { AuditPolicy, AuditPolicyRule, AuditStage } from './audit-policy';

export interface DefaultAuditPolicyOptions {
  /** Namespaces whose PersistentVolumeClaim changes are logged with their request bodies (the seed's `front-apps`). */
  readonly volumeNamespaces: readonly string[];
  /** Add the rules Falco's k8saudit rules need before the catch-all. */
  readonly feedFalco: boolean;
}

/** Stages no rule records: `RequestReceived` duplicates every event the later stages write anyway. */
export const DEFAULT_OMIT_STAGES: readonly AuditStage[] = ['RequestReceived'];

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * The hand-made policy's intent, done right (README, "Kubernetes audit"):
 * 1. health probes are not logged (they are most of the volume and say nothing);
 * 2. Secrets, TokenReviews and service account tokens only at Metadata, before anything that
 *    could record their bodies (the linter refuses a policy that records them);
 * 3. namespace changes at RequestResponse;
 * 4. PersistentVolumeClaim changes in the volume namespaces at Request (the seed named
 *    `persistentvolumes`, which are cluster-scoped: its rule could never match);
 * 5. what Falco's k8saudit rules read: pod, service, ConfigMap, RBAC and ingress writes at Request
 *    (their conditions read `ka.req.*`); pod subresources such as exec at Metadata, where their
 *    `ResponseStarted` event is kept. ConfigMap writes are the one place this differs from the
 *    seed's "ConfigMaps at Metadata": Falco's "Create/Modify Configmap With Private Credentials"
 *    reads the body, and a ConfigMap is by contract not a place for secrets. Without `feedFalco`
 *    they stay at Metadata and the linter names the rules that starve;
 * 6. everything else at Metadata.
 */
export function defaultAuditPolicyRules(options: DefaultAuditPolicyOptions): AuditPolicyRule[] {
  const rules: AuditPolicyRule[] = [
    { level: 'None', nonResourceURLs: ['/healthz*', '/livez*', '/readyz*'] },
    {
      level: 'Metadata',
      resources: [
        { group: '', resources: ['secrets', 'serviceaccounts/token'] },
        { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
      ],
    },
    { level: 'RequestResponse', verbs: WRITE_VERBS, resources: [{ group: '', resources: ['namespaces'] }] },
  ];
  if (options.volumeNamespaces.length > 0) {
    rules.push({
      level: 'Request',
      verbs: WRITE_VERBS,
      resources: [{ group: '', resources: ['persistentvolumeclaims'] }],
      namespaces: [...options.volumeNamespaces],
    });
  }
  if (options.feedFalco) {
    rules.push(
      { level: 'Metadata', resources: [{ group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] }] },
      {
        level: 'Request',
        verbs: ['create', 'update', 'patch'],
        resources: [
          { group: '', resources: ['pods', 'pods/ephemeralcontainers', 'services', 'configmaps'] },
          { group: 'rbac.authorization.k8s.io', resources: ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'] },
          { group: 'networking.k8s.io', resources: ['ingresses'] },
        ],
      },
    );
  }
  rules.push({ level: 'Metadata', resources: [{ group: '', resources: ['configmaps'] }] });
  rules.push({ level: 'Metadata' });
  return rules;
}

export function defaultAuditPolicy(options: DefaultAuditPolicyOptions): AuditPolicy {
  return { omitStages: [...DEFAULT_OMIT_STAGES], rules: defaultAuditPolicyRules(options) };
}
