/**
 * A non-fatal finding for the user. Kept as data (where, what) and formatted once, at the edge,
 * by `formatWarning`: a caller that formatted its own line and had the edge prefix it again
 * printed `warning: rules/x.yaml:3:1: warning: …`.
 */
export interface Warning {
  /** Where, as the user would look for it: `file:line:col`, or a prop (`rules.scope.field`). @default - the stack as a whole */
  readonly subject?: string;
  /** What was found and what to do, in one sentence or two. */
  readonly message: string;
}

/** `subject: warning: message`, the shape of a compiler's warning and of `falco-gitops lint`'s. */
export function formatWarning(warning: Warning): string {
  return warning.subject === undefined ? `warning: ${warning.message}` : `${warning.subject}: warning: ${warning.message}`;
}
