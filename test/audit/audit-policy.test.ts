import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  AUDIT_LINT_CODES,
  decisionTable,
  defaultAuditPolicy,
  evaluateAuditPolicy,
  K8SAUDIT_RULE_NEEDS,
  projectAuditRuleNeeds,
  lintAuditPolicy,
  representativeRequests,
  validateAuditPolicy,
  type AuditPolicy,
  type AuditRequest,
} from '../../lib/audit';
import { SHARED_DIR } from '../support/shared-dir';
import { INVALID_POLICIES, VALID_POLICIES } from './validation-cases';

const alice = { user: 'alice', groups: ['system:authenticated'] };

describe('validateAuditPolicy: the cases of validation_test.go (kubernetes/apiserver v0.36.3)', () => {
  for (const { name, policy, rejectedByReader } of VALID_POLICIES) {
    it(`${rejectedByReader ? 'refuses (reader: 0 rules)' : 'accepts'} ${name}`, () => {
      const codes = validateAuditPolicy(policy).map((f) => f.code);
      expect(codes).toEqual(rejectedByReader ? ['audit-no-rules'] : []);
    });
  }
  for (const { name, policy, code } of INVALID_POLICIES) {
    it(`refuses ${name}`, () => {
      const findings = validateAuditPolicy(policy);
      expect(findings.map((f) => f.code)).toContain(code);
      expect(findings.every((f) => f.severity === 'error' && f.fix.length > 0)).toBe(true);
    });
  }

  it('names the field and the fix, e.g. a versioned group', () => {
    const [finding] = validateAuditPolicy({ rules: [{ level: 'Metadata', resources: [{ group: 'apps/v1', resources: ['deployments'] }] }] });
    expect(finding).toMatchObject({ path: 'rules[0].resources[0].group', received: 'apps/v1', fix: 'drop the version: "apps"' });
  });

  it('refuses a field the API server would ignore (a typo that widens the rule)', () => {
    const findings = validateAuditPolicy({ rules: [{ level: 'Metadata', namespace: ['prod'] } as never] });
    expect(findings).toMatchObject([{ code: 'audit-unknown-field', path: 'rules[0].namespace' }]);
  });

  it('accepts the sample policy of the k8saudit plugin 0.18.0', () => {
    const sample = parse(fs.readFileSync(path.join(SHARED_DIR, 'upstream/falco-plugins/k8saudit-0.18.0/audit-policy.yaml'), 'utf8'));
    const { apiVersion, kind, ...policy } = sample;
    expect([apiVersion, kind]).toEqual(['audit.k8s.io/v1', 'Policy']);
    expect(validateAuditPolicy(policy)).toEqual([]);
  });
});

describe('evaluateAuditPolicy: checker.go semantics', () => {
  const policy: AuditPolicy = {
    omitStages: ['RequestReceived'],
    rules: [
      { level: 'None', nonResourceURLs: ['/healthz*'] },
      { level: 'Request', resources: [{ group: '', resources: ['pods/*'] }], namespaces: ['prod'] },
      { level: 'RequestResponse', resources: [{ group: '*', resources: ['*/scale'] }] },
      { level: 'Metadata', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['leader'] }], omitStages: ['ResponseStarted'] },
      { level: 'Metadata' },
    ],
  };
  const cases: Array<[string, AuditRequest, number | undefined, string, string[]]> = [
    ['a trailing * matches a path prefix', { ...alice, verb: 'get', path: '/healthz/etcd' }, 0, 'None', []],
    ['resource/* matches any subresource, and exec is long-running', { ...alice, verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'prod' }, 1, 'Request', ['ResponseStarted', 'ResponseComplete']],
    // checker.go:208-210 compares only the resource part of "pods/*": the pod itself matches too.
    ['pods/* matches the pod itself as well (checker.go:209)', { ...alice, verb: 'create', resource: 'pods', namespace: 'prod' }, 1, 'Request', ['ResponseComplete']],
    ['pods/* does not match another namespace', { ...alice, verb: 'create', resource: 'pods', namespace: 'dev' }, 4, 'Metadata', ['ResponseComplete']],
    ['*/scale in any group', { ...alice, verb: 'patch', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'x' }, 2, 'RequestResponse', ['ResponseComplete']],
    ['resourceNames narrow the match', { ...alice, verb: 'get', resource: 'configmaps', name: 'other', namespace: 'x' }, 4, 'Metadata', ['ResponseComplete']],
    ['stages omitted by a rule add to the policy', { ...alice, verb: 'watch', resource: 'configmaps', name: 'leader', namespace: 'x' }, 3, 'Metadata', ['ResponseComplete']],
  ];
  for (const [name, request, ruleIndex, level, stages] of cases) {
    it(name, () => {
      expect(evaluateAuditPolicy(policy, request)).toMatchObject({ ruleIndex, level, stages });
    });
  }

  it('records nothing when no rule matches', () => {
    expect(evaluateAuditPolicy({ rules: [{ level: 'Metadata', users: ['bob'] }] }, { ...alice, verb: 'get', path: '/' })).toMatchObject({ ruleIndex: undefined, level: 'None', stages: [] });
  });
});

