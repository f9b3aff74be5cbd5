import { DNS1123_LABEL_DESCRIPTION, isDns1123Label, quoteList } from '../../core';
import type { ScopeOptionProblem } from './scope-options-error';

/**
 * Which field tells the namespace of a syscall event:
 * - `k8smeta.ns.name`: the k8smeta plugin, fed by the k8s-metacollector (the stack's default);
 * - `k8s.ns.name`: the container plugin, read from the container runtime (no metacollector needed);
 * - `container.name`: the old setup's fallback, `container.name contains "_<ns>_"`. It only works
 *   where the runtime names containers `k8s_<container>_<pod>_<namespace>_<uid>_<n>` (dockershim,
 *   cri-dockerd); under containerd or CRI-O `container.name` is the bare container name and
 *   nothing would match.
 */
export const SCOPE_FIELDS = ['k8smeta.ns.name', 'k8s.ns.name', 'container.name'] as const;

export type ScopeField = (typeof SCOPE_FIELDS)[number];

/** How `scopeRuleFiles` restricts rules to namespaces. */
export interface ScopeOptions {
  /** Namespaces the scoped rules fire in: non-empty, DNS-1123 labels, no duplicates. */
  readonly namespaces: readonly string[];
  /** Field that carries a syscall event's namespace. */
  readonly field: ScopeField;
  /**
   * Input files (by name, or by base name) whose rules are scoped; a rule belongs to the file
   * that first defined it.
   * @default - every input file
   */
  readonly files?: readonly string[];
  /**
   * Rules left cluster-wide, by exact name. Each must name a rule of the inputs.
   * @default - `SCOPE_DEFAULTS.excludeRules` (none)
   */
  readonly excludeRules?: readonly string[];
  /**
   * Rules left cluster-wide when they carry any of these tags. Each must be a tag of some rule,
   * except the default one.
   * @default - `SCOPE_DEFAULTS.excludeTags`: `['falco_gitops_cluster_wide']`, as synth
   */
  readonly excludeTags?: readonly string[];
}

export type ScopeOptionName = keyof ScopeOptions;

/**
 * The one vocabulary of the scope options: the library's option (and the stack's
 * `rules.scope.<option>` prop) and the `falco-gitops scope` flag that sets it. Every message about
 * an option is worded with the name the user wrote, through this table.
 */
export const SCOPE_OPTION_FLAGS: Readonly<Record<ScopeOptionName, string>> = {
  namespaces: '--namespace',
  field: '--field',
  files: '--scoped-file',
  excludeRules: '--exclude-rule',
  excludeTags: '--exclude-tag',
};

/**
 * Checks the options that do not depend on the inputs and returns every problem at once, each
 * naming the option and the value received and saying what is allowed.
 */
export function validateScopeOptions(options: ScopeOptions): ScopeOptionProblem[] {
  const problems: ScopeOptionProblem[] = [];
  const namespaces = options.namespaces as unknown;
  if (!Array.isArray(namespaces) || namespaces.length === 0) {
    problems.push({ option: 'namespaces', received: namespaces, problem: 'must list at least one namespace', fix: "e.g. ['prod']" });
  } else {
    const seen = new Set<string>();
    for (const ns of namespaces as unknown[]) {
      if (!isDns1123Label(ns)) {
        problems.push({ option: 'namespaces', received: ns, problem: `a namespace is ${DNS1123_LABEL_DESCRIPTION}` });
      } else if (seen.has(ns)) {
        problems.push({ option: 'namespaces', received: ns, problem: 'is listed twice', fix: 'list each namespace once' });
      }
      if (typeof ns === 'string') seen.add(ns);
    }
  }
  if (!(SCOPE_FIELDS as readonly unknown[]).includes(options.field)) {
    problems.push({
      option: 'field',
      received: options.field,
      problem: `must be one of ${quoteList(SCOPE_FIELDS)}`,
      fix: "use 'k8smeta.ns.name' (see the README section on scoping)",
    });
  }
  for (const key of ['files', 'excludeRules', 'excludeTags'] as const) {
    const list = options[key] as unknown;
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v === '')) {
      problems.push({ option: key, received: list, problem: 'must be a list of non-empty strings' });
      continue;
    }
    const dup = list.find((v, i) => list.indexOf(v) !== i) as string | undefined;
    if (dup !== undefined) problems.push({ option: key, received: dup, problem: 'is listed twice', fix: 'list each name once' });
  }
  return problems;
}

/**
 * Why a field silences the scoped rules on the runtime this stack targets, or undefined when it
 * works there. k3s (and RKE2) run containerd; through the CRI the container plugin names a
 * container by its bare Kubernetes name, `ctr.GetMetadata().GetName()`
 * (falcosecurity/plugins@plugins/container/v0.7.1:plugins/container/go-worker/pkg/container/cri.go:347),
 * and through containerd's own API by its short id (same tag, containerd.go:210): never
 * `k8s_<container>_<pod>_<namespace>_…`, which only Docker-named containers have (dockershim,
 * cri-dockerd, k3s started with `--docker`). `k8s.ns.name` comes from the pod's CRI labels on
 * every runtime; `k8smeta.ns.name` from the k8s-metacollector (its absence is a prop error).
 */
export function scopeFieldWarning(field: ScopeField): string | undefined {
  if (field !== 'container.name') return undefined;
  return (
    'under containerd (the runtime of k3s and RKE2) and CRI-O, container.name is the bare container name ' +
    "or a short container id, never 'k8s_<container>_<pod>_<namespace>_…', so 'container.name contains \"_<ns>_\"' " +
    'never matches and every scoped rule stays silent; only Docker-named containers (cri-dockerd, k3s --docker) ' +
    "carry the namespace in their name. Use 'k8s.ns.name' (container plugin, any runtime) or 'k8smeta.ns.name' (k8s-metacollector)"
  );
}
