import { isDns1123Subdomain, quoteList } from '../core';
import { AUDIT_LEVELS, AUDIT_STAGES, type AuditPolicy } from './audit-policy';
import type { AuditFinding } from './audit-finding';

/**
 * What the API server refuses to start with, ported from kubernetes/apiserver@v0.36.3:
 * - pkg/apis/audit/validation/validation.go:28-140 (`ValidatePolicy`): level required and one of
 *   the four; omitStages (policy and rule) among the four stages; a non-resource URL starts with
 *   `/` (or is `*`) and has `*` only as its last character; nonResourceURLs not together with
 *   resources or namespaces; a group is a DNS-1123 subdomain (so no version, `apps/v1`); resourceNames
 *   need resources.
 * - pkg/audit/policy/reader.go:94-97 (`LoadPolicyFromBytes`): a policy with no rules.
 * - reader.go:65-82: a field the strict decoder does not know is only a warning in the API
 *   server's log (it falls back to lenient decoding and ignores the field), so a typo would silently
 *   widen a rule: here it is an error.
 *
 * Never throws; `policy` may be anything the user wrote.
 */
export function validateAuditPolicy(policy: AuditPolicy): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const error = (code: string, path: string, received: unknown, problem: string, fix: string): void => {
    findings.push({ severity: 'error', code, path, received, problem, fix });
  };
  const raw = policy as unknown as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    error('audit-invalid-policy', '', raw, 'must be an object with `rules`', 'write { rules: [...] }');
    return findings;
  }
  checkKeys(raw, POLICY_KEYS, '', error);
  checkStages(raw.omitStages, 'omitStages', error);
  if (raw.omitManagedFields !== undefined && typeof raw.omitManagedFields !== 'boolean') {
    error('audit-invalid-field', 'omitManagedFields', raw.omitManagedFields, 'must be true or false', 'use true to keep managedFields out of the log');
  }
  // A missing list is Go's nil slice: an empty list.
  const rules = raw.rules ?? [];
  if (!Array.isArray(rules)) {
    error('audit-invalid-field', 'rules', rules, 'must be a list of rules', 'list the rules, first match wins, ending with a catch-all');
    return findings;
  }
  if (rules.length === 0) {
    error(
      'audit-no-rules',
      'rules',
      rules,
      'is empty: the API server refuses a policy with 0 rules ("loaded illegal policy with 0 rules")',
      'add at least a catch-all rule, e.g. { level: "Metadata" }',
    );
  }
  rules.forEach((rule: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
      error('audit-invalid-field', at, rule, 'must be an object with a `level`', 'write { level: "Metadata", ... }');
      return;
    }
    const r = rule as Record<string, unknown>;
    checkKeys(r, RULE_KEYS, `${at}.`, error);
    if (r.level === undefined || r.level === '') {
      error('audit-invalid-level', `${at}.level`, r.level, 'is required', `set one of ${quoteList(AUDIT_LEVELS)}`);
    } else if (!(AUDIT_LEVELS as readonly unknown[]).includes(r.level)) {
      error('audit-invalid-level', `${at}.level`, r.level, `must be one of ${quoteList(AUDIT_LEVELS)}`, 'use an audit level (spelled as Kubernetes spells it)');
    }
    for (const key of ['users', 'userGroups', 'verbs', 'namespaces'] as const) checkStrings(r[key], `${at}.${key}`, error);
    checkStages(r.omitStages, `${at}.omitStages`, error);
    if (r.omitManagedFields !== undefined && typeof r.omitManagedFields !== 'boolean') {
      error('audit-invalid-field', `${at}.omitManagedFields`, r.omitManagedFields, 'must be true or false', 'use true or leave it unset');
    }
    const urls = r.nonResourceURLs;
    if (checkStrings(urls, `${at}.nonResourceURLs`, error)) {
      (urls as string[]).forEach((url, j) => {
        const path = `${at}.nonResourceURLs[${j}]`;
        if (url === '*') return;
        if (!url.startsWith('/')) {
          error('audit-invalid-url', path, url, "must begin with '/' (or be '*')", 'write the path from the root, e.g. "/healthz*"');
        }
        if (url !== '' && url.slice(0, -1).includes('*')) {
          error('audit-invalid-url', path, url, "has a '*' that is not the final character", 'use one trailing wildcard, e.g. "/logs*"');
        }
      });
    }
    const resources = r.resources;
    if (resources !== undefined && !Array.isArray(resources)) {
      error('audit-invalid-field', `${at}.resources`, resources, 'must be a list of { group, resources, resourceNames }', 'e.g. [{ group: "", resources: ["pods"] }]');
    } else if (Array.isArray(resources)) {
      resources.forEach((gr: unknown, j: number) => {
        const path = `${at}.resources[${j}]`;
        if (gr === null || typeof gr !== 'object' || Array.isArray(gr)) {
          error('audit-invalid-field', path, gr, 'must be an object { group, resources, resourceNames }', 'e.g. { group: "apps", resources: ["deployments"] }');
          return;
        }
        const g = gr as Record<string, unknown>;
        checkKeys(g, GROUP_RESOURCES_KEYS, `${path}.`, error);
        if (g.group !== undefined && typeof g.group !== 'string') {
          error('audit-invalid-group', `${path}.group`, g.group, 'must be a string', 'use "" for the core group');
        } else if (typeof g.group === 'string' && g.group !== '' && g.group !== '*' && !isDns1123Subdomain(g.group)) {
          error(
            'audit-invalid-group',
            `${path}.group`,
            g.group,
            'must be an API group name: a lower-case DNS-1123 subdomain without a version',
            String(g.group).includes('/') ? `drop the version: "${String(g.group).split('/')[0]}"` : 'use e.g. "apps" or "rbac.authorization.k8s.io"',
          );
        }
        const names = checkStrings(g.resources, `${path}.resources`, error);
        checkStrings(g.resourceNames, `${path}.resourceNames`, error);
        const nameCount = Array.isArray(g.resourceNames) ? g.resourceNames.length : 0;
        const resourceCount = names && Array.isArray(g.resources) ? g.resources.length : 0;
        if (nameCount > 0 && resourceCount === 0) {
          error('audit-names-without-resources', `${path}.resourceNames`, g.resourceNames, 'using resourceNames requires at least one resource', 'list the resources the names belong to, e.g. resources: ["configmaps"]');
        }
      });
    }
    const hasUrls = Array.isArray(urls) && urls.length > 0;
    const hasResources = Array.isArray(resources) && resources.length > 0;
    const hasNamespaces = Array.isArray(r.namespaces) && r.namespaces.length > 0;
    if (hasUrls && (hasResources || hasNamespaces)) {
      error(
        'audit-urls-with-resources',
        `${at}.nonResourceURLs`,
        urls,
        'rules cannot apply to both regular resources and non-resource URLs (resources or namespaces are set too)',
        'split it into one rule for the resources and one for the URLs',
      );
    }
  });
  return findings;
}

