import { levelAtLeast, type AuditLevel, type AuditPolicy, type AuditPolicyRule } from './audit-policy';
import type { AuditFinding } from './audit-finding';
import { describeRequest } from './decision-table';
import { evaluateAuditPolicy, type AuditRequest } from './evaluate-audit-policy';
import type { FalcoAuditNeed } from './falco-audit-needs';
import { findResource, groupsOf } from './kubernetes-resources';
import { validateAuditPolicy } from './validate-audit-policy';

export interface LintAuditPolicyOptions {
  /**
   * Accept rules that record Secret (or token) bodies. Without it such a rule is an error.
   * @default false
   */
  readonly allowSecretBodies?: boolean;
  /** How messages name the opt-in, as the user writes it. @default 'allowSecretBodies' */
  readonly allowSecretBodiesName?: string;
  /**
   * The Falco k8s_audit rules the policy must feed; each it cannot feed is a warning naming it.
   * @default []
   */
  readonly falcoNeeds?: readonly FalcoAuditNeed[];
}

/** Codes of the linter's own findings (the API server's rejections carry the codes of `validateAuditPolicy`). */
export const AUDIT_LINT_CODES = {
  clusterScopedNamespaceFilter: 'audit-never-matches-cluster-scoped',
  wrongGroup: 'audit-never-matches-wrong-group',
  afterCatchAll: 'audit-never-matches-after-catch-all',
  secretBodies: 'audit-leaks-secret-bodies',
  falcoStarved: 'audit-starves-falco',
} as const;

/** The namespaced counterpart a user most likely meant. */
const NAMESPACED_COUNTERPART: Readonly<Record<string, string>> = {
  persistentvolumes: 'persistentvolumeclaims',
  clusterroles: 'roles',
  clusterrolebindings: 'rolebindings',
};

/**
 * Lints an audit policy: first what the API server rejects (`validateAuditPolicy`, errors; nothing
 * else is checked while there are some), then what it accepts but never matches (warnings), what
 * leaks credentials into the log file (errors unless opted in) and which Falco rules it starves
 * (warnings). Never throws.
 */
export function lintAuditPolicy(policy: AuditPolicy, options: LintAuditPolicyOptions = {}): AuditFinding[] {
  const invalid = validateAuditPolicy(policy);
  if (invalid.length > 0) return invalid;
  return [
    ...neverMatching(policy),
    ...secretBodies(policy, options),
    ...starvedFalcoRules(policy, options.falcoNeeds ?? []),
  ];
}

function neverMatching(policy: AuditPolicy): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const warn = (code: string, path: string, received: unknown, problem: string, fix: string): void => {
    findings.push({ severity: 'warning', code, path, received, problem, fix });
  };
  policy.rules.forEach((rule, i) => {
    const namespaceFiltered = (rule.namespaces?.length ?? 0) > 0 && !rule.namespaces!.includes('');
    (rule.resources ?? []).forEach((gr, j) => {
      const group = gr.group ?? '';
      (gr.resources ?? []).forEach((res, k) => {
        const path = `rules[${i}].resources[${j}].resources[${k}]`;
        const base = res.split('/')[0] ?? '';
        if (base === '*' || base === '') return;
        const known = group === '*' ? groupsOf(base).map((g) => findResource(g, base)!) : [findResource(group, base)].filter((r) => r !== undefined);
        if (namespaceFiltered && known.length > 0 && known.every((r) => !r.namespaced)) {
          const counterpart = NAMESPACED_COUNTERPART[base];
          warn(
            AUDIT_LINT_CODES.clusterScopedNamespaceFilter,
            path,
            res,
            `never matches: '${base}' is cluster-scoped, its requests have no namespace, and the rule's namespaces ` +
              `(${rule.namespaces!.map((n) => JSON.stringify(n)).join(', ')}) do not include ""`,
            counterpart !== undefined
              ? `for the namespaced object use '${counterpart}'; to log '${base}' move it to a rule without namespaces`
              : `move '${base}' to a rule without namespaces (or add "" to namespaces)`,
          );
        }
        if (group !== '*' && known.length === 0) {
          const groups = groupsOf(base);
          if (groups.length > 0) {
            const where = (g: string): string => (g === '' ? 'the core group ""' : `group "${g}"`);
            warn(
              AUDIT_LINT_CODES.wrongGroup,
              path,
              res,
              `never matches: '${base}' is served by ${groups.map(where).join(' and ')}, not by ${where(group)}`,
              `list it under { group: "${groups[0]}", resources: ["${res}"] }`,
            );
          }
        }
      });
    });
  });
  const catchAll = policy.rules.findIndex(isUnconditional);
  if (catchAll >= 0) {
    for (let i = catchAll + 1; i < policy.rules.length; i++) {
      warn(
        AUDIT_LINT_CODES.afterCatchAll,
        `rules[${i}]`,
        undefined,
        `never matches: rules[${catchAll}] above it matches every request (it has no users, userGroups, verbs, resources, namespaces or nonResourceURLs) and the first matching rule wins`,
        `move it above rules[${catchAll}], or remove it`,
      );
    }
  }
  return findings;
}

/** A rule that matches every request (checker.go:95-132 with every list empty). */
export function isUnconditional(rule: AuditPolicyRule): boolean {
  return (['users', 'userGroups', 'verbs', 'resources', 'namespaces', 'nonResourceURLs'] as const).every((key) => !(rule[key]?.length));
}

