/**
 * The tag of the project rules that must fire in every namespace (see
 * `rules/falco-gitops_rules.yaml`): excluded from the scoping by default.
 */
export const CLUSTER_WIDE_TAG = 'falco_gitops_cluster_wide';

/**
 * The defaults of the optional scope options: the one source that the stack's `rules.scope` props
 * and the `falco-gitops scope` command both apply, so the command reproduces what synth ships.
 * `files` has no entry: left out, every input file is scoped.
 */
export const SCOPE_DEFAULTS = {
  field: 'k8smeta.ns.name',
  excludeRules: [] as readonly string[],
  excludeTags: [CLUSTER_WIDE_TAG] as readonly string[],
} as const;
