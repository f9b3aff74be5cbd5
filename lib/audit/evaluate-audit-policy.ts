import { AUDIT_STAGES, type AuditLevel, type AuditPolicy, type AuditPolicyRule, type AuditStage } from './audit-policy';

/**
 * A request as the audit policy sees it (the authorizer attributes the API server hands to the
 * policy evaluator). A resource request has `resource`; a non-resource request has `path`.
 */
export interface AuditRequest {
  readonly user: string;
  /** @default [] */
  readonly groups?: readonly string[];
  /** Kubernetes verb (`create`, `get`, ...), or the lower-case HTTP method of a non-resource request. */
  readonly verb: string;
  /** API group, `''` for core. @default '' */
  readonly apiGroup?: string;
  readonly resource?: string;
  readonly subresource?: string;
  /** `''` (or unset) for cluster-scoped resources. */
  readonly namespace?: string;
  readonly name?: string;
  /** Path of a non-resource request, e.g. `/healthz`. */
  readonly path?: string;
}

/** What the policy decides for a request. */
export interface AuditDecision {
  readonly level: AuditLevel;
  /** Index of the first matching rule; `undefined` when none matched (level None). */
  readonly ruleIndex: number | undefined;
  /** Stages omitted for this request: the policy's and the rule's, united. */
  readonly omitStages: readonly AuditStage[];
  /** Stages that produce an event (empty at level None). `Panic` is left out: it only happens on a crash. */
  readonly stages: readonly AuditStage[];
}

/**
 * The API server's evaluation, ported from kubernetes/apiserver@v0.36.3
 * pkg/audit/policy/checker.go:64-217: the first rule whose every field matches decides; no match
 * is level None (`DefaultAuditLevel`); stages omitted are the union of the policy's and the rule's
 * (checker.go:33-52).
 */
export function evaluateAuditPolicy(policy: AuditPolicy, request: AuditRequest): AuditDecision {
  const ruleIndex = policy.rules.findIndex((rule) => ruleMatches(rule, request));
  const rule = ruleIndex >= 0 ? policy.rules[ruleIndex] : undefined;
  const omitted = new Set<AuditStage>([...(policy.omitStages ?? []), ...(rule?.omitStages ?? [])]);
  const omitStages = AUDIT_STAGES.filter((stage) => omitted.has(stage));
  const level: AuditLevel = rule?.level ?? 'None';
  const stages = level === 'None' ? [] : stagesOf(request).filter((stage) => !omitted.has(stage));
  return { level, ruleIndex: ruleIndex >= 0 ? ruleIndex : undefined, omitStages, stages };
}

/**
 * Requests the API server serves as long-running: kube-apiserver's `genericConfig.LongRunningFunc =
 * filters.BasicLongRunningRequestCheck(sets.NewString("watch", "proxy"), sets.NewString("attach",
 * "exec", "proxy", "log", "portforward"))` (kubernetes/kubernetes pkg/controlplane/apiserver/config.go,
 * read through the code index; the repository is too large to mirror at a tag). Only they produce a
 * `ResponseStarted` event (apiserver pkg/endpoints/filters/audit.go), once the headers are sent.
 */
const LONG_RUNNING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy', 'log']);

export function isLongRunning(request: AuditRequest): boolean {
  return request.verb === 'watch' || request.verb === 'proxy' || (request.subresource !== undefined && LONG_RUNNING_SUBRESOURCES.has(request.subresource));
}

function stagesOf(request: AuditRequest): AuditStage[] {
  return isLongRunning(request) ? ['RequestReceived', 'ResponseStarted', 'ResponseComplete'] : ['RequestReceived', 'ResponseComplete'];
}

/** checker.go:95-132 `ruleMatches`. */
export function ruleMatches(rule: AuditPolicyRule, request: AuditRequest): boolean {
  if (rule.users?.length && !rule.users.includes(request.user)) return false;
  if (rule.userGroups?.length && !(request.groups ?? []).some((group) => rule.userGroups!.includes(group))) return false;
  if (rule.verbs?.length && !rule.verbs.includes(request.verb)) return false;
  if (rule.namespaces?.length || rule.resources?.length) return ruleMatchesResource(rule, request);
  if (rule.nonResourceURLs?.length) return ruleMatchesNonResource(rule, request);
  return true;
}

function isResourceRequest(request: AuditRequest): boolean {
  return request.resource !== undefined;
}

/** checker.go:135-165. */
function ruleMatchesNonResource(rule: AuditPolicyRule, request: AuditRequest): boolean {
  if (isResourceRequest(request)) return false;
  const path = request.path ?? '';
  return (rule.nonResourceURLs ?? []).some(
    (spec) => spec === '*' || spec === path || (spec.endsWith('*') && path.startsWith(spec.replace(/\*+$/, ''))),
  );
}

/** checker.go:168-217. */
function ruleMatchesResource(rule: AuditPolicyRule, request: AuditRequest): boolean {
  if (!isResourceRequest(request)) return false;
  // Non-namespaced resources use the empty string.
  if (rule.namespaces?.length && !rule.namespaces.includes(request.namespace ?? '')) return false;
  if (!rule.resources?.length) return true;
  const apiGroup = request.apiGroup ?? '';
  const resource = request.resource ?? '';
  const subresource = request.subresource ?? '';
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const gr of rule.resources) {
    const group = gr.group ?? '';
    if (group !== apiGroup && group !== '*') continue;
    if (!gr.resources?.length) return true;
    for (const res of gr.resources) {
      if (gr.resourceNames?.length && !gr.resourceNames.includes(request.name ?? '')) continue;
      if (res === combined || res === '*') return true;
      if (subresource && res.startsWith('*/') && subresource === res.slice(2)) return true;
      if (res.endsWith('/*') && resource === res.slice(0, -2)) return true;
    }
  }
  return false;
}