/** Requests whose bodies carry credentials, and the lowest level that records the credential. */
const CREDENTIAL_REQUESTS: ReadonlyArray<{ readonly what: string; readonly apiGroup: string; readonly resource: string; readonly subresource?: string; readonly level: AuditLevel; readonly verbs: readonly string[] }> = [
  { what: 'Secret', apiGroup: '', resource: 'secrets', level: 'Request', verbs: ['create', 'update', 'patch', 'get', 'list', 'watch', 'delete'] },
  { what: 'TokenReview (the token to check)', apiGroup: 'authentication.k8s.io', resource: 'tokenreviews', level: 'Request', verbs: ['create'] },
  { what: 'service account token (TokenRequest response)', apiGroup: '', resource: 'serviceaccounts', subresource: 'token', level: 'RequestResponse', verbs: ['create'] },
];

function secretBodies(policy: AuditPolicy, options: LintAuditPolicyOptions): AuditFinding[] {
  if (options.allowSecretBodies) return [];
  const optIn = options.allowSecretBodiesName ?? 'allowSecretBodies';
  const findings: AuditFinding[] = [];
  policy.rules.forEach((rule, i) => {
    if (!levelAtLeast(rule.level, 'Request')) return;
    for (const credential of CREDENTIAL_REQUESTS) {
      if (!levelAtLeast(rule.level, credential.level)) continue;
      const probes = probesFor(rule, credential);
      const hit = probes.find((probe) => evaluateAuditPolicy(policy, probe).ruleIndex === i);
      if (hit === undefined) continue;
      findings.push({
        severity: 'error',
        code: AUDIT_LINT_CODES.secretBodies,
        path: `rules[${i}].level`,
        received: rule.level,
        problem:
          `records the body of a ${credential.what} (${describeRequest(hit)} is logged at ${rule.level} by this rule): ` +
          'the credential would be written in clear text to the audit log on every control-plane node',
        fix:
          `put { level: "Metadata", resources: [{ group: "${credential.apiGroup}", resources: ["${credential.subresource ? `${credential.resource}/${credential.subresource}` : credential.resource}"] }] } above rules[${i}], ` +
          `narrow rules[${i}], or set ${optIn}: true if the log is protected like the Secrets themselves`,
      });
      break;
    }
  });
  return findings;
}

/**
 * Requests for `credential` shaped by the rule's own filters (each of its users, groups, verbs and
 * namespaces), so a rule narrowed to some user or namespace is still probed, and a rule above that
 * shadows only some of them does not hide the others.
 */
function probesFor(rule: AuditPolicyRule, credential: (typeof CREDENTIAL_REQUESTS)[number]): AuditRequest[] {
  const users = rule.users?.length ? rule.users : ['alice'];
  const groupSets = rule.userGroups?.length ? rule.userGroups.map((g) => [g]) : [['system:authenticated']];
  const verbs = rule.verbs?.length ? rule.verbs.filter((v) => credential.verbs.includes(v)) : credential.verbs;
  const namespaces = credential.apiGroup === 'authentication.k8s.io' ? [''] : rule.namespaces?.length ? rule.namespaces : ['default', ''];
  return users.flatMap((user) =>
    groupSets.flatMap((groups) =>
      verbs.flatMap((verb) =>
        namespaces.map((namespace) => ({
          user,
          groups,
          verb,
          apiGroup: credential.apiGroup,
          resource: credential.resource,
          ...(credential.subresource ? { subresource: credential.subresource } : {}),
          namespace,
        })),
      ),
    ),
  );
}

function starvedFalcoRules(policy: AuditPolicy, needs: readonly FalcoAuditNeed[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const need of needs) {
    const decision = evaluateAuditPolicy(policy, need.request);
    const where = decision.ruleIndex === undefined ? 'no rule (level None)' : `rules[${decision.ruleIndex}]`;
    const path = decision.ruleIndex === undefined ? 'rules' : `rules[${decision.ruleIndex}]`;
    const origin = need.origin === 'project' ? 'project audit rule' : 'k8saudit rule';
    if (!levelAtLeast(decision.level, need.level)) {
      findings.push({
        severity: 'warning',
        code: AUDIT_LINT_CODES.falcoStarved,
        path,
        received: decision.level,
        problem:
          `starves the Falco ${origin} '${need.rule}': ${describeRequest(need.request)} is logged at ${decision.level} by ${where}, ` +
          (need.level === 'Request'
            ? 'but the rule reads the request body (ka.req.*), recorded from level Request on'
            : `but the rule needs at least ${need.level}`),
        fix: `add a rule at ${need.level} for this request above ${where === 'no rule (level None)' ? 'the end of the policy' : where}`,
      });
      continue;
    }
    const stageMissing = need.stage === 'any' ? decision.stages.length === 0 : !decision.stages.includes(need.stage);
    if (stageMissing) {
      findings.push({
        severity: 'warning',
        code: AUDIT_LINT_CODES.falcoStarved,
        path,
        received: decision.omitStages,
        problem: `starves the Falco ${origin} '${need.rule}': it reads ${need.stage === 'any' ? 'events of any stage' : `${need.stage} events`}, but ${describeRequest(need.request)} produces none (omitted stages: ${decision.omitStages.join(', ') || 'none'})`,
        fix: need.stage === 'any' ? 'record at least one stage for this request' : `do not omit ${need.stage} for this request`,
      });
    }
  }
  return findings;
}
