/**
 * Which field tells the namespace of a syscall event:
 * - `k8smeta.ns.name`: the k8smeta plugin, fed by the k8s-metacollector (the stack's default);
 * - `k8s.ns.name`: the container plugin, read from the container runtime (no metacollector needed);
 * - `container.name`: the old setup's fallback, `container.name contains "_<ns>_"`. It only works
 *   where the runtime names containers `k8s_<container>_<pod>_<namespace>_<uid>_<n>` (dockershim,
 *   cri-dockerd); under containerd or CRI-O `container.name` is the bare container name and
 *   nothing would match.
 */
export type ScopeField = 'k8smeta.ns.name' | 'k8s.ns.name' | 'container.name';

export const SCOPE_FIELDS: readonly ScopeField[] = ['k8smeta.ns.name', 'k8s.ns.name', 'container.name'];

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
  readonly scopedFiles?: readonly string[];
  /**
   * Rules left cluster-wide, by exact name. Each must name a rule of the inputs.
   * @default []
   */
  readonly excludeRules?: readonly string[];
  /**
   * Rules left cluster-wide when they carry any of these tags. Each must be a tag of some rule.
   * @default []
   */
  readonly excludeTags?: readonly string[];
}

/** Kubernetes' DNS-1123 label, the format of a namespace name (apimachinery `IsDNS1123Label`). */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks the options that do not depend on the inputs and returns one message per problem
 * (all at once), each naming the option and the value received and saying what is allowed.
 */
export function validateScopeOptions(options: ScopeOptions): string[] {
  const problems: string[] = [];
  const namespaces = options.namespaces as unknown;
  if (!Array.isArray(namespaces) || namespaces.length === 0) {
    problems.push("'namespaces' must list at least one namespace, e.g. ['prod']");
  } else {
    const seen = new Set<string>();
    for (const ns of namespaces as unknown[]) {
      if (typeof ns !== 'string' || ns.length > 63 || !DNS1123_LABEL.test(ns)) {
        problems.push(
          `'namespaces' has ${JSON.stringify(ns)}: a namespace is a DNS-1123 label ` +
            '(at most 63 characters: lower-case letters, digits and \'-\', starting and ending with a letter or digit)',
        );
      } else if (seen.has(ns)) {
        problems.push(`'namespaces' lists '${ns}' twice`);
      }
      if (typeof ns === 'string') seen.add(ns);
    }
  }
  if (!SCOPE_FIELDS.includes(options.field)) {
    problems.push(
      `'field' is ${JSON.stringify(options.field)}: expected one of ${SCOPE_FIELDS.map((f) => `'${f}'`).join(', ')}`,
    );
  }
  for (const key of ['scopedFiles', 'excludeRules', 'excludeTags'] as const) {
    const list = options[key] as unknown;
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v === '')) {
      problems.push(`'${key}' must be a list of non-empty strings`);
      continue;
    }
    const dup = list.find((v, i) => list.indexOf(v) !== i) as string | undefined;
    if (dup !== undefined) problems.push(`'${key}' lists '${dup}' twice`);
  }
  return problems;
}