describe('lintAuditPolicy: a planted case for every finding', () => {
  const codes = (policy: AuditPolicy, options = {}) => lintAuditPolicy(policy, options).map((f) => `${f.severity} ${f.code} ${f.path}`);

  it("warns about the seed's PersistentVolume rule in front-apps: cluster-scoped, it never matches", () => {
    const findings = lintAuditPolicy({ rules: [{ level: 'Request', resources: [{ group: '', resources: ['persistentvolumes'] }], namespaces: ['front-apps'] }, { level: 'Metadata' }] });
    expect(findings).toMatchObject([
      { severity: 'warning', code: AUDIT_LINT_CODES.clusterScopedNamespaceFilter, path: 'rules[0].resources[0].resources[0]', fix: expect.stringContaining("'persistentvolumeclaims'") },
    ]);
  });

  for (const [resource, group] of [['namespaces', ''], ['nodes', ''], ['clusterroles', 'rbac.authorization.k8s.io']] as const) {
    it(`warns about a namespaces filter on ${resource}`, () => {
      expect(codes({ rules: [{ level: 'Metadata', resources: [{ group, resources: [resource] }], namespaces: ['prod'] }] })).toEqual([
        `warning ${AUDIT_LINT_CODES.clusterScopedNamespaceFilter} rules[0].resources[0].resources[0]`,
      ]);
    });
  }

  it('says nothing when the namespaces include "" (cluster-scoped requests)', () => {
    expect(codes({ rules: [{ level: 'Metadata', resources: [{ group: '', resources: ['nodes'] }], namespaces: ['', 'prod'] }] })).toEqual([]);
  });

  it('warns about an apps-group resource under the core group', () => {
    const [finding] = lintAuditPolicy({ rules: [{ level: 'Metadata', resources: [{ group: '', resources: ['deployments'] }] }] });
    expect(finding).toMatchObject({ code: AUDIT_LINT_CODES.wrongGroup, fix: 'list it under { group: "apps", resources: ["deployments"] }' });
  });

  it('warns about every rule after an unconditional catch-all', () => {
    expect(codes({ rules: [{ level: 'Metadata' }, { level: 'Request', resources: [{ group: '', resources: ['pods'] }] }, { level: 'None', users: ['x'] }] })).toEqual([
      `warning ${AUDIT_LINT_CODES.afterCatchAll} rules[1]`,
      `warning ${AUDIT_LINT_CODES.afterCatchAll} rules[2]`,
    ]);
  });

  it('refuses Secrets at Request, a * resource at RequestResponse, and a user-narrowed rule', () => {
    expect(codes({ rules: [{ level: 'Request', resources: [{ group: '', resources: ['secrets'] }] }] })).toEqual([`error ${AUDIT_LINT_CODES.secretBodies} rules[0].level`]);
    expect(codes({ rules: [{ level: 'RequestResponse', resources: [{ group: '*', resources: ['*'] }] }] })).toEqual([`error ${AUDIT_LINT_CODES.secretBodies} rules[0].level`]);
    expect(codes({ rules: [{ level: 'Request', users: ['ci'], verbs: ['create'] }] })).toEqual([`error ${AUDIT_LINT_CODES.secretBodies} rules[0].level`]);
  });

  it('refuses a rule whose second user is not shadowed by the rule above it', () => {
    expect(codes({ rules: [
      { level: 'Metadata', users: ['ci'], resources: [{ group: '', resources: ['secrets'] }] },
      { level: 'Request', users: ['ci', 'deployer'], resources: [{ group: '', resources: ['secrets', 'configmaps'] }] },
    ] })).toEqual([`error ${AUDIT_LINT_CODES.secretBodies} rules[1].level`]);
  });

  it('accepts a body-recording rule shadowed for Secrets by a Metadata rule above it', () => {
    expect(codes({ rules: [{ level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }, { group: 'authentication.k8s.io', resources: ['tokenreviews'] }] }, { level: 'Request' }] })).toEqual([]);
  });

  it('accepts Secret bodies only with the explicit opt-in', () => {
    expect(codes({ rules: [{ level: 'Request', resources: [{ group: '', resources: ['secrets'] }] }] }, { allowSecretBodies: true })).toEqual([]);
  });

  it('names the k8saudit rules a Metadata-only policy starves', () => {
    const problems = lintAuditPolicy({ rules: [{ level: 'Metadata' }] }, { falcoNeeds: K8SAUDIT_RULE_NEEDS })
      .filter((f) => f.code === AUDIT_LINT_CODES.falcoStarved)
      .map((f) => f.problem);
    expect(problems).toContainEqual(expect.stringContaining("'Create Privileged Pod'"));
    expect(problems).toContainEqual(expect.stringContaining("'Create/Modify Configmap With Private Credentials'"));
    expect(problems).not.toContainEqual(expect.stringContaining("'Attach/Exec Pod'"));
  });

  it('names the exec rule when ResponseStarted is omitted', () => {
    const problems = lintAuditPolicy({ omitStages: ['ResponseStarted'], rules: [{ level: 'Request' }] }, { allowSecretBodies: true, falcoNeeds: K8SAUDIT_RULE_NEEDS }).map((f) => f.problem);
    expect(problems).toEqual([expect.stringContaining("'Attach/Exec Pod': it reads ResponseStarted events")]);
  });
});

