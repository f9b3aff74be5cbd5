/**
 * The audit policy model of `audit.k8s.io/v1`, typed after kubernetes/apiserver@v0.36.3
 * (Kubernetes 1.36.3): pkg/apis/audit/v1/types.go:34-66 (Level, Stage), :170-197 (Policy),
 * :212-275 (PolicyRule), :278-306 (GroupResources). Field names and JSON spellings are the
 * API server's, so a rule written here is the rule the API server reads.
 */

/** Audit levels, in increasing order of what is recorded (types.go:38-49). */
export const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type AuditLevel = (typeof AUDIT_LEVELS)[number];

/** Stages of request handling (types.go:55-67), in the order an event passes them. */
export const AUDIT_STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] as const;
export type AuditStage = (typeof AUDIT_STAGES)[number];

/** Resource kinds in an API group (types.go:278-306). */
export interface AuditGroupResources {
  /**
   * API group; `''` is the core group, `'*'` every group. No version: `apps`, not `apps/v1`.
   * @default '' (the core group)
   */
  readonly group?: string;
  /**
   * Resources, `pods`, `pods/log` (a subresource), `*`, `pods/*`, `*\/scale`.
   * @default [] (every resource and subresource of the group)
   */
  readonly resources?: readonly string[];
  /**
   * Object names. Needs `resources`.
   * @default [] (every object)
   */
  readonly resourceNames?: readonly string[];
}

/** One rule: a request matching every field is recorded at `level`; the first matching rule wins (types.go:212-275). */
export interface AuditPolicyRule {
  /** The level requests matching this rule are recorded at. */
  readonly level: AuditLevel;
  /**
   * Authenticated user names.
   * @default [] (every user)
   */
  readonly users?: readonly string[];
  /**
   * User groups; a user in any of them matches.
   * @default [] (every group)
   */
  readonly userGroups?: readonly string[];
  /**
   * Verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`;
   * lower-case HTTP methods for non-resource URLs).
   * @default [] (every verb)
   */
  readonly verbs?: readonly string[];
  /**
   * Resources. A rule has resources, non-resource URLs or neither, never both.
   * @default [] (every resource of every group)
   */
  readonly resources?: readonly AuditGroupResources[];
  /**
   * Namespaces; `''` selects cluster-scoped resources.
   * @default [] (every namespace)
   */
  readonly namespaces?: readonly string[];
  /**
   * Non-resource URL paths; `*` only as the final character (`/healthz*`) or alone.
   * @default [] (none)
   */
  readonly nonResourceURLs?: readonly string[];
  /**
   * Stages not recorded for this rule (added to the policy's).
   * @default []
   */
  readonly omitStages?: readonly AuditStage[];
  /**
   * Drop `metadata.managedFields` from recorded bodies; overrides the policy's value.
   * @default - the policy's `omitManagedFields`
   */
  readonly omitManagedFields?: boolean;
}

/** The policy file (types.go:170-197). */
export interface AuditPolicy {
  /** Strictly ordered; the first matching rule decides. A request no rule matches is not recorded (level None). */
  readonly rules: readonly AuditPolicyRule[];
  /** Stages recorded for no rule. */
  readonly omitStages?: readonly AuditStage[];
  /** Drop `metadata.managedFields` from recorded bodies unless a rule says otherwise. */
  readonly omitManagedFields?: boolean;
}

/** `a` records at least what `b` records. */
export function levelAtLeast(a: AuditLevel, b: AuditLevel): boolean {
  return AUDIT_LEVELS.indexOf(a) >= AUDIT_LEVELS.indexOf(b);
}

/** The policy as the API server reads it (`apiVersion`/`kind` first, no empty lists). */
export function auditPolicyDocument(policy: AuditPolicy): Record<string, unknown> {
  return {
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    ...(policy.omitStages?.length ? { omitStages: [...policy.omitStages] } : {}),
    ...(policy.omitManagedFields !== undefined ? { omitManagedFields: policy.omitManagedFields } : {}),
    rules: policy.rules.map(ruleDocument),
  };
}

function ruleDocument(rule: AuditPolicyRule): Record<string, unknown> {
  const out: Record<string, unknown> = { level: rule.level };
  for (const key of ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs', 'omitStages'] as const) {
    const list = rule[key];
    if (list !== undefined && list.length > 0) out[key] = [...list];
  }
  if (rule.resources !== undefined && rule.resources.length > 0) {
    out.resources = rule.resources.map((gr) => ({
      group: gr.group ?? '',
      ...(gr.resources?.length ? { resources: [...gr.resources] } : {}),
      ...(gr.resourceNames?.length ? { resourceNames: [...gr.resourceNames] } : {}),
    }));
  }
  if (rule.omitManagedFields !== undefined) out.omitManagedFields = rule.omitManagedFields;
  return out;
}