type Report = (code: string, path: string, received: unknown, problem: string, fix: string) => void;

const POLICY_KEYS = ['rules', 'omitStages', 'omitManagedFields'];
const RULE_KEYS = ['level', 'users', 'userGroups', 'verbs', 'resources', 'namespaces', 'nonResourceURLs', 'omitStages', 'omitManagedFields'];
const GROUP_RESOURCES_KEYS = ['group', 'resources', 'resourceNames'];

function checkKeys(object: Record<string, unknown>, known: readonly string[], prefix: string, error: Report): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      error(
        'audit-unknown-field',
        `${prefix}${key}`,
        object[key],
        `is not a field of the audit policy (the API server ignores unknown fields, so the rule would silently match more); known: ${known.join(', ')}`,
        'remove it or correct its spelling',
      );
    }
  }
}

function checkStrings(value: unknown, path: string, error: Report): boolean {
  if (value === undefined) return false;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    error('audit-invalid-field', path, value, 'must be a list of strings', 'e.g. ["create", "update"]');
    return false;
  }
  return true;
}

function checkStages(value: unknown, path: string, error: Report): void {
  if (!checkStrings(value, path, error)) return;
  (value as string[]).forEach((stage, i) => {
    if (!(AUDIT_STAGES as readonly string[]).includes(stage)) {
      error('audit-invalid-stage', `${path}[${i}]`, stage, `must be one of ${quoteList(AUDIT_STAGES)}`, 'use a stage as Kubernetes spells it, e.g. "RequestReceived"');
    }
  });
}