describe('the default policy', () => {
  const policy = defaultAuditPolicy({ volumeNamespaces: ['front-apps'], feedFalco: true });

  it('lints clean and feeds every k8saudit 0.18.0 rule and the project rules', () => {
    expect(lintAuditPolicy(policy, { falcoNeeds: [...K8SAUDIT_RULE_NEEDS, ...projectAuditRuleNeeds('prod')] })).toEqual([]);
  });

  it('without feedFalco keeps the seed (ConfigMaps at Metadata) and names what starves', () => {
    const seed = defaultAuditPolicy({ volumeNamespaces: ['front-apps'], feedFalco: false });
    const starved = lintAuditPolicy(seed, { falcoNeeds: K8SAUDIT_RULE_NEEDS }).map((f) => f.problem.match(/'([^']+)'/)![1]);
    expect(starved).toContain('Create/Modify Configmap With Private Credentials');
    expect(starved).toContain('Create Privileged Pod');
  });

  it('gives the decision table the seed asks for', () => {
    const rows = decisionTable(policy, representativeRequests({ scopedNamespace: 'prod', volumeNamespace: 'front-apps' }));
    const by = Object.fromEntries(rows.map((r) => [r.name, `${r.level} ${r.stages.join('+')}`]));
    expect(by).toMatchObject({
      'create a namespace': 'RequestResponse ResponseComplete',
      'create a pod in prod': 'Request ResponseComplete',
      'exec into a pod in prod': 'Metadata ResponseStarted+ResponseComplete',
      'update a Secret in prod': 'Metadata ResponseComplete',
      'list Secrets of all namespaces': 'Metadata ResponseComplete',
      'update a ConfigMap in prod': 'Request ResponseComplete',
      'get a ConfigMap in prod': 'Metadata ResponseComplete',
      'patch a PVC in front-apps': 'Request ResponseComplete',
      'patch a PVC in prod': 'Metadata ResponseComplete',
      'get /healthz': 'None ',
      'get /version': 'Metadata ResponseComplete',
    });
  });
});
