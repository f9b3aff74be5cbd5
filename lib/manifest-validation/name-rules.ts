import { apiGroupOf } from './resource-scope';
import {
  DNS1035_LABEL_RULE,
  DNS1123_LABEL_RULE,
  DNS1123_SUBDOMAIN_RULE,
  PATH_SEGMENT_RULE,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isPathSegmentName,
} from './kubernetes-names';

/** A format `metadata.name` must have, with the words used to explain it. */
export interface NameRule {
  readonly test: (name: string) => boolean;
  readonly description: string;
}

const SUBDOMAIN: NameRule = { test: isDns1123Subdomain, description: DNS1123_SUBDOMAIN_RULE };

/**
 * Kinds whose names the API server checks with something other than the default DNS-1123
 * subdomain rule (k8s.io/kubernetes `pkg/apis/<group>/validation`):
 * - Namespace names become DNS labels of in-cluster service names (`ValidateNamespaceName`);
 * - Service names become DNS labels and must start with a letter (`ValidateServiceName`);
 * - RBAC names only need to be URL path segments, so `system:falco` is valid (`ValidateRBACName`).
 */
const NAME_RULES: Readonly<Record<string, NameRule>> = {
  '/Namespace': { test: isDns1123Label, description: DNS1123_LABEL_RULE },
  '/Service': { test: isDns1035Label, description: DNS1035_LABEL_RULE },
  'rbac.authorization.k8s.io/ClusterRole': { test: isPathSegmentName, description: PATH_SEGMENT_RULE },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { test: isPathSegmentName, description: PATH_SEGMENT_RULE },
  'rbac.authorization.k8s.io/Role': { test: isPathSegmentName, description: PATH_SEGMENT_RULE },
  'rbac.authorization.k8s.io/RoleBinding': { test: isPathSegmentName, description: PATH_SEGMENT_RULE },
};

export function nameRuleFor(apiVersion: string, kind: string): NameRule {
  return NAME_RULES[`${apiGroupOf(apiVersion)}/${kind}`] ?? SUBDOMAIN;
}
