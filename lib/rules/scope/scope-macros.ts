import type { ScopeField } from './scope-options';

/** A macro the scoping adds: a rule of `source` is rewritten to `(<condition>) and <name>`. */
export interface ScopeMacro {
  readonly name: string;
  readonly source: string;
  readonly condition: string;
}

/**
 * Macro names. Falco 0.44 keeps one macro table for all sources (rule_loader_collector.cpp
 * `define(macro_info)` has no source), but compiles a macro's fields with the filter factory of
 * the rule that uses it (rule_loader_compiler.cpp `compile_condition`): a syscall field in a
 * macro used by a k8s_audit rule fails to compile. So each source gets its own macro, named
 * after it, and a macro is only emitted when a rule of its source is scoped.
 */
export const SCOPE_MACRO_NAMES = {
  syscall: 'falco_gitops_scope',
  k8s_audit: 'falco_gitops_scope_k8s_audit',
} as const;

/** The sources whose events carry a namespace, i.e. the ones the scoping can restrict. */
export type ScopableSource = keyof typeof SCOPE_MACRO_NAMES;

export function isScopableSource(source: string): source is ScopableSource {
  return Object.prototype.hasOwnProperty.call(SCOPE_MACRO_NAMES, source);
}

/**
 * The scope macro for `source`. Namespaces are DNS-1123 labels (checked by
 * `validateScopeOptions`), so they need no quoting inside `in (...)`.
 */
export function scopeMacro(source: ScopableSource, field: ScopeField, namespaces: readonly string[]): ScopeMacro {
  const name = SCOPE_MACRO_NAMES[source];
  if (source === 'k8s_audit') {
    // The k8saudit plugins (k8saudit, k8saudit-eks, -gke, …) all fill `ka.target.namespace` with
    // the namespace of the object the request targets.
    return { name, source, condition: `(ka.target.namespace in (${namespaces.join(', ')}))` };
  }
  if (field === 'container.name') {
    // Docker-style container names are `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`; `_` is
    // not allowed in Kubernetes names, so `_<ns>_` matches a whole segment: the namespace, or (the
    // old setup's known blind spot) a container or pod named exactly like the namespace.
    const checks = namespaces.map((ns) => `container.name contains "_${ns}_"`);
    return { name, source, condition: `(${checks.join(' or ')})` };
  }
  return { name, source, condition: `(${field} in (${namespaces.join(', ')}))` };
}
