/** A rule file ready to ship: its key in the ConfigMap and its final text. */
export interface RuleFile {
  readonly name: string;
  readonly text: string;
}

/**
 * The rule files of one source (the scoped upstream rules, or the project's own rules), delivered
 * as one ConfigMap mounted as one directory. Bundles are listed in Falco's load order.
 */
export interface RuleBundle {
  /** Construct id and mount directory suffix: `upstream` or `project`. */
  readonly id: string;
  readonly configMapName: string;
  /** In load order; names carry a numeric prefix because Falco reads a directory alphabetically. */
  readonly files: readonly RuleFile[];
}
