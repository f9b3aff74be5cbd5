/** How bad a finding is: an `error` fails synth, a `warning` is printed. */
export type AuditFindingSeverity = 'error' | 'warning';

/**
 * One finding of the audit policy linter. `path` is where in the policy, as the user wrote it
 * (`rules[3].namespaces`); the stack prefixes the prop that holds the policy.
 */
export interface AuditFinding {
  readonly severity: AuditFindingSeverity;
  /** Stable id of the check, e.g. `audit-invalid-level`. */
  readonly code: string;
  readonly path: string;
  /** The value at `path`, when it helps. */
  readonly received?: unknown;
  readonly problem: string;
  readonly fix: string;
}
