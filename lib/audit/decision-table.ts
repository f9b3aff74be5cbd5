import type { AuditLevel, AuditPolicy, AuditStage } from './audit-policy';
import { evaluateAuditPolicy, type AuditRequest } from './evaluate-audit-policy';

/** A request of the decision table, with what a reader calls it. */
export interface NamedAuditRequest {
  readonly name: string;
  readonly request: AuditRequest;
}

export interface AuditDecisionRow {
  readonly name: string;
  readonly request: string;
  readonly level: AuditLevel;
  /** `rules[i]`, or `-` when no rule matched. */
  readonly rule: string;
  readonly stages: readonly AuditStage[];
}

/** `alice create pods/exec in prod`, `system:anonymous get /version`. */
export function describeRequest(request: AuditRequest): string {
  if (request.resource === undefined) return `${request.user} ${request.verb} ${request.path ?? '/'}`;
  const group = request.apiGroup ? `${request.apiGroup}/` : '';
  const resource = `${group}${request.resource}${request.subresource ? `/${request.subresource}` : ''}`;
  const name = request.name ? ` ${request.name}` : '';
  const where = request.namespace ? ` in ${request.namespace}` : ' (cluster-scoped or all namespaces)';
  return `${request.user} ${request.verb} ${resource}${name}${where}`;
}

/** The level, stages and deciding rule for each request: first matching rule wins. */
export function decisionTable(policy: AuditPolicy, requests: readonly NamedAuditRequest[]): AuditDecisionRow[] {
  return requests.map(({ name, request }) => {
    const decision = evaluateAuditPolicy(policy, request);
    return {
      name,
      request: describeRequest(request),
      level: decision.level,
      rule: decision.ruleIndex === undefined ? '-' : `rules[${decision.ruleIndex}]`,
      stages: decision.stages,
    };
  });
}

/** The table as Markdown, for `dist/host/` (a reviewer reads it in the pull request's diff). */
export function formatDecisionTable(rows: readonly AuditDecisionRow[]): string {
  const lines = [
    '| request | as the policy sees it | level | rule | stages recorded |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.name} | \`${row.request}\` | ${row.level} | ${row.rule} | ${row.stages.join(', ') || '-'} |`),
  ];
  return `${lines.join('\n')}\n`;
}

export interface RepresentativeRequestsOptions {
  /** A namespace the Falco rules are scoped to (the seed's `prod`). */
  readonly scopedNamespace: string;
  /** A namespace whose volume claims are logged with bodies (the seed's `front-apps`), if any. */
  readonly volumeNamespace: string | undefined;
}

const user = { user: 'alice', groups: ['system:authenticated'] } as const;

/** The requests every synth writes the decision table for: the seed's items and Falco's. */
export function representativeRequests(options: RepresentativeRequestsOptions): NamedAuditRequest[] {
  const ns = options.scopedNamespace;
  const requests: NamedAuditRequest[] = [
    { name: 'create a namespace', request: { ...user, verb: 'create', apiGroup: '', resource: 'namespaces', name: 'team-a' } },
    { name: 'delete a namespace', request: { ...user, verb: 'delete', apiGroup: '', resource: 'namespaces', name: 'team-a' } },
    { name: `create a pod in ${ns}`, request: { ...user, verb: 'create', apiGroup: '', resource: 'pods', namespace: ns } },
    { name: `exec into a pod in ${ns}`, request: { ...user, verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', namespace: ns, name: 'ubuntu' } },
    { name: `read a pod's log in ${ns}`, request: { ...user, verb: 'get', apiGroup: '', resource: 'pods', subresource: 'log', namespace: ns } },
    { name: `update a Secret in ${ns}`, request: { ...user, verb: 'update', apiGroup: '', resource: 'secrets', namespace: ns } },
    { name: `get a Secret in ${ns}`, request: { ...user, verb: 'get', apiGroup: '', resource: 'secrets', namespace: ns } },
    { name: 'list Secrets of all namespaces', request: { ...user, verb: 'list', apiGroup: '', resource: 'secrets' } },
    { name: `update a ConfigMap in ${ns}`, request: { ...user, verb: 'update', apiGroup: '', resource: 'configmaps', namespace: ns } },
    { name: `get a ConfigMap in ${ns}`, request: { ...user, verb: 'get', apiGroup: '', resource: 'configmaps', namespace: ns } },
    ...(options.volumeNamespace !== undefined
      ? [
          { name: `patch a PVC in ${options.volumeNamespace}`, request: { ...user, verb: 'patch', apiGroup: '', resource: 'persistentvolumeclaims', namespace: options.volumeNamespace } },
        ]
      : []),
    { name: `patch a PVC in ${ns}`, request: { ...user, verb: 'patch', apiGroup: '', resource: 'persistentvolumeclaims', namespace: ns } },
    { name: 'create a PersistentVolume', request: { ...user, verb: 'create', apiGroup: '', resource: 'persistentvolumes' } },
    { name: 'bind cluster-admin', request: { ...user, verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' } },
    { name: `create a Deployment in ${ns}`, request: { ...user, verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: ns } },
    { name: 'kubelet watches pods', request: { user: 'system:node:worker-1', groups: ['system:nodes'], verb: 'watch', apiGroup: '', resource: 'pods' } },
    { name: 'get /healthz', request: { user: 'system:anonymous', groups: ['system:unauthenticated'], verb: 'get', path: '/healthz' } },
    { name: 'get /version', request: { user: 'system:anonymous', groups: ['system:unauthenticated'], verb: 'get', path: '/version' } },
  ];
  return requests;
}
