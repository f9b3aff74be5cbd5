import type { AuditPolicy, AuditPolicyRule } from '../../lib/audit';

/**
 * The cases of kubernetes/apiserver@v0.36.3 pkg/apis/audit/validation/validation_test.go:25-150
 * (`TestValidatePolicy`), ported as data: each valid rule alone, the empty policy, a policy with
 * only omitStages, all valid rules together; each invalid rule alone, the valid rules plus an
 * empty rule, and an invalid policy-level omitStages. The one difference: a policy without rules
 * passes ValidatePolicy but is refused by the policy reader (pkg/audit/policy/reader.go:94-97),
 * so here it is invalid (`rejectedByReader`).
 */
const validRules: AuditPolicyRule[] = [
  { level: 'Metadata' },
  { level: 'None', userGroups: ['system:serviceaccounts', 'system:nodes'] },
  {
    level: 'RequestResponse',
    verbs: ['get'],
    resources: [{ group: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings'] }],
    namespaces: ['kube-system'],
  },
  { level: 'Metadata', userGroups: ['developers'], nonResourceURLs: ['/logs*', '/healthz*', '/metrics', '*'] },
  { level: 'Metadata', omitStages: ['RequestReceived'] },
];

export const VALID_POLICIES: ReadonlyArray<{ readonly name: string; readonly policy: AuditPolicy; readonly rejectedByReader?: true }> = [
  ...validRules.map((rule, i) => ({ name: `valid rule ${i}`, policy: { rules: [rule] } })),
  { name: 'empty policy', policy: {} as AuditPolicy, rejectedByReader: true },
  { name: 'policy with omitStages only', policy: { omitStages: ['RequestReceived'] } as unknown as AuditPolicy, rejectedByReader: true },
  { name: 'multiple rules', policy: { rules: validRules } },
];

const invalidRules: Array<{ readonly name: string; readonly rule: unknown; readonly code: string }> = [
  { name: 'empty rule (missing level)', rule: {}, code: 'audit-invalid-level' },
  { name: 'missing level', rule: { verbs: ['get'], resources: [{ resources: ['secrets'] }], namespaces: ['kube-system'] }, code: 'audit-invalid-level' },
  { name: 'invalid level', rule: { level: 'FooBar' }, code: 'audit-invalid-level' },
  { name: 'nonResourceURLs + namespaces', rule: { level: 'Metadata', namespaces: ['default'], nonResourceURLs: ['/logs*'] }, code: 'audit-urls-with-resources' },
  { name: 'nonResourceURLs + resources', rule: { level: 'Metadata', resources: [{ resources: ['secrets'] }], nonResourceURLs: ['/logs*'] }, code: 'audit-urls-with-resources' },
  { name: 'invalid group name', rule: { level: 'Metadata', resources: [{ group: 'rbac.authorization.k8s.io/v1beta1', resources: ['roles'] }] }, code: 'audit-invalid-group' },
  { name: 'invalid non-resource URL', rule: { level: 'Metadata', nonResourceURLs: ['logs', '/healthz*'] }, code: 'audit-invalid-url' },
  { name: 'empty non-resource URL', rule: { level: 'Metadata', nonResourceURLs: ['', '/healthz*'] }, code: 'audit-invalid-url' },
  { name: 'non-resource URL with two *', rule: { level: 'Metadata', nonResourceURLs: ['/logs/*/*', '/metrics'] }, code: 'audit-invalid-url' },
  { name: 'non-resource URL with * not last', rule: { level: 'Metadata', nonResourceURLs: ['/logs/*.log', '/metrics'] }, code: 'audit-invalid-url' },
  { name: 'resourceNames without resources', rule: { level: 'Metadata', verbs: ['get'], resources: [{ resourceNames: ['leader'] }], namespaces: ['kube-system'] }, code: 'audit-names-without-resources' },
  { name: 'invalid omitStages in rule', rule: { level: 'Metadata', omitStages: ['foo'] }, code: 'audit-invalid-stage' },
];

export const INVALID_POLICIES: ReadonlyArray<{ readonly name: string; readonly policy: AuditPolicy; readonly code: string }> = [
  ...invalidRules.map(({ name, rule, code }) => ({ name, policy: { rules: [rule] } as unknown as AuditPolicy, code })),
  { name: 'valid rules plus an empty rule', policy: { rules: [...validRules, {}] } as unknown as AuditPolicy, code: 'audit-invalid-level' },
  { name: 'invalid omitStages in policy', policy: { omitStages: ['foo'], rules: [{ level: 'Metadata' }] } as unknown as AuditPolicy, code: 'audit-invalid-stage' },
];
